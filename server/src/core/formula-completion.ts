// Where mined formulas fit in a draft: openings and salutations at the start of the body, closings
// near its end, and any kind on its trigger word ("closing", "salutation", ...) anywhere. The
// formula set is small and precomputed; a completion reads the draft's blocks once and formats at
// most a few dozen items.
import type { Formula, FormulaCompletion, FormulaKind, FormulaSet, FormulaUse } from './formula-types';
import { formatDate } from './metadata';
import type { Block } from './paragraphs';
import { edgeBlocks, isProse, isSalutation } from './statement-body';
import type { Span } from './types';

/** Each kind is offered anywhere on its own name: "closing", "salutation", ... */
const TRIGGERS: readonly FormulaKind[] = ['opening', 'closing', 'thanks', 'salutation'];
/**
 * Letters of a trigger word typed before it counts: five keeps ordinary words ("open", "close",
 * "than") from popping formulas up; "thanks" is itself a common word, so it counts only whole.
 */
const MIN_TRIGGER = 5;
/** Longest start of a formula typed on its line that still gets the formulas (the editor filters them on it). */
const MAX_TYPED = 40;
/** Openings are offered until this many paragraphs of the body are written. */
const OPENING_PARAGRAPHS = 2;
/** Closings are offered in the last quarter of the body, or after it. */
const CLOSING_FROM = 0.75;
/**
 * A completion reads the draft's first and last 8,000 characters (its header, first paragraphs and
 * last paragraphs): its cost stays flat however long the draft.
 */
const WINDOW = 8000;

/**
 * The formulas that fit at `offset`: on a trigger word, that kind; on a line of its own at the
 * start of the body, salutations, thanks and openings; near its end, closings.
 */
export function completeFormulas(set: FormulaSet, text: string, offset: number): FormulaCompletion[] {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const word = text.slice(wordStart(text, lineStart, at), at);
  const replace = { start: at - word.length, end: at };
  const trigger = triggerOf(word);
  if (trigger) return items(set.byKind[trigger], 0, replace, trigger);
  // a formula starts a line of its own: before the cursor at most its first words ("In con"), after it nothing
  const newline = text.indexOf('\n', at);
  const lineEnd = newline < 0 ? text.length : newline;
  if (text.slice(at, lineEnd).trim()) return [];
  const typedStart = lineStart + /^\s*/.exec(text.slice(lineStart, at))![0].length;
  const typed = text.slice(typedStart, at);
  if (typed.length > MAX_TYPED || /[.!?;:]/.test(typed)) return [];
  const place = placeOf(text, lineStart, lineEnd);
  const groups: Formula[][] = [];
  if (place.closingFirst && place.closing) groups.push([...set.byKind.closing]);
  if (place.opening) {
    if (place.salutation) groups.push([...set.byKind.salutation]);
    groups.push([...set.byKind.thanks, ...set.byKind.opening].sort((a, b) => b.count - a.count));
  }
  if (!place.closingFirst && place.closing) groups.push([...set.byKind.closing]);
  // what the line holds so far is replaced: the start of the formula ("In con"), or one of its words ("conclu")
  const fits = typedMatcher(typed);
  return groups.flatMap((g, i) => items(g.filter((f) => fits(f.label)), i, { start: typedStart, end: at }));
}

const LETTER = /\p{L}/u;

/** Does a label start with the typed text, or (one word typed) hold a word that starts with it? Case and spacing aside. */
function typedMatcher(typed: string): (label: string) => boolean {
  const t = typed.toLowerCase().replace(/\s+/g, ' ');
  if (!t) return () => true;
  const oneWord = !t.includes(' ');
  return (label) => {
    const l = label.toLowerCase();
    return l.startsWith(t) || (oneWord && l.split(/[\s,]+/).some((w) => w.startsWith(t)));
  };
}

/** Start of the letters just before `at` (scanned back, so a long line costs only its last word). */
function wordStart(text: string, lineStart: number, at: number): number {
  let i = at;
  while (i > lineStart && LETTER.test(text[i - 1])) i--;
  return i;
}

function triggerOf(word: string): FormulaKind | undefined {
  const w = word.toLowerCase();
  if (w.length < MIN_TRIGGER) return undefined;
  if (w === 'thanks') return 'thanks';
  return TRIGGERS.find((k) => k !== 'thanks' && k.startsWith(w));
}

interface Place { opening: boolean; salutation: boolean; closing: boolean; closingFirst: boolean }

/** Is the line at [lineStart, lineEnd) at the start of the body, near its end, or both? */
function placeOf(text: string, lineStart: number, lineEnd: number): Place {
  const none = { opening: false, salutation: false, closing: false, closingFirst: false };
  const all = edgeBlocks(text, WINDOW);
  if (all[0]?.kind === 'frontmatter' && lineStart < all[0].span.end) return none;
  // the line being typed is neither header nor body yet
  const blocks = all.filter((b) => b.span.end < lineStart || b.span.start > lineEnd);
  const prose = blocks.filter((b) => isProse(text, b));
  const before = prose.filter((b) => b.span.end < lineStart);
  const after = prose.length - before.length;
  const paragraphsBefore = before.filter((b) => !isSalutation(text, b)).length;
  const closing = paragraphsBefore > 0 && (after === 0 || lineStart >= threshold(prose));
  return {
    opening: paragraphsBefore < OPENING_PARAGRAPHS,
    salutation: before.length === 0,
    closing,
    closingFirst: after === 0 && paragraphsBefore >= OPENING_PARAGRAPHS,
  };
}

/** The offset from which the body's last quarter begins. */
function threshold(prose: readonly Block[]): number {
  const start = prose[0].span.start, end = prose[prose.length - 1].span.end;
  return start + CLOSING_FROM * (end - start);
}

function items(formulas: readonly Formula[], group: number, replace: Span, trigger?: string): FormulaCompletion[] {
  return formulas.map((f, i) => ({
    label: f.label,
    kind: f.kind,
    snippet: f.snippet,
    filterText: trigger ? `${trigger} ${f.label}` : f.label,
    detail: summary(f),
    documentation: documentation(f),
    sortText: `${group}${String(i).padStart(4, '0')}`,
    replace,
  }));
}

/** "Closing · 984 statements, latest 2024": the kind, how many statements used it, when last. */
export function summary(f: Formula): string {
  return `${KIND_NAMES[f.kind]} · ${statements(f.count)}${f.lastDate ? `, latest ${formatDate(f.lastDate)}` : ''}`;
}

export const KIND_NAMES: Record<FormulaKind, string> = { opening: 'Opening', closing: 'Closing', salutation: 'Salutation', thanks: 'Thanks' };

const statements = (n: number) => `${n} statement${n === 1 ? '' : 's'}`;

/** Markdown text is shown as typed: escape what Markdown would read as formatting. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~]/g, '\\$&');
}

/** A mined snippet as Markdown a writer reads: "thanking **the Government of Japan** for ... …". */
function template(snippet: string): string {
  const values = new Map<string, string>();
  const text = snippet
    .replace(/\$\{(\d+)(?::((?:\\.|[^\\}])*))?\}/g, (_m, n: string, value?: string) => {
      if (value !== undefined) values.set(n, value);
      return `\u0001${values.get(n) ?? '…'}\u0002`;
    })
    .replace(/ ?\$0$/, ' …')
    .replace(/\\([\\$}])/g, '$1');
  return md(text).replace(/[\u0001\u0002]/g, '**');
}

/** "Title (March 2021, Vienna)": the statement, when and where; `escape` for Markdown. */
export function useLine(u: FormulaUse, escape = (s: string) => s): string {
  const when = [u.date && formatDate(u.date), u.venue].filter(Boolean).join(', ');
  return `${escape(u.title || u.path)}${when ? ` (${escape(when)})` : ''}`;
}

/** Formulas are frozen and few: their documentation is written once, not on every keystroke. */
const docs = new WeakMap<Formula, string>();

function documentation(f: Formula): string {
  let doc = docs.get(f);
  if (doc === undefined) docs.set(f, doc = writeDocumentation(f));
  return doc;
}

function writeDocumentation(f: Formula): string {
  // compact: the editor's details pane is small, and the detail line above it already names the kind
  const lines = [template(f.snippet), '', `Used in ${statements(f.count)}${f.usedIn.length < f.count ? `, the latest ${f.usedIn.length}` : ''}:`, ''];
  for (const u of f.usedIn) lines.push(`- ${useLine(u, md)}`);
  if (f.placeholders.length) lines.push('', `Placeholders: ${f.placeholders.map((p, i) => `${i + 1}. ${md(p)}`).join(' · ')}`);
  // the whole sentence of the latest use, when the formula is only its start
  if (f.example !== f.label) lines.push('', 'Latest use in full:', '', `> ${md(f.example)}`);
  return lines.join('\n');
}
