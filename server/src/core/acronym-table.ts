// The archive's acronyms: merged from per-statement results, with how many statements used each acronym, first and
// last date, and every expansion the archive gives it, most defined first (conflicts are kept, not hidden); and the
// hover on an acronym in a draft, where the team glossary wins.
import { acronymUses, type StatementAcronyms } from './acronyms';
import { EMPTY_GLOSSARY, glossaryEntry, isNoExpansion, type Glossary, type GlossaryEntry } from './glossary';
import { variantKey } from './terms';
import type { Span, StatementMeta } from './types';

export interface AcronymExpansion {
  /** The spelling most statements use. */
  readonly text: string;
  /** Other spellings of the same expansion ("UN"/"United Nations", case, -ise/-ize). */
  readonly variants: readonly string[];
  /** Statements that define the acronym with it. */
  readonly definedIn: number;
  /** Statements that use the acronym and name it in full without linking the two. */
  readonly alongsideIn: number;
  readonly first: string;
  readonly last: string;
}

export interface AcronymEntry {
  readonly acronym: string;
  /** Statements that use the acronym, and the ISO dates of the first and last ('' when undated). */
  readonly statements: number;
  readonly first: string;
  readonly last: string;
  /** Most defined first; several when the archive disagrees with itself. */
  readonly expansions: readonly AcronymExpansion[];
}

export interface AcronymTable { readonly entries: ReadonlyMap<string, AcronymEntry> }

export interface StatementAcronymsOf extends StatementAcronyms {
  readonly meta: Pick<StatementMeta, 'date'>;
}

interface Dated { n: number; first: string; last: string }
interface ExpAcc { defined: Dated; along: Dated; spellings: Map<string, number> }

const dated = (): Dated => ({ n: 0, first: '', last: '' });
function count(d: Dated, date: string): void {
  d.n++;
  if (date && (!d.first || date < d.first)) d.first = date;
  if (date && date > d.last) d.last = date;
}

/**
 * Merges per-statement results. An acronym is kept when some statement expands it or at least `minStatements`
 * (default 2) use it; rebuilding from the kept per-statement results is how a changed statement is taken in.
 */
export function mergeAcronyms(perStatement: Iterable<StatementAcronymsOf>, options: { minStatements?: number } = {}): AcronymTable {
  const usage = new Map<string, Dated>();
  const exps = new Map<string, Map<string, ExpAcc>>();
  for (const st of perStatement) {
    const date = st.meta.date;
    for (const a of st.used) { let u = usage.get(a); if (!u) usage.set(a, u = dated()); count(u, date); }
    const seen = new Set<string>();
    for (const d of st.definitions) {
      const key = variantKey(d.longForm);
      const once = `${d.acronym}\t${key}\t${d.kind}`;
      let byKey = exps.get(d.acronym);
      if (!byKey) exps.set(d.acronym, byKey = new Map());
      let e = byKey.get(key);
      if (!e) byKey.set(key, e = { defined: dated(), along: dated(), spellings: new Map() });
      e.spellings.set(d.longForm, (e.spellings.get(d.longForm) ?? 0) + 1);
      if (!seen.has(once)) { seen.add(once); count(d.kind === 'defined' ? e.defined : e.along, date); }
    }
  }
  const min = options.minStatements ?? 2;
  const entries = new Map<string, AcronymEntry>();
  for (const [acronym, u] of usage) {
    const byKey = exps.get(acronym);
    if (!byKey && u.n < min) continue;
    entries.set(acronym, { acronym, statements: u.n, first: u.first, last: u.last, expansions: byKey ? rankExpansions(byKey) : [] });
  }
  return { entries };
}

/**
 * Where the archive defines an acronym often, an expansion seen only once and only alongside it is noise ("United
 * States and Soviet Russia" for USSR); in a small archive it is the evidence of a conflict (004's "UN Office on ...").
 */
const ESTABLISHED = 5;

function rankExpansions(byKey: Map<string, ExpAcc>): AcronymExpansion[] {
  const established = [...byKey.values()].some((e) => e.defined.n >= ESTABLISHED);
  return [...byKey.values()].filter((e) => !established || e.defined.n > 0 || e.along.n > 1).map((e) => {
    const spellings = [...e.spellings].sort((a, b) => b[1] - a[1]).map(([t]) => t);
    const first = [e.defined.first, e.along.first].filter(Boolean).sort()[0] ?? '';
    const last = [e.defined.last, e.along.last].sort().pop() ?? '';
    return { text: spellings[0], variants: spellings.slice(1, 4), definedIn: e.defined.n, alongsideIn: e.along.n, first, last };
  }).sort((a, b) => b.definedIn - a.definedIn || b.alongsideIn - a.alongsideIn).slice(0, 6);
}

export interface AcronymHover {
  readonly span: Span;
  readonly acronym: string;
  readonly entry?: AcronymEntry;
  readonly glossary?: GlossaryEntry;
  /** The expansion a statement should use: the glossary's, else the archive's most defined. */
  readonly preferred?: string;
  /** The archive has more than one expansion, or the glossary says otherwise than the archive. */
  readonly conflicting: boolean;
}

/** The acronym under `offset`, with what the glossary and the archive know of it; undefined when neither knows it. */
export function acronymAt(text: string, offset: number, table: AcronymTable, glossary: Glossary = EMPTY_GLOSSARY): AcronymHover | undefined {
  const use = acronymUses(text, Math.max(0, offset - 16), Math.min(text.length, offset + 16)).find((u) => u.span.start <= offset && offset <= u.span.end);
  if (!use) return undefined;
  const entry = table.entries.get(use.acronym);
  const g = glossaryEntry(glossary, use.acronym);
  if (!entry && !g) return undefined;
  const options = expansionsFor(entry, g);
  const keys = new Set((entry?.expansions ?? []).map((e) => variantKey(e.text)));
  const conflicting = keys.size > 1 || (!!g?.expansion && !isNoExpansion(g) && keys.size > 0 && !keys.has(variantKey(g.expansion)) && !keys.has(variantKey(g.preferred)));
  return { span: use.span, acronym: use.acronym, ...(entry ? { entry } : {}), ...(g ? { glossary: g } : {}), ...(options[0] ? { preferred: options[0] } : {}), conflicting };
}

/** Expansions to offer, best first: the glossary's preferred form, its expansion, then the archive's. */
export function expansionsFor(entry: AcronymEntry | undefined, g: GlossaryEntry | undefined): string[] {
  const out: string[] = [];
  const keys = new Set<string>();
  const add = (t: string | undefined) => { if (t && !/^[-–—]$/.test(t) && !keys.has(variantKey(t))) { keys.add(variantKey(t)); out.push(t); } };
  add(g?.preferred); add(g?.expansion);
  for (const e of entry?.expansions ?? []) add(e.text);
  return out.slice(0, 3);
}
