// Sentences of a block of statement text, for the few blocks where formulas live. A hand-written
// splitter rather than Intl.Segmenter: ICU's sentence rules break after "Mr." and "H.E." (no
// abbreviation suppressions through Intl), which is exactly where protocol formulas put a title.
import type { Span } from './types';

export interface Sentence {
  /** The sentence as it reads: one line, whitespace collapsed, PDF line-break hyphens joined. */
  readonly text: string;
  /** Where it is in the original text (first to last character). */
  readonly span: Span;
}

/** Words before a full stop that do not end a sentence. Lower-case, without the stop. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mme', 'dr', 'prof', 'st', 'no', 'nos', 'vol', 'para', 'paras', 'art', 'arts', 'ch', 'cf',
  'eg', 'e.g', 'ie', 'i.e', 'etc', 'vs', 'viz', 'amb', 'hon', 'rev', 'gen', 'col', 'lt', 'jr', 'sr', 'messrs', 'h.e',
  'u.n', 'u.s', 'u.k', 'h.r.h', 'h.m', 'sept', 'oct', 'nov', 'dec', 'jan', 'feb', 'aug', 'mt', 'ft', 'fig', 'op',
]);

const TENS = /(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)$/i;

/**
 * One line of text as it reads: a word hyphenated across a PDF line break is joined
 * ("organi-\nsation"), except a compound number or a hyphen before a space that extraction kept
 * ("seventy- fourth" stays "seventy-fourth"); all whitespace runs become one space.
 */
export function readable(raw: string): string {
  // (a letter run before the hyphen is read back from the match, not matched: `\p{L}+-` would be
  // tried at every letter and was the hot spot of mining UNGDC)
  const joined = raw.includes('-') ? raw.replace(/(?<=\p{L})-([ \t]*\r?\n[ \t]*|[ \t]+)(?=\p{Ll})/gu, (_m, gap: string, at: number) =>
    TENS.test(raw.slice(Math.max(0, at - 7), at)) || !gap.includes('\n') ? '-' : '') : raw;
  return joined.replace(/[\u00ad\u200b]/g, '').replace(/\s+/g, ' ').trim();
}

/** Is the full stop at `dot` (an index into `text`) the end of a sentence? */
function endsSentence(text: string, dot: number): boolean {
  let w = dot;
  while (w > 0 && /[\p{L}.]/u.test(text[w - 1])) w--;
  const word = text.slice(w, dot).toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  // an initial ("J. F. Kennedy") or a lone capital in "H. E."
  if (/^\p{Lu}$/u.test(text.slice(w, dot))) return false;
  return true;
}

const STOP = /[.!?…]+["”’')\]]*(?=\s+["“‘'(\[]?[\p{Lu}\d])|[.!?…]+["”’')\]]*\s*$/gu;

/** Where the sentences of `span` are, in order (cheap: `sentences` reads only the ones wanted). */
export function sentenceSpans(text: string, span: Span): Span[] {
  const out: Span[] = [];
  const chunk = text.slice(span.start, span.end);
  let from = 0;
  for (const m of chunk.matchAll(STOP)) {
    if (/^\.(?![.!?…])/.test(m[0]) && !endsSentence(chunk, m.index!)) continue;
    const end = m.index! + m[0].trimEnd().length;
    if (/\p{L}/u.test(chunk.slice(from, end))) out.push({ start: span.start + from, end: span.start + end });
    from = m.index! + m[0].length;
    while (from < chunk.length && /\s/.test(chunk[from])) from++;
  }
  if (from < chunk.length && /\p{L}/u.test(chunk.slice(from))) out.push({ start: span.start + from, end: span.end });
  return out;
}

/** The sentences at `spans` as they read; spans without a letter (a paragraph number "58.") are dropped. */
export function sentences(text: string, spans: readonly Span[]): Sentence[] {
  const out: Sentence[] = [];
  for (const span of spans) {
    const s = readable(text.slice(span.start, span.end));
    if (/\p{L}/u.test(s)) out.push({ text: s, span });
  }
  return out;
}
