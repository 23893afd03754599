// Plain-text helpers of the evaluation: sentences with their offsets in a statement, reflowing
// PDF-wrapped text into one line, counting and normalising words, and excerpts for the report.
// Written independently of the detector's own tokenizer and segmenter, so that the ground truth
// (which passage is where, which statements hold the same text) does not share its mistakes.
import type { Span } from '../server/src/core/types';

export interface Sentence {
  /** Offsets into the statement's text. */
  readonly start: number;
  readonly end: number;
  /** The sentence on one line (see `reflow`). */
  readonly text: string;
  readonly words: number;
  /** Which paragraph (or, in PDF-wrapped text, which blank-line separated run) it belongs to. */
  readonly block: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’‘ʼ][\p{L}\p{N}]+)*/gu;

export function countWords(s: string): number {
  let n = 0;
  for (const _ of s.matchAll(WORD)) n++;
  return n;
}

/**
 * Words as a reader compares them: case, quote style, line breaks and the hyphen of a word split
 * across lines ("organi-\nsation") do not count.
 */
export function normalWords(s: string): string[] {
  const flat = s.replace(/-\r?\n[ \t]*(?=\p{Ll})/gu, '').replace(/\u00ad/g, '').normalize('NFKC').toLowerCase();
  return (flat.match(WORD) ?? []).map((w) => w.replace(/['’‘ʼ]/g, "'"));
}

/**
 * A stretch of statement text on one line, as a writer pasting it would have it: a word
 * hyphenated across a line break is joined again and every run of white space becomes one space.
 */
export function reflow(raw: string): string {
  return raw.replace(/-\r?\n[ \t]*(?=\p{Ll})/gu, '').replace(/\s+/g, ' ').trim();
}

/**
 * Text hard-wrapped by a PDF extractor (UNGDC 1990-2012): most lines close to one short width.
 * There a line break is not a paragraph break.
 */
export function isHardWrapped(text: string): boolean {
  const lengths = text.split(/\r?\n/).map((l) => l.trimEnd().length).filter((n) => n > 0);
  if (lengths.length < 8) return false;
  const sorted = [...lengths].sort((a, b) => a - b);
  const width = sorted[Math.floor(0.9 * (sorted.length - 1))];
  return width <= 100 && lengths.filter((n) => n >= 0.6 * width).length >= 0.6 * lengths.length;
}

/** Paragraph spans: blank lines always separate; single line breaks too unless the text is PDF-wrapped. */
export function blocks(text: string): Span[] {
  const separator = isHardWrapped(text) ? /\r?\n[ \t]*\r?\n\s*/g : /\r?\n\s*/g;
  const out: Span[] = [];
  let pos = 0;
  for (const m of text.matchAll(separator)) {
    if (m.index! > pos) out.push({ start: pos, end: m.index! });
    pos = m.index! + m[0].length;
  }
  if (pos < text.length) out.push({ start: pos, end: text.length });
  return out.filter((b) => text.slice(b.start, b.end).trim());
}

// "Mr.", "U.S.", "e.g.", "No. 5", an initial "J." : a full stop that does not end a sentence
const ABBREVIATION = /(?:^|[\s(“"‘'])(?:Mr|Mrs|Ms|Messrs|Dr|Prof|Rev|Hon|St|Sr|Jr|Gen|Col|Lt|Capt|Amb|No|Nos|Art|Arts|Vol|para|paras|Ch|ch|pp?|vs?|cf|etc|al|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|[A-Z](?:\.[A-Z])*)\.$/;
const SENTENCE_END = /[.!?]+["'”’)\]]*(?=\s|$)/g;
const NEXT_STARTS_SENTENCE = /^\s*["“‘'(]?[\p{Lu}\d]/u;
const PARAGRAPH_NUMBER = /^\d{1,3}\.\s+/;

/** The sentences of a statement, in order, with offsets into its text. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  blocks(text).forEach((b, blockNo) => {
    const body = text.slice(b.start, b.end);
    let from = 0;
    const push = (to: number) => {
      let s = from;
      while (s < to && /\s/.test(body[s])) s++;
      const number = PARAGRAPH_NUMBER.exec(body.slice(s, to));
      if (number) s += number[0].length;
      const raw = body.slice(s, to).trimEnd();
      if (raw && !/^\d{1,3}\.?$/.test(raw)) {
        const flat = reflow(raw);
        out.push({ start: b.start + s, end: b.start + s + raw.length, text: flat, words: countWords(flat), block: blockNo });
      }
      from = to;
    };
    for (const m of body.matchAll(SENTENCE_END)) {
      const end = m.index! + m[0].length;
      if (m[0][0] === '.' && ABBREVIATION.test(body.slice(Math.max(0, m.index! - 12), m.index! + 1))) continue;
      if (end < body.length && !NEXT_STARTS_SENTENCE.test(body.slice(end, end + 4))) continue;
      push(end);
    }
    if (from < body.length) push(body.length);
  });
  return out;
}

/** Sentences worth copying into a test case: real prose, not a heading, a note or a list item. */
export function isProse(s: Sentence): boolean {
  return s.words >= 6 && s.words <= 80
    && /^["“‘(]?\p{Lu}/u.test(s.text)
    && /[.!?]["”’)]?$/.test(s.text)
    && !/\(spoke in|\t|\.{3}|…/.test(s.text)
    && s.text !== s.text.toUpperCase();
}

/** One line of at most `max` characters for a table or a sample: long text keeps its head and tail. */
export function excerpt(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const half = Math.floor((max - 3) / 2);
  return `${flat.slice(0, half).trimEnd()} … ${flat.slice(flat.length - half).trimStart()}`;
}
