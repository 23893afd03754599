// The plain data of mined formulas: what extraction keeps per statement, what merging keeps for
// the archive, and what completion hands to the LSP adapter.
import type { Slot } from './placeholders';
import type { Span } from './types';

export type FormulaKind = 'opening' | 'closing' | 'salutation' | 'thanks';
export const FORMULA_KINDS: readonly FormulaKind[] = ['salutation', 'thanks', 'opening', 'closing'];

export interface FormulaUse {
  readonly path: string;
  readonly title: string;
  /** ISO date, '' when unknown. */
  readonly date: string;
  /** Where and on what occasion it was delivered, '' when unknown. */
  readonly venue: string;
  readonly occasion: string;
}

export interface Formula {
  readonly kind: FormulaKind;
  /** The formula as it reads with the placeholders' example values; "…" when it goes on. */
  readonly label: string;
  /** LSP snippet syntax: `${1:the Government of Japan}`, with `$`, `}` and `\` escaped. */
  readonly snippet: string;
  /** The whole sentence of the most recent statement that used it. */
  readonly example: string;
  /** Each tab stop, in order, as `kind: example value` ("host: the Government of Japan"). */
  readonly placeholders: readonly string[];
  /** Statements that use it. */
  readonly count: number;
  readonly lastDate: string;
  /** The most recent few statements that use it, latest first. */
  readonly usedIn: readonly FormulaUse[];
}

export interface FormulaCut {
  /** End of the prefix, an offset into the candidate's text. */
  readonly end: number;
  /** Group key of the prefix (kind + normalised words, placeholders as their kind). */
  readonly key: number;
}

/** A sentence of a statement that holds a formula, with the prefixes worth counting. */
export interface FormulaCandidate {
  readonly kind: FormulaKind;
  readonly text: string;
  readonly slots: readonly Slot[];
  /** Shortest first; the last one is the whole sentence unless the sentence is too long. */
  readonly cuts: readonly FormulaCut[];
}

export interface StatementFormulas {
  readonly candidates: readonly FormulaCandidate[];
}

export interface FormulaSet {
  /** Every formula kept, best first within each kind. */
  readonly formulas: readonly Formula[];
  readonly byKind: Readonly<Record<FormulaKind, readonly Formula[]>>;
}

export interface FormulaCompletion {
  /** The formula as it reads (with example values). */
  readonly label: string;
  readonly kind: FormulaKind;
  /** LSP snippet syntax, to insert in place of `replace`. */
  readonly snippet: string;
  /** What the editor filters on: the typed trigger word for a prefix completion, else the label. */
  readonly filterText: string;
  /** One line: kind and how many statements used it. */
  readonly detail: string;
  /** Markdown: the formula, its placeholders, the statements that used it. */
  readonly documentation: string;
  /** Sorts the items in the order given (the editor sorts by this string). */
  readonly sortText: string;
  /** The typed word the snippet replaces (empty at the cursor when nothing is typed). */
  readonly replace: Span;
}

export const EMPTY_FORMULA_SET: FormulaSet = Object.freeze({
  formulas: [], byKind: Object.freeze({ opening: [], closing: [], salutation: [], thanks: [] }),
});
