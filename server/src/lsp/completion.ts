// Mined openings and closings as LSP completion items (kind Snippet), from the core's
// completeFormulas; and the formulas offered by the client's "Insert opening/closing" commands.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completeFormulas } from '../core/formula-completion';
import type { FormulaSet } from '../core/formula-types';
import { spanToRange } from './convert';

/** Custom request of the client's "Insert opening" / "Insert closing": params FormulasParams, result FormulaPick[]. */
export const FORMULAS_REQUEST = 'lectern/formulas';
export interface FormulasParams { uri?: string; group: 'opening' | 'closing' }

export function formulaCompletions(doc: TextDocument, formulas: FormulaSet, position: Position): CompletionItem[] {
  return completeFormulas(formulas, doc.getText(), doc.offsetAt(position)).map((c) => ({
    label: c.label,
    kind: CompletionItemKind.Snippet,
    detail: c.detail,
    documentation: { kind: 'markdown', value: c.documentation },
    filterText: c.filterText,
    sortText: c.sortText,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: spanToRange(doc, c.replace), newText: c.snippet },
  }));
}
