import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeToSpan, spanToRange } from '../../server/src/lsp/convert';
import { tokenize } from '../../server/src/core/words';

// Regression cases for the one module that turns UTF-16 spans into LSP ranges.
describe('span <-> range', () => {
  const at = (text: string, word: string) => { const d = TextDocument.create('file:///x', 'statement', 1, text); const s = text.indexOf(word); return { d, span: { start: s, end: s + word.length } }; };

  it('counts an emoji as two UTF-16 columns', () => {
    const { d, span } = at('🎉 Kyoto', 'Kyoto');
    assert.deepEqual(spanToRange(d, span), { start: { line: 0, character: 3 }, end: { line: 0, character: 8 } });
  });
  it('keeps combining marks inside the word', () => {
    const text = 'Ju\u0308rgen Stock';
    const w = tokenize(text);
    const d = TextDocument.create('file:///x', 'statement', 1, text);
    assert.deepEqual(spanToRange(d, { start: w.start[0], end: w.end[0] }), { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
  });
  it('places spans after CRLF line ends', () => {
    const { d, span } = at('One\r\nTwo three', 'three');
    assert.deepEqual(spanToRange(d, span), { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } });
  });
  it('round-trips', () => {
    const { d, span } = at('a\r\n🎉 b\nc d', 'd');
    assert.deepEqual(rangeToSpan(d, spanToRange(d, span)), span);
  });
});
