// Word tokens with UTF-16 spans and a hash of each word's normalised form.
//
// Normalisation folds what differs between copies of one passage without changing its words:
// Unicode compatibility forms (NFKC), case, curly vs straight apostrophes, soft hyphens, and words
// hyphenated across a line break by PDF extraction ("organi-\nsation"). Punctuation, quotes,
// dashes, Markdown emphasis and all whitespace (spaces, line wraps, blank lines) separate words
// and so never take part in matching.
//
// This is the indexing hot path (every corpus word passes through it), so it scans char codes
// against a precomputed table instead of running Intl.Segmenter over everything: measured on 500
// UNGDC statements (10 M characters), Intl.Segmenter took 107 s (0.1 MB/s) on Node 20, this scanner
// runs at 70-105 MB/s. Intl.Segmenter is still used where it is needed: for runs of scripts written
// without spaces (Chinese, Japanese, Thai, ...). Indexing scans files' UTF-8 bytes with the same
// table (`utf8WordHashes`, ~100 MB/s per core on UNGDC here) and never decodes them to strings.

import { WORD_CODE_RUNS } from './word-code-runs';
import { classifyCodePoint, decodeCodeRuns, K_APOSTROPHE, K_IGNORABLE, K_SLOW, K_SURROGATE, K_UNSPACED, SEP, UNSPACED } from './word-code-table';

export interface Words {
  readonly count: number;
  /** FNV-1a hash of each word's normalised form. */
  readonly hash: Uint32Array;
  /** UTF-16 offsets of each word in the original text. */
  readonly start: Uint32Array;
  readonly end: Uint32Array;
}

/** One lookup per code unit, from a table generated once per Unicode version (word-code-runs.ts). */
let codeTable: Uint16Array | undefined;

function codes(): Uint16Array {
  return (codeTable ??= decodeCodeRuns(WORD_CODE_RUNS));
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
function lineBreakHyphenEnd(text: string, i: number): number {
  let j = i + 1;
  if (text.charCodeAt(j) === 0x0d) j++;
  if (text.charCodeAt(j) !== 0x0a) return -1;
  j++;
  while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j++;
  const c = text.charCodeAt(j);
  // only a lower-case continuation: "Secretary-\nGeneral" stays two words, as "Secretary-General" does
  if (c >= 0x61 && c <= 0x7a) return j;
  if (c < 0x80 || !isWordAt(text, j)) return -1;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase() ? j : -1;
}

/** Splits `text` into words. Never throws; an empty or word-less text gives zero words. */
export function tokenize(text: string): Words {
  // the one shape of every Words (retokenize's too): findReuse's optimised code was dropped again and again ("wrong
  // map") when a keystroke's words and a full check's words had two shapes
  const { count, hash, start, end } = tokenizeFrom(text, 0, text.length);
  return { count, hash, start, end };
}

/**
 * The hashes of `text`'s words only (indexing needs no offsets): spares copying two arrays of
 * offsets per statement, 256 MB of copies over UNGDC's 32 M words.
 */
export function wordHashes(text: string): Uint32Array {
  return scan(text, 0, text.length).hash;
}

/** A bound for the words of a UTF-8 text of `bytes` bytes (a word and the separator after it take at least 2 bytes). */
export function maxUtf8Words(bytes: number): number {
  return (bytes >>> 1) + 1;
}

/** The byte table of the UTF-8 scanner: the folded code of an ASCII letter or digit, 0 for an ASCII separator, -1 for what needs a look (non-ASCII, apostrophe, hyphen). */
let asciiTable: Int32Array | undefined;

function asciiCodes(): Int32Array {
  if (asciiTable) return asciiTable;
  const t = codes(), a = new Int32Array(256);
  for (let b = 0; b < 256; b++) a[b] = b >= 0x80 || b === 0x27 || b === 0x2d ? -1 : t[b] !== 0 && t[b] < K_SURROGATE ? t[b] : 0;
  return (asciiTable = a);
}

let utf8Decoder: InstanceType<typeof TextDecoder> | undefined;
/** The text of a slice of valid UTF-8 that starts and ends on character boundaries (a leading U+FEFF kept). */
function utf8Text(bytes: Uint8Array, start: number, end: number): string {
  return (utf8Decoder ??= new TextDecoder('utf-8', { ignoreBOM: true })).decode(bytes.subarray(start, end));
}

/** The code point of the UTF-8 sequence at bytes[i] (valid UTF-8). */
function codePointAtUtf8(b: Uint8Array, i: number): number {
  const x = b[i];
  if (x < 0x80) return x;
  if (x < 0xe0) return ((x & 0x1f) << 6) | (b[i + 1] & 0x3f);
  if (x < 0xf0) return ((x & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
  return ((x & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
}

const utf8Length = (lead: number) => (lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4);

/** `isWordAt` on UTF-8 (past the end counts as a word character, as `isWordAt` past a string's end does). */
function isWordAtUtf8(b: Uint8Array, i: number): boolean {
  if (i >= b.length) return true;
  const cp = codePointAtUtf8(b, i);
  if (cp > 0xffff) return classifyCodePoint(cp) !== SEP;
  const k = codes()[cp];
  return k !== 0 && k !== K_APOSTROPHE && k !== K_IGNORABLE;
}

/** `lineBreakHyphenEnd` on UTF-8: the byte offset where the word goes on after "-\n", or -1. */
function lineBreakHyphenEndUtf8(b: Uint8Array, i: number): number {
  const n = b.length;
  let j = i + 1;
  if (j < n && b[j] === 0x0d) j++;
  if (j >= n || b[j] !== 0x0a) return -1;
  j++;
  while (j < n && (b[j] === 0x20 || b[j] === 0x09)) j++;
  if (j >= n) return -1;
  const c = b[j];
  if (c >= 0x61 && c <= 0x7a) return j;
  if (c < 0x80 || !isWordAtUtf8(b, j)) return -1;
  const cp = codePointAtUtf8(b, j);
  // a letter outside the BMP: the UTF-16 scan compares its high surrogate, which has no case
  if (cp > 0xffff) return -1;
  const ch = String.fromCharCode(cp);
  return ch !== ch.toUpperCase() ? j : -1;
}

/**
 * The hashes of the words of valid UTF-8 text (as `isUtf8` checks), written to `out` (at least
 * `maxUtf8Words(bytes.length)` long); returns how many. Equal to `wordHashes` of the decoded text
 * (test/core/words.test.ts checks it on the corpus and on every kind of character), without
 * decoding it: indexing reads files as bytes. ASCII letters and digits run through a tight loop
 * over a 256-entry table; other characters are decoded in place and looked up in the same table as
 * `scan`'s; a word with a character that needs more (NFKC, a script without spaces) is decoded alone.
 * Measured on all of UNGDC in one thread (load 1.3): 1.71 s, against 0.59 s to decode the files
 * and 2.37 s for `wordHashes` over the decoded texts.
 */
export function utf8WordHashes(b: Uint8Array, out: Uint32Array): number {
  const t = codes(), a = asciiCodes();
  const n = b.length;
  let count = 0, i = 0;
  while (i < n) {
    let k = a[b[i]];
    if (k === 0) { i++; continue; }
    if (k < 0) {
      const x = b[i];
      if (x === 0x27 || x === 0x2d) { i++; continue; }
      const cp = codePointAtUtf8(b, i);
      if (cp > 0xffff) { if (classifyCodePoint(cp) === SEP) { i += 4; continue; } }
      else { const kk = t[cp]; if (kk === 0 || kk === K_APOSTROPHE || kk === K_IGNORABLE) { i += utf8Length(x); continue; } }
    }
    const start = i;
    let h = FNV_OFFSET;
    let fast = true, unspaced = false;
    for (;;) {
      while (i < n && (k = a[b[i]]) > 0) { h = Math.imul(h ^ k, FNV_PRIME); i++; }
      if (i >= n || k === 0) break;
      // the same decisions as scan's inner loop, on one decoded character
      const y = b[i];
      let c: number, len: number;
      if (y < 0x80) { c = y; len = 1; }
      else if (y < 0xe0) { c = ((y & 0x1f) << 6) | (b[i + 1] & 0x3f); len = 2; }
      else if (y < 0xf0) { c = ((y & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f); len = 3; }
      else {
        const cls = classifyCodePoint(codePointAtUtf8(b, i));
        if (cls === SEP) break;
        fast = false; unspaced ||= cls === UNSPACED; i += 4; continue;
      }
      const kk = t[c];
      if (kk !== 0 && kk < K_SURROGATE) { h = Math.imul(h ^ kk, FNV_PRIME); i += len; continue; }
      if (kk === 0) {
        if (c === 0x2d) { const j = lineBreakHyphenEndUtf8(b, i); if (j > 0) { i = j; continue; } }
        break;
      }
      if (kk === K_SLOW) { fast = false; i += len; continue; }
      if (kk === K_APOSTROPHE) { if (i + len < n && isWordAtUtf8(b, i + len)) { h = Math.imul(h ^ 0x27, FNV_PRIME); i += len; continue; } break; }
      if (kk === K_UNSPACED) unspaced = true;
      i += len; // a character of an unspaced script, or an ignorable one
    }
    if (unspaced) { count = segmentHashes(utf8Text(b, start, i), out, count); continue; }
    out[count++] = fast ? h >>> 0 : hashString(normalizeWord(utf8Text(b, start, i)));
  }
  return count;
}

/**
 * The words that start in [from, until) of `text`, scanning from `from` as from a word boundary;
 * a word that starts before `until` runs to its natural end. `unspaced` says whether a run of a
 * script written without spaces was segmented (its word boundaries depend on the whole run).
 */
function tokenizeFrom(text: string, from: number, until: number): Words & { unspaced: boolean } {
  const { count, hash, cap, unspaced } = scan(text, from, until);
  return { count, hash, start: scratch.slice(cap, cap + count), end: scratch.slice(2 * cap, 2 * cap + count), unspaced };
}

/** Scans words into the scratch buffer (hashes, starts, ends at 0, cap, 2 * cap); returns the hashes copied out. */
function scan(text: string, from: number, until: number): { count: number; hash: Uint32Array; cap: number; unspaced: boolean } {
  const t = codes();
  const n = text.length;
  const buf = scratchFor(n);
  const cap = Math.ceil(n / 2) + 1;
  let count = 0;
  let i = from;
  let anyUnspaced = false;
  while (i < until) {
    let k = t[text.charCodeAt(i)];
    if (k === K_SURROGATE) { if (!isWordAt(text, i)) { i += 2; continue; } }
    else if (k === 0 || k === K_APOSTROPHE || k === K_IGNORABLE) { i++; continue; }
    const start = i;
    let h = FNV_OFFSET;
    let fast = true, unspaced = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      k = t[c];
      if (k !== 0 && k < K_SURROGATE) { h = Math.imul(h ^ k, FNV_PRIME); i++; continue; }
      if (k === 0) {
        if (c === 0x2d) { const j = lineBreakHyphenEnd(text, i); if (j > 0) { i = j; continue; } }
        break;
      }
      if (k === K_SLOW) { fast = false; i++; continue; }
      if (k === K_APOSTROPHE) { if (i + 1 < n && isWordAt(text, i + 1)) { h = Math.imul(h ^ 0x27, FNV_PRIME); i++; continue; } break; }
      if (k === K_UNSPACED) { unspaced = true; i++; continue; }
      if (k === K_IGNORABLE) { i++; continue; }
      // a surrogate pair: a letter outside the BMP continues the word, anything else ends it
      const cls = classifyCodePoint(text.codePointAt(i)!);
      if (cls === SEP) break;
      fast = false; unspaced ||= cls === UNSPACED; i += 2;
    }
    if (unspaced) { anyUnspaced = true; count = segmentRun(text, start, i, buf, cap, count); continue; }
    buf[count] = fast ? h >>> 0 : hashString(normalizeWord(text.slice(start, i)));
    buf[cap + count] = start;
    buf[2 * cap + count] = i;
    count++;
  }
  return { count, hash: buf.slice(0, count), cap, unspaced: anyUnspaced };
}

/**
 * The words of `newText`, which differs from `oldText` (tokenized as `old`) only in
 * [prefix, oldText.length - suffix): the words before and after the change are reused (shifted),
 * only those around it are scanned again. Equal to `tokenize(newText)` (test/core/words.test.ts
 * checks this on random edits of corpus statements). On a 5,000-word draft a keystroke's
 * re-tokenisation measured median 0.40 ms in full, 0.05 ms this way (load 7 on 2 cores).
 */
export function retokenize(old: Words, oldText: string, newText: string, prefix: number, suffix: number): Words {
  const delta = newText.length - oldText.length;
  const changedEnd = oldText.length - suffix;
  // keep the words before the one before the first word the change touches: the scan restarts at
  // a word start whose preceding word ended (its look-ahead included) in unchanged text
  let k = 0;
  while (k < old.count && old.end[k] < prefix) k++;
  const keepBefore = Math.max(0, k - 1);
  // and the words from the second whole word after the change on, once the scan ends on the first
  let m = k;
  while (m < old.count && old.start[m] <= changedEnd) m++;
  const from = keepBefore === 0 ? 0 : old.start[keepBefore];
  // a word that starts right after a word character was cut out of an unspaced run by the segmenter
  if (m >= old.count || (from > 0 && isWordAt(newText, from - 1))) return tokenize(newText);
  const mid = tokenizeFrom(newText, from, old.start[m] + delta + 1);
  const last = mid.count - 1;
  // the scan must end on old word m unchanged (its end decided by the same unchanged text)
  if (mid.unspaced || last < 0 || mid.start[last] !== old.start[m] + delta || mid.end[last] !== old.end[m] + delta || mid.hash[last] !== old.hash[m]) return tokenize(newText);
  const count = keepBefore + mid.count + (old.count - m - 1);
  const hash = new Uint32Array(count), start = new Uint32Array(count), end = new Uint32Array(count);
  hash.set(old.hash.subarray(0, keepBefore)); start.set(old.start.subarray(0, keepBefore)); end.set(old.end.subarray(0, keepBefore));
  hash.set(mid.hash, keepBefore); start.set(mid.start, keepBefore); end.set(mid.end, keepBefore);
  const at = keepBefore + mid.count;
  hash.set(old.hash.subarray(m + 1), at);
  for (let w = m + 1, o = at; w < old.count; w++, o++) { start[o] = old.start[w] + delta; end[o] = old.end[w] + delta; }
  return { count, hash, start, end };
}

function isWordAt(text: string, i: number): boolean {
  const k = codes()[text.charCodeAt(i)];
  if (k === K_SURROGATE) return classifyCodePoint(text.codePointAt(i)!) !== SEP;
  return k !== 0 && k !== K_APOSTROPHE && k !== K_IGNORABLE;
}

/** The hashes of the dictionary words of a run of a script written without spaces, written to out[count...]; returns the new count. */
function segmentHashes(run: string, out: Uint32Array, count: number): number {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  for (const s of segmenter.segment(run)) if (s.isWordLike) out[count++] = hashString(normalizeWord(s.segment));
  return count;
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
