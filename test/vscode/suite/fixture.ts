// The fixture workspace's documents for the suites: open one as the user would, read a hover, and leave nothing
// unsaved behind (closing a dirty editor would open a save prompt).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** A file of the fixture workspace (its first folder), under `...path`. */
export function fixtureUri(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

/** Opens a file of the fixture workspace (under `...path`) in an editor. */
export async function openFixture(...path: string[]): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(...path));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Drops the document's unsaved changes, if any. */
export async function revertIfDirty(doc: vscode.TextDocument | undefined): Promise<void> {
  if (!doc?.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/** The text of every hover at a position, joined. */
export async function hoverTextAt(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  // MarkdownString does not survive serialization as a class (it arrives as a plain object): read .value
  return (hovers ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n---\n');
}
