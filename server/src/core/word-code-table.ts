// The tokenizer's table: for each UTF-16 code unit, the folded (NFKC, lower-case) code unit of a
// word character, 0 for a separator, or a marker for what needs more than one table read.
// Building it asks the runtime's Unicode data about every code unit (measured 16-25 ms, in every
// process and worker that tokenizes), so it is built once, by `npm run generate:word-codes`, and
// shipped as runs (word-code-runs.ts); a test checks the runs against a fresh build. Tokens of the
// Basic Multilingual Plane, and so most of the persisted index, then do not depend on the Unicode
// version of the Node that runs Lectern; characters outside it, words that need NFKC (K_SLOW) and
// scripts written without spaces (Intl.Segmenter) still ask the runtime.

export const SEP = 0, WORD = 1, UNSPACED = 2;
export const K_SURROGATE = 0xfffb, K_IGNORABLE = 0xfffc, K_APOSTROPHE = 0xfffd, K_UNSPACED = 0xfffe, K_SLOW = 0xffff;

const UNSPACED_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Separator, word character, or a character of a script written without spaces (any code point). */
export function classifyCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (UNSPACED_SCRIPTS.test(ch)) return UNSPACED;
  return WORD_CHAR.test(ch) ? WORD : SEP;
}

/** The table from this runtime's Unicode data. */
export function buildCodeTable(): Uint16Array {
  const t = new Uint16Array(65536);
  for (let c = 0x30; c <= 0x39; c++) t[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 32;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = c;
  for (let c = 0x80; c < 0x10000; c++) {
    if (c >= 0xd800 && c < 0xe000) { t[c] = K_SURROGATE; continue; }
    const cls = classifyCodePoint(c);
    if (cls === SEP) continue;
    if (cls === UNSPACED) { t[c] = K_UNSPACED; continue; }
    const folded = String.fromCharCode(c).normalize('NFKC').toLowerCase();
    // combining marks may compose with the previous letter under NFKC: fold those words whole
    const single = folded.length === 1 && !/\p{M}/u.test(folded) ? folded.charCodeAt(0) : K_SLOW;
    t[c] = single >= K_SURROGATE ? K_SLOW : single;
  }
  for (const c of [0x27, 0x2019, 0x2018, 0x02bc, 0x2032]) t[c] = K_APOSTROPHE;
  for (const c of [0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) t[c] = K_IGNORABLE;
  return t;
}

/**
 * The table as runs of equal entries, "length=value" (a separator or a marker) or "length+delta"
 * (each entry is its code unit plus delta, as a run of letters that fold to themselves is),
 * lengths and values in base 36, comma-separated: ~2,700 runs, ~13 KB.
 */
export function encodeCodeRuns(t: Uint16Array): string {
  const key = (c: number) => (t[c] === 0 || t[c] >= K_SURROGATE ? `=${t[c].toString(36)}` : `+${((t[c] - c) & 0xffff).toString(36)}`);
  const runs: string[] = [];
  for (let c = 0; c < t.length;) {
    const k = key(c);
    let end = c + 1;
    while (end < t.length && key(end) === k) end++;
    runs.push(`${(end - c).toString(36)}${k}`);
    c = end;
  }
  return runs.join(',');
}

export function decodeCodeRuns(runs: string): Uint16Array {
  const t = new Uint16Array(65536);
  let c = 0;
  for (const run of runs.split(',')) {
    const at = run.search(/[=+]/);
    const length = parseInt(run.slice(0, at), 36), value = parseInt(run.slice(at + 1), 36);
    if (run[at] === '=') t.fill(value, c, c + length);
    else for (let i = c; i < c + length; i++) t[i] = (i + value) & 0xffff;
    c += length;
  }
  return t;
}
