// Mined openings and closings as LSP completion items (kind Snippet), from the core's
// completeFormulas; and the formulas offered by the client's "Insert opening/closing" commands.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completeFormulas } from '../core/formula-completion';
import type { FormulaCompletion, FormulaSet } from '../core/formula-types';
import { spanToRange } from './convert';

/** Custom request of the client's "Insert opening" / "Insert closing": params FormulasParams, result FormulaPick[]. */
export const FORMULAS_REQUEST = 'lectern/formulas';
export interface FormulasParams { uri?: string; group: 'opening' | 'closing' }

/**
 * The items without their documentation, which the editor asks for (completionItem/resolve) only
 * for the item it shows: a list of 120 formulas with their sources would be ~5 times larger on the
 * wire. `data` is the item's index in the list `FormulaCompletions` keeps until the next request.
 */
export class FormulaCompletions {
  private last: FormulaCompletion[] = [];

  complete(doc: TextDocument, formulas: FormulaSet, position: Position): CompletionItem[] {
    this.last = completeFormulas(formulas, doc.getText(), doc.offsetAt(position));
    return this.last.map((c, i) => ({
      label: c.label,
      kind: CompletionItemKind.Snippet,
      detail: c.detail,
      filterText: c.filterText,
      sortText: c.sortText,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: spanToRange(doc, c.replace), newText: c.snippet },
      data: i,
    }));
  }

  /** Adds the documentation of an item of the last list (an item of an older list is returned as it is). */
  resolve(item: CompletionItem): CompletionItem {
    const c = typeof item.data === 'number' ? this.last[item.data] : undefined;
    if (!c || c.label !== item.label) return item;
    return { ...item, documentation: { kind: 'markdown', value: c.documentation } };
  }
}
