// The archive's name table: per-statement names (terms.ts) merged with how many statements used each name, first and
// last date, and its spellings. Built incrementally: a statement's names are added or taken out again, so a changed
// statement costs its own names plus the final pass over the table, not a merge of the whole archive (on UNGDC the
// full merge took 2.5 s; docs/archive-terms-ungdc.md).
import { variantKey, type StatementTerms, type TermEntry, type TermTable, type TermVariant } from './terms';

export interface MergeTermsOptions {
  /** A name must be used in at least this many statements (default 2). */
  readonly minStatements?: number;
  /** Keep at most this many names, the most used (default 50,000). */
  readonly maxTerms?: number;
}

interface Acc {
  statements: number;
  wholeIn: number;
  /** Spellings and the statements that use each; most names have one, kept inline, and a map opens for a second. */
  text: string;
  count: number;
  more?: Map<string, number>;
  /** The date of the one statement that uses it; with more statements, a count per date (so that one can be taken out). */
  date: string;
  dates?: Map<string, number>;
  /** The last statement (apply call) that counted it, and the last in which it stood alone: no set per statement. */
  seenIn: number;
  wholeSeenIn: number;
}

/**
 * A name must stand alone in at least this share of the statements that use it: "Nations Charter" stands alone only
 * where OCR broke "United. Nations Charter", a few of its 2,585 statements.
 */
const WHOLE_SHARE = 0.05;

export class TermTableBuilder {
  private readonly acc = new Map<string, Acc>();
  /** The table's entries as last built, and the names changed since: `table()` redoes only those. */
  private readonly entries = new Map<string, TermEntry>();
  private readonly dirty = new Set<string>();
  private lastMin = -1;
  private applied = 0;

  /** `keys`: a spelling → key cache for adding many statements (the same spellings recur across the archive). */
  add(terms: StatementTerms, date: string, keys?: Map<string, string>): void { this.apply(terms, date, 1, keys); }

  /** Takes out a statement added before, with the same names and date. */
  remove(terms: StatementTerms, date: string): void { this.apply(terms, date, -1); }

  private apply(terms: StatementTerms, date: string, d: 1 | -1, keys?: Map<string, string>): void {
    const n = ++this.applied;
    // before the first table every name is redone anyway: no need to note which changed
    const track = this.lastMin !== -1;
    const emptied: string[] = [];
    for (const line of terms.names.split('\n')) {
      if (!line) continue;
      const text = line.slice(1);
      let key = keys?.get(text);
      if (key === undefined) { key = variantKey(text); keys?.set(text, key); }
      let a = this.acc.get(key);
      if (!a) this.acc.set(key, a = { statements: 0, wholeIn: 0, text, count: 0, date, seenIn: 0, wholeSeenIn: 0 });
      countSpelling(a, text, d);
      if (track) this.dirty.add(key);
      // a statement counts once per name however many of its spellings it uses, and stands alone if one does
      if (a.seenIn !== n) {
        a.seenIn = n;
        countDate(a, date, d);
        a.statements += d;
        if (a.statements <= 0) emptied.push(key);
      }
      if (line[0] === '+' && a.wholeSeenIn !== n) { a.wholeSeenIn = n; a.wholeIn += d; }
    }
    for (const key of emptied) this.acc.delete(key);
  }

  table(options: MergeTermsOptions = {}): TermTable {
    const min = options.minStatements ?? 2, max = options.maxTerms ?? 50_000;
    if (min !== this.lastMin) { this.lastMin = min; this.entries.clear(); for (const key of this.acc.keys()) this.dirty.add(key); }
    for (const key of this.dirty) {
      const a = this.acc.get(key);
      if (a && a.statements >= min && a.wholeIn >= Math.max(1, WHOLE_SHARE * a.statements)) this.entries.set(key, entryOf(a));
      else this.entries.delete(key);
    }
    this.dirty.clear();
    const kept = [...this.entries].sort((x, y) => y[1].statements - x[1].statements || (x[0] < y[0] ? -1 : 1)).slice(0, max);
    let maxWords = 0;
    for (const [key] of kept) maxWords = Math.max(maxWords, key.split(' ').length + 2);
    return { entries: new Map(kept), maxWords };
  }
}

function entryOf(a: Acc): TermEntry {
  const variants = [[a.text, a.count] as const, ...(a.more ?? [])].filter(([, n]) => n > 0).map(([text, statements]) => ({ text, statements })).sort((x, y) => y.statements - x.statements || (x.text < y.text ? -1 : 1));
  // a statement that writes both "Organised" and "organised" counts once for the spelling
  const shown = caseVariantsFolded(variants).slice(0, 6).map((v) => ({ text: v.text, statements: Math.min(v.statements, a.statements) }));
  const [first, last] = dateRange(a);
  return { text: shown[0].text, statements: a.statements, first, last, variants: shown };
}

/** Merges per-statement names into a table in one go. */
export function mergeTerms(perStatement: Iterable<{ readonly meta: { readonly date: string }; readonly terms: StatementTerms }>, options: MergeTermsOptions = {}): TermTable {
  const builder = new TermTableBuilder();
  const keys = new Map<string, string>();
  for (const st of perStatement) builder.add(st.terms, st.meta.date, keys);
  return builder.table(options);
}

function countSpelling(a: Acc, text: string, d: 1 | -1): void {
  if (text === a.text) { a.count += d; return; }
  a.more ??= new Map();
  const n = (a.more.get(text) ?? 0) + d;
  if (n > 0) a.more.set(text, n); else a.more.delete(text);
}

function countDate(a: Acc, date: string, d: 1 | -1): void {
  if (!a.dates && a.statements === 0) { a.date = date; return; }
  if (!a.dates) a.dates = new Map([[a.date, a.statements]]);
  const n = (a.dates.get(date) ?? 0) + d;
  if (n > 0) a.dates.set(date, n); else a.dates.delete(date);
}

/** Earliest and latest date of the statements that use the name ('' when none is dated). */
function dateRange(a: Acc): [string, string] {
  let first = '', last = '';
  for (const date of a.dates ? a.dates.keys() : [a.date]) {
    if (date && (!first || date < first)) first = date;
    if (date > last) last = date;
  }
  return [first, last];
}

/** "Organised Crime" and "organised crime" are one spelling, and so are "People's" and "People’s"; "Organised"/"Organized" are two. */
function caseVariantsFolded(variants: TermVariant[]): TermVariant[] {
  const byLower = new Map<string, TermVariant>();
  for (const v of variants) {
    const k = v.text.toLowerCase().replace(/’/g, "'");
    const prev = byLower.get(k);
    byLower.set(k, prev ? { text: prev.text, statements: prev.statements + v.statements } : v);
  }
  return [...byLower.values()].sort((x, y) => y.statements - x.statements);
}
