// The facts mined from every archive statement (see archive-facts.ts). One entry per kind of fact.
import { defineExtractor, emptyTables, mergeFacts, type StatementFacts, type TablesOf } from './archive-facts';
import { EMPTY_FORMULA_SET, extractFormulas, mergeFormulas, type FormulaSet, type StatementFormulas } from './formulas';
import { mergeAcronyms, type AcronymTable } from './acronym-table';
import { statementAcronyms, type StatementAcronyms } from './acronyms';
import { mergeTerms } from './term-table';
import { statementNameRuns, statementTerms, type StatementTerms, type TermTable } from './terms';

/** Openings and closings (formulas.ts): candidates per statement, formulas over the archive. */
export const formulaFacts = defineExtractor<'formulas', StatementFormulas, FormulaSet>({
  name: 'formulas',
  // raise with any change to what extractFormulas gives (formulas.ts, placeholders.ts, sentences.ts, statement-body.ts)
  version: 2,
  extract: extractFormulas,
  merge: (entries) => mergeFormulas(entries.map((e) => ({ path: e.path, meta: e.meta, formulas: e.result }))),
  empty: EMPTY_FORMULA_SET,
});

/** Acronyms (acronyms.ts): definitions in both orders and uses per statement; the acronym table (acronym-table.ts). */
export const acronymFacts = defineExtractor<'acronyms', StatementAcronyms, AcronymTable>({
  name: 'acronyms',
  // raise with any change to what statementAcronyms gives (acronyms.ts, the name runs of terms.ts)
  version: 1,
  extract: (text) => statementAcronyms(text, statementNameRuns(text)),
  merge: (entries) => mergeAcronyms(entries.map((e) => ({ meta: e.meta, ...e.result }))),
  empty: { entries: new Map() },
});

/** Multi-word names (terms.ts): distinct names per statement; the name table with spelling variants (term-table.ts). */
export const termFacts = defineExtractor<'terms', StatementTerms, TermTable>({
  name: 'terms',
  // raise with any change to what statementTerms gives (terms.ts)
  version: 1,
  extract: (text) => statementTerms(text, statementNameRuns(text)),
  merge: (entries) => mergeTerms(entries.map((e) => ({ meta: e.meta, terms: e.result }))),
  empty: { entries: new Map(), maxWords: 0 },
});

export const ARCHIVE_EXTRACTORS = [formulaFacts, acronymFacts, termFacts] as const;

export type ArchiveTables = TablesOf<typeof ARCHIVE_EXTRACTORS>;

export const EMPTY_TABLES: ArchiveTables = emptyTables(ARCHIVE_EXTRACTORS);

/** The tables over the archive's statements: all of them, or only those named (the others stay empty). */
export function archiveTables(statements: readonly StatementFacts[], only?: readonly (keyof ArchiveTables)[]): ArchiveTables {
  if (!only) return mergeFacts(ARCHIVE_EXTRACTORS, statements);
  return { ...EMPTY_TABLES, ...mergeFacts(ARCHIVE_EXTRACTORS.filter((e) => only.includes(e.name)), statements) };
}
