// Quick fixes of the speechwriter's checks (`acronym.unexpanded`, `spelling.house`): each edits the draft only when
// the writer picks it.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/types';
import { spanToRange } from './convert';

export function quickFixes(doc: TextDocument, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  return (finding.fixes ?? []).map((fix, i) => ({
    title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: i === 0,
    edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: spanToRange(doc, e.span), newText: e.newText })) } },
  }));
}
