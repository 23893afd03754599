// Merging the formula candidates of every statement into the archive's formulas: count the
// statements per group key, keep the prefixes where usage branches, rank, keep a few per kind.
// Three passes over the candidates, so that only the keys worth keeping get more than a count
// (UNGDC: 61,000 prefixes of 23,000 sentences, 50,000 distinct keys, 160 formulas listed).
import { FORMULA_KINDS, type Formula, type FormulaCandidate, type FormulaKind, type FormulaSet, type FormulaUse, type StatementFormulas } from './formula-types';
import type { StatementMeta } from './types';

export interface MergeOptions {
  /** Formulas kept per kind. */
  perKind: number;
  /** Statements listed per formula. */
  usedIn: number;
}

const DEFAULT_MERGE: MergeOptions = { perKind: 40, usedIn: 5 };

/**
 * A prefix is its own formula when fewer than this share of its statements go on with the same
 * next phrase: then what follows is the writer's, not the formula's.
 */
const BRANCH = 0.6;

export interface StatementFormulasEntry {
  readonly path: string;
  readonly meta: StatementMeta;
  readonly formulas: StatementFormulas;
}

/** The most recent use of a key, as a whole sentence or as the start of a longer one. */
interface Rep { candidate: FormulaCandidate; end: number; date: string }

interface Node {
  count: number;
  lastDate: string;
  uses: FormulaUse[];
  /** Statements in which the key is the whole sentence ("Thank you." rather than "Thank you, Mr. President."). */
  wholeCount: number;
  whole?: Rep;
  prefix?: Rep;
}

export function mergeFormulas(perStatement: Iterable<StatementFormulasEntry>, options: Partial<MergeOptions> = {}): FormulaSet {
  const opts = { ...DEFAULT_MERGE, ...options };
  const statements = Array.isArray(perStatement) ? perStatement as readonly StatementFormulasEntry[] : [...perStatement];
  const counts = countStatements(statements);
  return rank([...keptNodes(statements, counts, opts.usedIn).values()], opts.perKind);
}

/** The keys kept as formulas, each with its uses and its most recent whole and prefix examples. */
function keptNodes(statements: readonly StatementFormulasEntry[], counts: ReadonlyMap<number, number>, usedIn: number): Map<number, Node> {
  const kept = branchingKeys(statements, counts);
  const nodes = new Map<number, Node>();
  for (const st of statements) {
    const seen = new Set<number>();
    const use: FormulaUse = { path: st.path, title: st.meta.title, date: st.meta.date, venue: st.meta.venue, occasion: st.meta.occasion };
    for (const c of st.formulas.candidates) {
      for (const cut of c.cuts) {
        if (!kept.has(cut.key) || seen.has(cut.key)) continue;
        seen.add(cut.key);
        let node = nodes.get(cut.key);
        if (!node) nodes.set(cut.key, node = { count: counts.get(cut.key)!, lastDate: '', uses: [], wholeCount: 0 });
        addUse(node, c, cut.end, use, usedIn);
      }
    }
  }
  return nodes;
}

function addUse(node: Node, c: FormulaCandidate, end: number, use: FormulaUse, usedIn: number): void {
  const isWhole = end >= c.text.length;
  const rep = isWhole ? node.whole : node.prefix;
  if (!rep || use.date > rep.date) node[isWhole ? 'whole' : 'prefix'] = { candidate: c, end, date: use.date };
  if (isWhole) node.wholeCount++;
  if (use.date > node.lastDate) node.lastDate = use.date;
  const at = node.uses.findIndex((u) => use.date > u.date);
  if (at >= 0) node.uses.splice(at, 0, use);
  else node.uses.push(use);
  if (node.uses.length > usedIn) node.uses.length = usedIn;
}

/** How many statements use each key (a statement counts once however often it uses it). */
function countStatements(statements: readonly StatementFormulasEntry[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const st of statements) {
    const seen = new Set<number>();
    for (const c of st.formulas.candidates) {
      for (const cut of c.cuts) {
        if (seen.has(cut.key)) continue;
        seen.add(cut.key);
        counts.set(cut.key, (counts.get(cut.key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** Keys whose statements stop agreeing on what comes next (or that end a sentence). */
function branchingKeys(statements: readonly StatementFormulasEntry[], counts: ReadonlyMap<number, number>): Set<number> {
  const bestNext = new Map<number, number>();
  for (const st of statements) {
    for (const c of st.formulas.candidates) {
      for (let i = 0; i + 1 < c.cuts.length; i++) {
        const next = counts.get(c.cuts[i + 1].key)!;
        if (next > (bestNext.get(c.cuts[i].key) ?? 0)) bestNext.set(c.cuts[i].key, next);
      }
    }
  }
  const kept = new Set<number>();
  for (const [key, n] of counts) if ((bestNext.get(key) ?? 0) < BRANCH * n) kept.add(key);
  return kept;
}

/** A whole sentence when most of its statements say just that; else the start the writer goes on from. */
function repOf(n: Node): Rep {
  return (n.wholeCount * 2 >= n.count ? n.whole : n.prefix) ?? n.whole ?? n.prefix!;
}

function rank(nodes: Node[], perKind: number): FormulaSet {
  const ranked = nodes.map((n) => ({ n, rep: repOf(n) }));
  ranked.sort((a, b) => b.n.count - a.n.count || (a.n.lastDate < b.n.lastDate ? 1 : a.n.lastDate > b.n.lastDate ? -1 : 0) || a.rep.end - b.rep.end);
  const byKind: Record<FormulaKind, Formula[]> = { opening: [], closing: [], salutation: [], thanks: [] };
  const labels = new Set<string>();
  for (const { n, rep } of ranked) {
    const list = byKind[rep.candidate.kind];
    if (list.length >= perKind) continue;
    const f = toFormula(n, rep);
    // keys that differ only in a placeholder's kind can read alike once it is filled in: list one
    const seenKey = `${f.kind}\u0000${f.label.toLowerCase()}`;
    if (labels.has(seenKey)) continue;
    labels.add(seenKey);
    list.push(f);
  }
  const frozen = Object.fromEntries(FORMULA_KINDS.map((k) => [k, Object.freeze(byKind[k])])) as Record<FormulaKind, readonly Formula[]>;
  return Object.freeze({ formulas: Object.freeze(FORMULA_KINDS.flatMap((k) => byKind[k])), byKind: Object.freeze(frozen) });
}

function toFormula(n: Node, rep: Rep): Formula {
  const { snippet, label, placeholders } = snippetOf(rep.candidate, rep.end);
  return Object.freeze({
    kind: rep.candidate.kind, label, snippet, example: rep.candidate.text, placeholders,
    count: n.count, lastDate: n.lastDate, usedIn: Object.freeze(n.uses),
  });
}

/** `$`, `}` and `\` are snippet syntax; everything else is literal text. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** The snippet of a candidate's prefix: each distinct placeholder value one tab stop, `$0` where the writer goes on. */
export function snippetOf(c: FormulaCandidate, end: number): { snippet: string; label: string; placeholders: string[] } {
  const stops = new Map<string, number>();
  const placeholders: string[] = [];
  let snippet = '', label = '', pos = 0;
  for (const s of c.slots) {
    if (s.end > end) break;
    const literal = c.text.slice(pos, s.start), value = c.text.slice(s.start, s.end);
    let n = stops.get(value);
    if (n === undefined) {
      n = stops.size + 1;
      stops.set(value, n);
      placeholders.push(`${s.kind}: ${value}`);
      snippet += `${escapeSnippet(literal)}\${${n}:${escapeSnippet(value)}}`;
    } else snippet += `${escapeSnippet(literal)}\${${n}}`;
    label += literal + value;
    pos = s.end;
  }
  const tail = c.text.slice(pos, end);
  snippet += escapeSnippet(tail);
  label += tail;
  if (end < c.text.length) { snippet += ' $0'; label += ' …'; }
  return { snippet, label, placeholders };
}
