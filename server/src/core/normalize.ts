// The normalised text of a span: its words, normalised, joined by single spaces, with a map from
// every normalised character back to its offset in the original text. Used where text is compared
// or shown as a whole (paragraph identity, word diffs); matching itself works on word hashes.
import { normalizeWord, tokenize, type Words } from './words';
import type { Span } from './types';

export interface NormalizedText {
  readonly text: string;
  /** `offsets[i]` is the original UTF-16 offset of normalised character i; one extra entry maps the end. */
  readonly offsets: Uint32Array;
}

export function normalize(text: string, span: Span = { start: 0, end: text.length }, words: Words = tokenize(text)): NormalizedText {
  const parts: string[] = [];
  const offsets: number[] = [];
  for (let w = 0; w < words.count; w++) {
    const s = words.start[w], e = words.end[w];
    if (s < span.start || e > span.end) continue;
    const raw = text.slice(s, e);
    const norm = normalizeWord(raw);
    if (parts.length) { parts.push(' '); offsets.push(s); }
    parts.push(norm);
    // NFKC may change a word's length; map each normalised char proportionally into the raw word
    for (let k = 0; k < norm.length; k++) offsets.push(s + Math.min(raw.length - 1, Math.floor((k * raw.length) / norm.length)));
  }
  offsets.push(offsets.length ? words.end[lastWordIn(words, span)] : span.start);
  return { text: parts.join(''), offsets: Uint32Array.from(offsets) };
}

function lastWordIn(words: Words, span: Span): number {
  for (let w = words.count - 1; w >= 0; w--) if (words.end[w] <= span.end && words.start[w] >= span.start) return w;
  return 0;
}
