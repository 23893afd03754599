// What the archive knows about acronyms and names, as tables built from per-statement facts: the seam between where
// the facts come from (extracted per statement, off the request path) and the hovers and checks that read them.
import { mergeAcronyms, type AcronymTable } from './acronym-table';
import { statementAcronyms, type StatementAcronyms } from './acronyms';
import { mergeTerms, nameRuns, statementTerms, type StatementTerms, type TermTable } from './terms';

export interface ArchiveTables {
  readonly acronyms: AcronymTable;
  readonly terms: TermTable;
  /** Statements the tables were built from (0 while they are being built). */
  readonly statements: number;
}

export const EMPTY_TABLES: ArchiveTables = Object.freeze({ acronyms: { entries: new Map() }, terms: { entries: new Map(), maxWords: 0 }, statements: 0 });

/** The facts one statement contributes to the tables. */
export interface TermFacts {
  readonly date: string;
  readonly acronyms: StatementAcronyms;
  readonly terms: StatementTerms;
}

export function termFacts(text: string, date: string): TermFacts {
  const runs = nameRuns(text); // both extractors read the statement's capitalised runs: find them once
  return { date, acronyms: statementAcronyms(text, runs), terms: statementTerms(text, runs) };
}

export function mergeTables(facts: readonly TermFacts[]): ArchiveTables {
  return {
    acronyms: mergeAcronyms(facts.map((f) => ({ meta: { date: f.date }, ...f.acronyms }))),
    terms: mergeTerms(facts.map((f) => ({ meta: { date: f.date }, terms: f.terms }))),
    statements: facts.length,
  };
}
