// The facts mined from every archive statement (see archive-facts.ts). One entry per kind of fact.
import { defineExtractor, emptyTables, mergeFacts, type StatementFacts, type TablesOf } from './archive-facts';
import { EMPTY_FORMULA_SET, extractFormulas, mergeFormulas, type FormulaSet, type StatementFormulas } from './formulas';

/** Openings and closings (formulas.ts): candidates per statement, formulas over the archive. */
export const formulaFacts = defineExtractor<'formulas', StatementFormulas, FormulaSet>({
  name: 'formulas',
  // raise with any change to what extractFormulas gives (formulas.ts, placeholders.ts, sentences.ts, statement-body.ts)
  version: 2,
  extract: extractFormulas,
  merge: (entries) => mergeFormulas(entries.map((e) => ({ path: e.path, meta: e.meta, formulas: e.result }))),
  empty: EMPTY_FORMULA_SET,
});

export const ARCHIVE_EXTRACTORS = [formulaFacts] as const;

export type ArchiveTables = TablesOf<typeof ARCHIVE_EXTRACTORS>;

export const EMPTY_TABLES: ArchiveTables = emptyTables(ARCHIVE_EXTRACTORS);

export function archiveTables(statements: readonly StatementFacts[]): ArchiveTables {
  return mergeFacts(ARCHIVE_EXTRACTORS, statements);
}
