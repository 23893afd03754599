// Facts mined from each statement of the archive, apart from the reuse index: each extractor reads
// one statement's text once and keeps a small JSON-able result; over the archive its `merge` turns
// the results into the table the features use (formulas for completion, ...). Per-statement
// results are what the node layer caches and updates file by file (node/archive-facts.ts); the
// tables are rebuilt from them. Adding a kind of fact is one entry in ARCHIVE_EXTRACTORS
// (archive-extractors.ts).
import type { StatementMeta } from './types';

/** One statement's result of one extractor, as `merge` receives it. */
export interface FactEntry<R> {
  readonly path: string;
  readonly meta: StatementMeta;
  readonly result: R;
}

export interface FactExtractor<N extends string = string, R = unknown, T = unknown> {
  /** Key of its results in the cache and of its table. */
  readonly name: N;
  /** Raised whenever `extract`'s output changes: results of another version are extracted again. */
  readonly version: number;
  /** Pure and cheap: called once per statement file, on a worker thread. Must return JSON-able data. */
  extract(text: string, meta: StatementMeta): R;
  merge(entries: readonly FactEntry<R>[]): T;
  /** The table before anything is mined (the facts are not ready yet, or the archive is empty). */
  readonly empty: T;
}

/** Keeps the literal name and the types of an extractor (the registry's table types come from them). */
export function defineExtractor<N extends string, R, T>(e: FactExtractor<N, R, T>): FactExtractor<N, R, T> {
  return Object.freeze(e);
}

/** The tables of a list of extractors, by name. */
export type TablesOf<E extends readonly FactExtractor[]> = {
  [X in E[number] as X['name']]: X extends FactExtractor<string, unknown, infer T> ? T : never;
};

/** What the cache remembers of one statement: its facts by extractor name. */
export interface StatementFacts {
  readonly path: string;
  readonly meta: StatementMeta;
  readonly facts: Readonly<Record<string, unknown>>;
}

/** Runs every extractor on a statement; an extractor that throws leaves its fact out and says why. */
export function extractFacts(extractors: readonly FactExtractor[], text: string, meta: StatementMeta): { facts: Record<string, unknown>; errors: string[] } {
  const facts: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const e of extractors) {
    try { facts[e.name] = e.extract(text, meta); }
    catch (err) { errors.push(`${e.name}: ${(err as Error).message}`); }
  }
  return { facts, errors };
}

/** Every extractor's table over the statements (a statement without an extractor's fact is left out of its table). */
export function mergeFacts<E extends readonly FactExtractor[]>(extractors: E, statements: readonly StatementFacts[]): TablesOf<E> {
  const tables: Record<string, unknown> = {};
  for (const e of extractors) {
    const entries: FactEntry<unknown>[] = [];
    for (const s of statements) if (e.name in s.facts) entries.push({ path: s.path, meta: s.meta, result: s.facts[e.name] });
    tables[e.name] = entries.length ? e.merge(entries) : e.empty;
  }
  return tables as TablesOf<E>;
}

export function emptyTables<E extends readonly FactExtractor[]>(extractors: E): TablesOf<E> {
  return Object.fromEntries(extractors.map((e) => [e.name, e.empty])) as TablesOf<E>;
}

/** Name and version of each extractor: a cache made by other extractors is not used. */
export function extractorVersions(extractors: readonly FactExtractor[]): Record<string, number> {
  return Object.fromEntries(extractors.map((e) => [e.name, e.version]));
}
