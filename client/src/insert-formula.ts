// "Lectern: Insert opening" / "Insert closing": a quick pick of the formulas the server lists
// (mined from the archive, then built-in), filterable by their words, kind, venue, occasion and
// statement; the chosen one is inserted at the cursor as a snippet. The server does the choosing.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const FORMULAS_REQUEST = 'lectern/formulas';
export const INSERT_OPENING_COMMAND = 'lectern.insertOpening';
export const INSERT_CLOSING_COMMAND = 'lectern.insertClosing';

/** What the server sends for each formula (server/src/core/formula-picks.ts FormulaPick). */
interface FormulaPick { kind: string; source: 'archive' | 'built-in'; label: string; description: string; detail: string; snippet: string }
interface PickItem extends vscode.QuickPickItem { snippet?: string }

export function registerInsertFormula(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const insert = (group: 'opening' | 'closing') => async () => {
    const editor = vscode.window.activeTextEditor;
    const c = client();
    if (!editor) return;
    if (!c) { void vscode.window.showWarningMessage('Lectern: the server is not running.', 'Restart server').then((a) => a && vscode.commands.executeCommand('lectern.restartServer')); return; }
    const picks = await c.sendRequest<FormulaPick[]>(FORMULAS_REQUEST, { uri: editor.document.uri.toString(), group });
    const items: PickItem[] = [];
    picks.forEach((p, i) => {
      if (i === 0 || picks[i - 1].source !== p.source) {
        items.push({ label: p.source === 'archive' ? 'From the archive' : 'Built-in', kind: vscode.QuickPickItemKind.Separator });
      }
      items.push({ label: p.label, description: p.description, detail: p.detail, snippet: p.snippet });
    });
    const chosen = await vscode.window.showQuickPick(items, {
      title: group === 'opening' ? 'Insert opening' : 'Insert closing',
      placeHolder: 'Filter by words, venue, occasion or statement',
      matchOnDescription: true, matchOnDetail: true,
    });
    if (chosen?.snippet !== undefined) await editor.insertSnippet(new vscode.SnippetString(chosen.snippet));
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(INSERT_OPENING_COMMAND, insert('opening')),
    vscode.commands.registerCommand(INSERT_CLOSING_COMMAND, insert('closing')),
  );
}
