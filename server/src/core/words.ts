// Word tokens with UTF-16 spans and a hash of each word's normalised form.
//
// Normalisation folds what differs between copies of one passage without changing its words:
// Unicode compatibility forms (NFKC), case, curly vs straight apostrophes, soft hyphens, and words
// hyphenated across a line break by PDF extraction ("organi-\nsation"). Punctuation, quotes,
// dashes, Markdown emphasis and all whitespace (spaces, line wraps, blank lines) separate words
// and so never take part in matching.
//
// This is the indexing hot path (every corpus word passes through it), so it scans char codes
// against a precomputed class table instead of running Intl.Segmenter over everything: measured on
// UNGDC, Intl.Segmenter alone runs at ~9 MB/s, this scanner at ~100 MB/s. Intl.Segmenter is still
// used where it is needed: for runs of scripts written without spaces (Chinese, Japanese, Thai, ...).

export interface Words {
  readonly count: number;
  /** FNV-1a hash of each word's normalised form. */
  readonly hash: Uint32Array;
  /** UTF-16 offsets of each word in the original text. */
  readonly start: Uint32Array;
  readonly end: Uint32Array;
}

const SEP = 0, WORD = 1, UNSPACED = 2, APOSTROPHE = 3, IGNORABLE = 4;

const UNSPACED_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function classifyCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (UNSPACED_SCRIPTS.test(ch)) return UNSPACED;
  return WORD_CHAR.test(ch) ? WORD : SEP;
}

let table: Uint8Array | undefined;
/** Per BMP code unit: the folded (NFKC, lower-case) code unit, or SLOW when folding needs more than one unit. */
let foldTable: Uint16Array | undefined;
const SLOW = 0xffff;

function classTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(65536);
  const f = new Uint16Array(65536);
  for (let c = 0; c < 0x80; c++) f[c] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
  for (let c = 0x30; c <= 0x39; c++) t[c] = WORD;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = WORD;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = WORD;
  for (let c = 0x80; c < 0x10000; c++) {
    if (c >= 0xd800 && c < 0xe000) { f[c] = SLOW; continue; }
    t[c] = classifyCodePoint(c);
    const folded = String.fromCharCode(c).normalize('NFKC').toLowerCase();
    // combining marks may compose with the previous letter under NFKC: fold those words whole
    f[c] = folded.length === 1 && !/\p{M}/u.test(folded) ? folded.charCodeAt(0) : SLOW;
  }
  for (const c of [0x27, 0x2019, 0x2018, 0x02bc, 0x2032]) { t[c] = APOSTROPHE; f[c] = 0x27; }
  for (const c of [0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) t[c] = IGNORABLE;
  table = t;
  foldTable = f;
  return t;
}

const FNV_OFFSET = 0x811c9dc5, FNV_PRIME = 0x01000193;

/** FNV-1a over a string's UTF-16 code units. */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** The normalised form of one word as the hash sees it (slow path; also used for display). */
export function normalizeWord(raw: string): string {
  return raw
    .replace(/-\r?\n[ \t]*/g, '')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2019\u2018\u02bc\u2032]/g, "'")
    .normalize('NFKC')
    .toLowerCase();
}

let segmenter: Intl.Segmenter | undefined;

/** Scratch space reused across calls: a text of n code units has at most n/2 + 1 words. */
let scratch = new Uint32Array(0);
function scratchFor(n: number): Uint32Array {
  const need = 3 * (Math.ceil(n / 2) + 1);
  if (scratch.length < need) scratch = new Uint32Array(Math.max(need, 3 * 4096));
  return scratch;
}

/** Is `text[i]` a hyphen that splits one word across a line break ("organi-\nsation")? */
function lineBreakHyphenEnd(text: string, i: number, t: Uint8Array): number {
  if (text.charCodeAt(i) !== 0x2d) return -1;
  let j = i + 1;
  if (text.charCodeAt(j) === 0x0d) j++;
  if (text.charCodeAt(j) !== 0x0a) return -1;
  j++;
  while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j++;
  const c = text.charCodeAt(j);
  // only a lower-case continuation: "Secretary-\nGeneral" stays two words, as "Secretary-General" does
  return (c >= 0x61 && c <= 0x7a) || (c > 0x7f && t[c] === WORD && String.fromCharCode(c) !== String.fromCharCode(c).toUpperCase()) ? j : -1;
}

/** Splits `text` into words. Never throws; an empty or word-less text gives zero words. */
export function tokenize(text: string): Words {
  const t = classTable();
  const fold = foldTable!;
  const n = text.length;
  const buf = scratchFor(n);
  const cap = Math.ceil(n / 2) + 1;
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let cls = c >= 0xd800 && c < 0xdc00 ? classifyCodePoint(text.codePointAt(i)!) : t[c];
    if (cls !== WORD && cls !== UNSPACED) { i++; continue; }
    const start = i;
    let h = FNV_OFFSET;
    let fast = true, unspaced = false;
    while (i < n) {
      c = text.charCodeAt(i);
      cls = t[c];
      if (cls === WORD) {
        const f = fold[c];
        if (f === SLOW) { fast = false; if (c >= 0xd800 && c < 0xdc00) { cls = classifyCodePoint(text.codePointAt(i)!); if (cls === SEP) break; if (cls === UNSPACED) unspaced = true; i += 2; continue; } }
        else h = Math.imul(h ^ f, FNV_PRIME);
        i++;
        continue;
      }
      if (cls === APOSTROPHE) { if (i + 1 < n && isWordAt(text, i + 1, t)) { h = Math.imul(h ^ 0x27, FNV_PRIME); i++; continue; } break; }
      if (cls === UNSPACED) { unspaced = true; i++; continue; }
      if (cls === IGNORABLE) { i++; continue; }
      if (c === 0x2d) { const j = lineBreakHyphenEnd(text, i, t); if (j > 0) { i = j; continue; } }
      if (c >= 0xd800 && c < 0xdc00) {
        cls = classifyCodePoint(text.codePointAt(i)!);
        if (cls === WORD || cls === UNSPACED) { fast = false; unspaced ||= cls === UNSPACED; i += 2; continue; }
      }
      break;
    }
    if (unspaced) { count = segmentRun(text, start, i, buf, cap, count); continue; }
    buf[count] = fast ? h >>> 0 : hashString(normalizeWord(text.slice(start, i)));
    buf[cap + count] = start;
    buf[2 * cap + count] = i;
    count++;
  }
  return { count, hash: buf.slice(0, count), start: buf.slice(cap, cap + count), end: buf.slice(2 * cap, 2 * cap + count) };
}

function isWordAt(text: string, i: number, t: Uint8Array): boolean {
  const c = text.charCodeAt(i);
  const cls = c >= 0xd800 && c < 0xdc00 ? classifyCodePoint(text.codePointAt(i)!) : t[c];
  return cls === WORD || cls === UNSPACED;
}

/** Dictionary word segmentation for scripts written without spaces. */
function segmentRun(text: string, start: number, end: number, buf: Uint32Array, cap: number, count: number): number {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  for (const s of segmenter.segment(text.slice(start, end))) {
    if (!s.isWordLike) continue;
    buf[count] = hashString(normalizeWord(s.segment));
    buf[cap + count] = start + s.index;
    buf[2 * cap + count] = start + s.index + s.segment.length;
    count++;
  }
  return count;
}
