import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedRegion } from '../../server/src/core/incremental';
import { hashString, maxUtf8Words, normalizeWord, retokenize, tokenize, utf8WordHashes, wordHashes } from '../../server/src/core/words';
import { WORD_CODE_RUNS, WORD_CODE_UNICODE } from '../../server/src/core/word-code-runs';
import { buildCodeTable, decodeCodeRuns, encodeCodeRuns } from '../../server/src/core/word-code-table';
import { sampleCorpus } from './corpus-fixture';
import { randomEdits } from './random-edits';

function words(text: string): string[] {
  const w = tokenize(text);
  return Array.from({ length: w.count }, (_, i) => text.slice(w.start[i], w.end[i]));
}
const hashes = (text: string) => Array.from(tokenize(text).hash);

describe('the tokenizer table', () => {
  it(`shipped (Unicode ${WORD_CODE_UNICODE}) equals one built from this Node's Unicode data; if not, run npm run generate:word-codes`, () => {
    const built = buildCodeTable();
    assert.equal(encodeCodeRuns(built), WORD_CODE_RUNS);
    assert.deepEqual(decodeCodeRuns(WORD_CODE_RUNS), built);
  });
});

describe('tokenize', () => {
  const cases: [string, string, string[]][] = [
    ['plain words and punctuation', 'Thank you, Mr President.', ['Thank', 'you', 'Mr', 'President']],
    ['apostrophes stay inside words', "the UK's and the UK’s", ['the', "UK's", 'and', 'the', 'UK’s']],
    ['hyphens separate', 'cross-border co-operation', ['cross', 'border', 'co', 'operation']],
    ['Markdown emphasis is not a word', '**Policy** and *Kyoto Declaration*', ['Policy', 'and', 'Kyoto', 'Declaration']],
    ['numbers are words', 'Resolution 75/10 of 2021', ['Resolution', '75', '10', 'of', '2021']],
    ['PDF line-break hyphenation joins', 'organi-\nsation and Secretary-\nGeneral', ['organi-\nsation', 'and', 'Secretary', 'General']],
    ['Russian', 'Организация Объединённых Наций', ['Организация', 'Объединённых', 'Наций']],
    ['Arabic', 'الأمم المتحدة', ['الأمم', 'المتحدة']],
    ['empty text', '', []],
    ['only punctuation', ' -- ... ', []],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.deepEqual(words(text), expected));

  it('segments Chinese, which is written without spaces', () => {
    const w = words('联合国大会');
    assert.ok(w.length >= 2, `expected several words, got ${JSON.stringify(w)}`);
    assert.equal(w.join(''), '联合国大会');
  });

  it('gives UTF-16 offsets past astral characters (emoji)', () => {
    const text = '🎉 Kyoto 🇯🇵 Declaration';
    const w = tokenize(text);
    assert.equal(text.slice(w.start[0], w.end[0]), 'Kyoto');
    assert.equal(w.start[0], 3);
    assert.equal(text.slice(w.start[1], w.end[1]), 'Declaration');
  });
});

describe('normalisation', () => {
  it('folds case, apostrophe style, NFKC and soft hyphens to one hash', () => {
    assert.deepEqual(hashes('The UK’s ﬁnal Organi\u00adsation'), hashes("the uk's final organisation"));
  });
  it('joins words hyphenated at a line break', () => {
    assert.deepEqual(hashes('organi-\n  sation'), hashes('organisation'));
  });
  it('keeps distinct words distinct', () => {
    assert.notDeepEqual(hashes('organised'), hashes('organized'));
    assert.notDeepEqual(hashes('Jürgen'), hashes('Jurgen'));
  });
  it('hashes a non-ASCII word the same through the fast and slow paths', () => {
    assert.equal(tokenize('Jürgen').hash[0], hashString(normalizeWord('Jürgen')));
    assert.equal(tokenize('Assembly’s').hash[0], hashString("assembly's"));
  });
  it('composes combining marks as NFKC does', () => {
    assert.deepEqual(hashes('Ju\u0308rgen'), hashes('Jürgen'));
  });
});

describe('retokenize', () => {
  it('gives the words tokenize gives, after 800 random edits of corpus statements', () => {
    for (const { before, after, where } of randomEdits(800)) {
      const { prefix, suffix } = changedRegion(before, after);
      const got = retokenize(tokenize(before), before, after, prefix, suffix);
      const want = tokenize(after);
      const show = (w: typeof want) => Array.from({ length: w.count }, (_, i) => `${w.start[i]}-${w.end[i]}:${w.hash[i]}`);
      assert.deepEqual(show(got), show(want), `edit at ${where}: ${JSON.stringify(after.slice(Math.max(0, where - 20), where + 20))}`);
    }
  });
});

describe('wordHashes', () => {
  it('gives the hashes tokenize gives, for every corpus statement', () => {
    for (const st of sampleCorpus()) assert.deepEqual(wordHashes(st.text), tokenize(st.text).hash, st.path);
  });
});

describe('utf8WordHashes', () => {
  const fromBytes = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    const out = new Uint32Array(maxUtf8Words(bytes.length));
    return out.slice(0, utf8WordHashes(bytes, out));
  };
  const same = (text: string, what = JSON.stringify(text)) => {
    // the text as indexing decodes it: without a leading BOM
    assert.deepEqual(fromBytes(text), wordHashes(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), what);
  };

  it('gives the hashes wordHashes gives the decoded text, for every corpus statement', () => {
    for (const st of sampleCorpus()) same(st.text, st.path);
  });

  // every branch of the scanner: 1-, 2-, 3- and 4-byte characters, each marker of the table,
  // apostrophes and line-break hyphens before every kind of character and at the end
  const pieces = ['word', 'Word', ' ', '\n', '\r\n', '  ', '-', '-\n', '-\r\n  ', "'", '’', '‘', 'ʼ', '′', '.', ',', '42', 'é', 'É', 'Jürgen',
    'Организация', 'الأمم', 'ﬁ', 'İ', 'Ⅻ', 'Ｆｕｌｌ', 'u\u0308', '\u00ad', '\u200b', '\u200d', '\ufeff', '联合国大会', 'ประเทศไทย', '🎉', '𝐀𝐁', '𐐀', '𠀀',
    '**', '—', '\u00a0', 'ß', 'Ω', 'ǅ'];
  it('gives the hashes wordHashes gives, on 3,000 random texts of every kind of character', () => {
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / (1 << 24);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const len = 1 + Math.floor(next() * 12);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(next() * pieces.length)];
      same(text);
    }
  });
  it('handles the edges: empty, a BOM, a hyphen or apostrophe at the very end', () => {
    for (const text of ['', '\ufeff', '\ufeffWord and more', 'end-', 'end-\n', "end'", 'end’', "'start", 'organi-\nÉtat', 'organi-\n𝐀', 'organi-\né']) same(text);
  });
});
