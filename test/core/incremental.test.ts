import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editWindow } from '../../server/src/core/incremental';
import { sampleCorpus, serviceOver, statement } from './corpus-fixture';

const service = serviceOver(sampleCorpus());
const NEW = 'Our delegation is grateful to the Chair for convening this meeting and looks forward to a constructive exchange with every region represented here today.';

/** A draft of new text with copied paragraphs from three statements. */
function draft(): string {
  const lines002 = statement('002').text.split('\n');
  const paras000 = statement('000').text.split('\n\n');
  const filler = Array.from({ length: 12 }, (_, i) => NEW.replace('today', `on day ${i + 1}`));
  return [NEW, lines002[4], ...filler.slice(0, 6), NEW.replace('grateful', 'thankful'), paras000[3], lines002[8], ...filler.slice(6), NEW.replace('Chair', 'Bureau'), paras000[5]].join('\n\n');
}

const strip = (fs: readonly { code: string; span: { start: number; end: number }; sources: readonly { path: string; span: { start: number; end: number } }[] }[]) =>
  fs.map((f) => ({ code: f.code, span: f.span, sources: f.sources.map((s) => [s.path, s.span.start, s.span.end]) }));

describe('incremental re-check', () => {
  // each edit is applied to the text the previous one produced; after each, the incremental
  // result must equal a full check of the same text
  const edits: [string, (t: string) => string][] = [
    ['type one character inside a copied paragraph', (t) => t.replace('Turning', 'Turnxing')],
    ['delete that character again', (t) => t.replace('Turnxing', 'Turning')],
    ['insert a word in new text', (t) => t.replace('constructive exchange', 'constructive and open exchange')],
    ['paste a copied paragraph into new text', (t) => t.replace('here today.', `here today. ${statement('002').text.split('\n')[5]}`)],
    ['delete a whole copied paragraph', (t) => { const p = statement('000').text.split('\n\n')[3]; return t.replace(p, ''); }],
    ['type at the very start', (t) => `Draft. ${t}`],
    ['type at the very end', (t) => `${t} Thank you.`],
    ['open a comment that hides everything after it', (t) => t.replace('Draft. ', 'Draft. <!-- ')],
    ['close it again', (t) => t.replace('Draft. <!-- ', 'Draft. ')],
  ];

  it('re-checks only a window around a small edit of a long draft', () => {
    const text = draft();
    const before = service.check({ text }).findings;
    const edited = text.replace('Turning', 'Turnxing');
    const w = editWindow(text, edited, before);
    assert.ok(w, 'a window, not a full check');
    assert.ok(w.window.end - w.window.start < edited.length / 2);
    assert.equal(w.kept.length, before.length - 1, 'every other finding is kept');
  });

  it('gives the same findings as a full check after each edit', () => {
    let text = draft();
    const key = 'untitled:draft-1';
    assert.ok(service.check({ text, key }).findings.length >= 4);
    for (const [name, edit] of edits) {
      text = edit(text);
      const incremental = service.check({ text, key }).findings;
      const full = service.check({ text }).findings;
      assert.deepEqual(strip(incremental), strip(full), name);
    }
  });
});
