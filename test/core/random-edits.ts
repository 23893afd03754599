// Random edits of real statements, for checking that an incremental computation after an edit
// equals the computation from scratch: typed characters, tricky fragments (line breaks, blank
// lines, a hyphen at a line end, apostrophes, an unspaced script, front matter) and deletions,
// anywhere in the text, the very start and end included. Seeded, so a failure repeats.
import { sampleCorpus } from './corpus-fixture';

const FRAGMENTS = ['x', ' ', '\n', '\n\n', '-\n', '-\n  ', "'", '’s', 'organi-\nsation', '東京で', '---\n', 'title: X\n---\n', '\r\n', '  \n', '1. ', '# ', '<!--', '-->', '.'];

export interface RandomEdit { before: string; after: string; where: number }

export function* randomEdits(count: number, seed = 7): Generator<RandomEdit> {
  let s = seed;
  const rnd = (n: number) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s >>> 8) % n; };
  const texts = sampleCorpus().map((st) => st.text);
  texts.push(`---\ntitle: A draft\ndate: 2024-09-24\n---\n\n${texts[0].slice(0, 3000)}`);
  for (let i = 0; i < count; i++) {
    let before = texts[rnd(texts.length)];
    if (before.length > 6000) { const at = rnd(before.length - 6000); before = before.slice(at, at + 6000); }
    const where = [0, before.length][rnd(12)] ?? rnd(before.length + 1);
    const kind = rnd(3);
    const cut = kind === 0 ? 0 : 1 + rnd(kind === 1 ? 3 : 80);
    const insert = kind === 2 ? '' : FRAGMENTS[rnd(FRAGMENTS.length)];
    yield { before, after: before.slice(0, where) + insert + before.slice(Math.min(before.length, where + cut)), where };
  }
}
