// Multi-word proper names the archive knows ("Commission on Crime Prevention and Criminal Justice", "UN Convention
// against Transnational Organized Crime"): capitalised words joined by a few lower-case connectors ("on", "and",
// "against", "of the"). Each statement yields its names; a table merges them across the archive with how many
// statements used each, first and last date, and the spellings it appears in ("Organised"/"Organized" fold to one
// name through `variantKey`).
//
// Bounded by design: a name enters the table only when at least two statements use it and some use it as a whole
// (not only inside a longer name); the table keeps the `maxTerms` most used. On UNGDC this is what keeps the
// table small (see docs/archive-terms-ungdc.md).
import type { Span } from './types';

/** Lower-case words that may join the capitalised words of one name. */
export const CONNECTORS: ReadonlySet<string> = new Set(['of', 'on', 'and', 'for', 'the', 'in', 'against', 'to', 'at', 'with', 'de', 'des', 'du', 'la', 'le', 'del', 'da', 'y', 'et']);
/** Capitalised at a sentence start but not part of a name that follows ("The Commission", "In Vienna"). */
const SENTENCE_OPENERS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'in', 'on', 'at', 'for', 'as', 'it', 'its', 'we', 'our', 'i', 'my',
  'let', 'and', 'but', 'yet', 'so', 'if', 'when', 'while', 'with', 'by', 'from', 'to', 'of', 'all', 'every', 'each',
  'some', 'many', 'such', 'today', 'here', 'there', 'since', 'after', 'before', 'through', 'under', 'within', 'without',
  'last', 'next', 'both', 'no', 'not', 'only', 'also', 'indeed', 'however', 'thus', 'therefore', 'moreover', 'finally',
  'first', 'second', 'third', 'once', 'like', 'unlike', 'among', 'between', 'during', 'despite', 'following', 'given',
  'may', 'allow', 'please', 'thank', 'again', 'now', 'then', 'yes', 'you', 'your', 'he', 'she', 'they', 'their', 'his', 'her',
]);

/** Never the start or end of a name ("The United Nations" is "United Nations"; "What I" is no name). */
const ARTICLES = new Set(['the', 'a', 'an', 'i']);
/** Forms of address around a name, not part of it ("His Excellency Mr"). */
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sir', 'madam', 'madame', 'excellency', 'excellencies', 'his', 'her', 'their', 'h', 'e']);

interface Word { start: number; end: number; cap: boolean; connector: boolean }

/** A run of capitalised words with inner connectors; `words` excludes connectors at either end. */
export interface NameRun {
  readonly span: Span;
  readonly words: readonly Readonly<Word>[];
}

/** Longer capitalised runs are headings or title-case prose, not names. */
const MAX_RUN = 16;

/*
 * A capitalised word: "Crime", "UN", "Secretary-General", "People's", "d'Ivoire", "Côte"; as an expression,
 *   (?<![A-Za-z0-9\u00C0-\u024F'’-])(?:[dl]['’])?[A-Z\u00C0-\u00DE][A-Za-z0-9\u00C0-\u024F]*(?:['’][A-Za-z\u00C0-\u024F]+)?(?:[-‐][A-Za-z0-9\u00C0-\u024F]+)*
 * Latin script only: this runs over every archive statement, and ASCII and Latin-1 classes scan UNGDC an order of
 * magnitude faster than Unicode property classes (measured 12 MB/s) or the word tokenizer (25 MB/s).
 */
/** Where the word `nextCapitalised` last found ends (one module-level slot: no object per word). */
let capitalisedEnd = 0;

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f);
const isLetterChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f);
const isCapital = (c: number) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
const isApostrophe = (c: number) => c === 0x27 || c === 0x2019;
const isHyphen = (c: number) => c === 0x2d || c === 0x2010;

/**
 * The start of the first capitalised word (the expression above) starting in [from, to), or -1; its end in `capitalisedEnd`. The same
 * language as the expression above, scanned by character codes: the expression was a fifth of both extractors' time
 * on UNGDC (the per-statement results are identical: docs/archive-terms-ungdc.md).
 */
function nextCapitalised(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    let p: number;
    if (isCapital(c)) p = i;
    else if ((c === 100 || c === 108) && isApostrophe(text.charCodeAt(i + 1)) && isCapital(text.charCodeAt(i + 2))) p = i + 2;
    else continue;
    const before = i > 0 ? text.charCodeAt(i - 1) : -1;
    if (before >= 0 && (isWordChar(before) || isApostrophe(before) || before === 0x2d)) continue;
    let q = p + 1;
    while (q < text.length && isWordChar(text.charCodeAt(q))) q++;
    if (isApostrophe(text.charCodeAt(q)) && isLetterChar(text.charCodeAt(q + 1))) { q += 2; while (q < text.length && isLetterChar(text.charCodeAt(q))) q++; }
    while (isHyphen(text.charCodeAt(q)) && isWordChar(text.charCodeAt(q + 1))) { q += 2; while (q < text.length && isWordChar(text.charCodeAt(q))) q++; }
    capitalisedEnd = q;
    return i;
  }
  return -1;
}

/** What may stand between two capitalised words of one name: spaces, at most three connectors, no blank line. */
const GAP = new RegExp(`^(?:\\s+(?:${[...CONNECTORS].join('|')})){0,3}\\s+$`);

/**
 * The name runs of a whole statement, remembered for the last statement asked about: the acronym and the name
 * extractors both read them, one after the other (a quarter of their time on UNGDC went to finding them twice).
 */
export function statementNameRuns(text: string): readonly NameRun[] {
  if (lastRuns?.text !== text) lastRuns = { text, runs: nameRuns(text) };
  return lastRuns.runs;
}
let lastRuns: { text: string; runs: NameRun[] } | undefined;

/** Capitalised runs of `text` (at least two capitalised words), in order. */
export function nameRuns(text: string, from = 0, to = text.length): NameRun[] {
  const runs: NameRun[] = [];
  let cur: Word[] = [];
  let caps = 0;
  // most capitalised words stand alone (a sentence start, a single name): a run needs two
  const flush = () => { const r = caps < 2 || cur.length > MAX_RUN ? undefined : finishRun(text, cur); if (r) runs.push(r); cur = []; caps = 0; };
  for (let start = nextCapitalised(text, from, to); start >= 0; start = nextCapitalised(text, capitalisedEnd, to)) {
    const end = capitalisedEnd;
    const prev = cur[cur.length - 1];
    if (prev && !addConnectors(text, prev.end, start, cur)) flush();
    cur.push({ start, end, cap: true, connector: false });
    caps++;
  }
  flush();
  return runs;
}

/** Appends the connectors between two capitalised words when they join; false when the gap ends the run. */
function addConnectors(text: string, end: number, start: number, cur: Word[]): boolean {
  if (start - end === 1 && text.charCodeAt(end) === 32) return true; // one space: the common case, no regular expression
  if (start - end > 40) return false;
  const gap = text.slice(end, start);
  if (!GAP.test(gap) || /\n[ \t\r]*\n/.test(gap)) return false;
  for (const m of gap.matchAll(/[a-z]+/g)) cur.push({ start: end + m.index!, end: end + m.index! + m[0].length, cap: false, connector: true });
  return true;
}

/** Looks back from a capitalised word: a sentence, a paragraph, a list item or the text starts here. */
function isSentenceStart(text: string, start: number): boolean {
  let i = start - 1, newlines = 0;
  while (i >= 0 && /[ \t\r\n*_]/.test(text[i])) { if (text[i] === '\n') newlines++; i--; }
  if (i < 0 || newlines >= 2 || /[.!?:;"“”‘(\[]/.test(text[i])) return true;
  if (!/[-•#>)]/.test(text[i])) return false;
  const lineStart = text.lastIndexOf('\n', i) + 1;
  return /^\s*(?:[-*•#>]+|\d+[.)])$/.test(text.slice(lineStart, i + 1));
}

function finishRun(text: string, words: Word[]): NameRun | undefined {
  let a = 0, b = words.length;
  const lower = (w: Word) => text.slice(w.start, w.end).toLowerCase();
  // only the run's first word can open a sentence (the run breaks at punctuation)
  while (a < b && (words[a].connector || ARTICLES.has(lower(words[a])) || TITLES.has(lower(words[a])) || (a === 0 && SENTENCE_OPENERS.has(lower(words[a])) && isSentenceStart(text, words[a].start)))) a++;
  while (b > a && (words[b - 1].connector || ARTICLES.has(lower(words[b - 1])) || TITLES.has(lower(words[b - 1])))) b--;
  const kept = words.slice(a, b);
  const caps = kept.filter((w) => w.cap);
  if (caps.length < 2) return undefined;
  // "THE GENERAL DEBATE" (headings, OCR shouting) and "UK and UNODC" (two acronyms) are not names
  if (caps.every((w) => isAllCaps(text.slice(w.start, w.end)))) return undefined;
  return { span: { start: kept[0].start, end: kept[kept.length - 1].end }, words: kept };
}

function isAllCaps(s: string): boolean {
  return s === s.toUpperCase() && s !== s.toLowerCase();
}

/** One name in one statement: its surface text (spaces collapsed) and whether it stood alone there. */
export interface TermOccurrence {
  readonly text: string;
  readonly span: Span;
  /** A whole run; false for a part of one (around "of": "Commission on ..." in "Session of the Commission on ..."; a tail: "Commission on ..." in "UN Commission on ..."). */
  readonly whole: boolean;
}

/**
 * What the archive table keeps of one statement: its distinct names, one a line, "+" before a name that stands alone
 * somewhere in it and "-" before one found only inside longer names. One string rather than objects because an
 * index keeps one per statement (UNGDC: 690,000 names; see docs/archive-terms-ungdc.md).
 */
export interface StatementTerms { readonly names: string }

export function statementTerms(text: string, runs?: readonly NameRun[]): StatementTerms {
  const byText = new Map<string, boolean>();
  for (const t of extractTerms(text, runs)) byText.set(t.text, byText.get(t.text) || t.whole);
  return { names: [...byText].map(([name, whole]) => (whole ? '+' : '-') + name).join('\n') };
}

/** The names of a statement: each run, its parts around "of (the)", and its tails from each capitalised word. */
export function extractTerms(text: string, runs: readonly NameRun[] = nameRuns(text)): TermOccurrence[] {
  const out: TermOccurrence[] = [];
  for (const run of runs) {
    // word ranges [i, j) as i * RANGE + j, in the order found
    const ranges = new Map<number, boolean>();
    const add = (i: number, j: number, whole: boolean) => {
      const ws = run.words;
      while (i < j && (!ws[i].cap || ARTICLES.has(text.slice(ws[i].start, ws[i].end).toLowerCase()))) i++;
      while (j > i && !ws[j - 1].cap) j--;
      let caps = 0;
      for (let w = i; w < j && caps < 2; w++) if (ws[w].cap) caps++;
      if (caps < 2) return;
      const k = i * RANGE + j;
      if (!ranges.get(k)) ranges.set(k, whole);
    };
    const cuts = ofCuts(text, run);
    // only the whole run stands alone; its parts around "of" count as uses of a name known from elsewhere
    for (let x = 0; x < cuts.length - 1; x++) for (let y = x + 1; y < cuts.length; y++) add(cuts[x].from, cuts[y].to, x === 0 && y === cuts.length - 1);
    for (let i = 1; i < run.words.length; i++) if (run.words[i].cap && run.words[i - 1].cap) add(i, run.words.length, false);
    for (const [k, whole] of ranges) {
      const i = Math.floor(k / RANGE), j = k % RANGE;
      const span = nameSpan(text, run.words[i].start, run.words[j - 1].end);
      out.push({ text: surface(text, span), span, whole });
    }
  }
  return out;
}

/** More than a run's words (at most MAX_RUN capitalised words, each with up to three connectors after it). */
const RANGE = 1024;

/** A name's span, less a possessive on its last word ("South Africa's" is "South Africa"). */
function nameSpan(text: string, start: number, end: number): Span {
  const c = text.charCodeAt(end - 2);
  return { start, end: (c === 0x27 || c === 0x2019) && text[end - 1] === 's' ? end - 2 : end };
}

/** Segment boundaries of a run split at "of" / "of the": [{from, to}] word indexes, as cut points. */
function ofCuts(text: string, run: NameRun): { from: number; to: number }[] {
  const cuts = [{ from: 0, to: 0 }];
  run.words.forEach((w, i) => {
    if (!w.connector || text.slice(w.start, w.end).toLowerCase() !== 'of') return;
    const next = run.words[i + 1] && text.slice(run.words[i + 1].start, run.words[i + 1].end).toLowerCase() === 'the' ? i + 2 : i + 1;
    cuts.push({ from: next, to: i });
  });
  cuts.push({ from: run.words.length, to: run.words.length });
  // cut x is "segment ends at cuts[x].to, next starts at cuts[x].from"; pair (x, y) spans from cuts[x].from to cuts[y].to
  return cuts;
}

/**
 * The text of a span with whitespace collapsed, emphasis removed and words hyphenated across a line break joined.
 * Always a new string: a slice would keep the whole statement's text alive in a table that outlives it.
 */
export function surface(text: string, span: Span): string {
  const s = text.slice(span.start, span.end);
  // most names are words and single spaces: a copy of the slice (concatenating and slicing again flattens it into a
  // new string) is what the full clean-up would return, at a fraction of its cost
  if (!UNTIDY.test(s)) return s.length < 13 ? s : (' ' + s).slice(1);
  return s.replace(/-\r?\n\s*(?=\p{Ll})/gu, '').replace(/[*_]+/g, '').split(/\s+/).filter(Boolean).join(' ');
}

/** What `surface` tidies: line breaks and other white space but one space, emphasis marks. */
const UNTIDY = /[^\S ]|[*_]|  |^ | $/;

/**
 * The key that spelling variants of one name share: case, accents, hyphens and spacing, British/American spelling
 * (-ise/-ize, -yse/-yze, -our/-or, -tre/-ter, -ence/-ense, -amme/-am, -ll-/-l-) and "UN"/"United Nations" fold away.
 */
export function variantKey(s: string): string {
  // one pass for the punctuation and one for the spelling folds: the merge folds every distinct name once, ~400,000 on UNGDC
  const ascii = !/[^\x00-\x7f]/.test(s);
  return (ascii ? s : s.normalize('NFKD').replace(/\p{M}/gu, '')).toLowerCase()
    .replace(PUNCTUATION, (c) => (c === '&' ? ' and ' : /[’‘`]/.test(c) ? "'" : ' '))
    .replace(SPELLING, foldSpelling).replace(/ll/g, 'l')
    .replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();
}

const PUNCTUATION = /[’‘`‐\-–—/&.,;:"“”()*_]/g;
const SPELLING = /\b(?:(united nations|u n)|(\w{2,}[iy])s(e|es|ed|ing|ation|ations)|(\w{2,})our|(\w{3,})tre(s?)|(\w{3,})ence|(\w{3,})amme(s?))\b/g;

function foldSpelling(_: string, un?: string, iz?: string, izEnd?: string, our?: string, tre?: string, tres?: string, ence?: string, amme?: string, ammes?: string): string {
  if (un) return 'un';
  if (iz) return `${iz}z${izEnd}`;
  if (our) return `${our}or`;
  if (tre) return `${tre}ter${tres}`;
  if (ence) return `${ence}ense`;
  return `${amme}am${ammes}`;
}

export interface TermVariant { readonly text: string; readonly statements: number }

export interface TermEntry {
  /** The spelling most statements use. */
  readonly text: string;
  readonly statements: number;
  /** ISO dates of the earliest and latest statement that used it ('' when no statement had a date). */
  readonly first: string;
  readonly last: string;
  /** Every spelling the archive has, most used first (a single entry when the archive is consistent). */
  readonly variants: readonly TermVariant[];
}

export interface TermTable {
  readonly entries: ReadonlyMap<string, TermEntry>;
  /** Longest known name, in words: bounds the lookups at a cursor. */
  readonly maxWords: number;
}

export interface TermHover {
  readonly span: Span;
  readonly key: string;
  readonly entry: TermEntry;
}

/** The longest name the archive knows that covers `offset` in `text` (looks only at the lines around it). */
export function termAt(text: string, offset: number, table: TermTable): TermHover | undefined {
  const from = Math.max(0, text.lastIndexOf('\n\n', offset - 1)), paraEnd = text.indexOf('\n\n', offset);
  const lineStart = Math.max(from, offset - 400), to = paraEnd < 0 ? Math.min(text.length, offset + 400) : Math.min(paraEnd, offset + 400);
  const run = nameRuns(text, wordStartAtOrBefore(text, lineStart), to).find((r) => r.span.start <= offset && offset <= r.span.end);
  if (!run) return undefined;
  let best: TermHover | undefined;
  const ws = run.words;
  for (let i = 0; i < ws.length; i++) {
    if (!ws[i].cap || ws[i].start > offset) continue;
    for (let j = Math.min(ws.length, i + table.maxWords); j > i; j--) {
      if (!ws[j - 1].cap || ws[j - 1].end < offset) continue;
      const span = nameSpan(text, ws[i].start, ws[j - 1].end);
      if (best && span.end - span.start <= best.span.end - best.span.start) break;
      const key = variantKey(surface(text, span));
      const entry = table.entries.get(key);
      if (entry) { best = { span, key, entry }; break; }
    }
  }
  return best;
}

function wordStartAtOrBefore(text: string, i: number): number {
  while (i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1])) i--;
  return i;
}
