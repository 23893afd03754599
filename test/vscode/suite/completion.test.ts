// Openings and closings in a real VS Code: a formula mined from corpus/ (000's thanks to its host) and a built-in
// closing (snippets/statement.code-snippets) accepted through completion, with their placeholders. (The Outline of
// corpus/000 is checked in edited.test.ts.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TIMEOUT_MS = 60_000;
const MINED = 'Let me start by thanking ${1:the Government of Japan} for hosting this event.';

const snippetOf = (i: vscode.CompletionItem) => (i.insertText instanceof vscode.SnippetString ? i.insertText.value : typeof i.insertText === 'object' ? (i.insertText as { value: string }).value : i.insertText);
const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : `${i.label.label} ${i.label.description ?? ''}`);
const rangeOf = (i: vscode.CompletionItem) => (i.range instanceof vscode.Range ? i.range : i.range?.replacing);

async function completions(doc: vscode.TextDocument, at: vscode.Position): Promise<vscode.CompletionItem[]> {
  // resolve up to 200 items: the server sends each item's documentation on resolve
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at, undefined, 200);
  return list.items;
}

/** Asks again until `found` holds: the server mines the archive on a worker thread after its index is ready. */
async function until<T>(what: string, ask: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + TIMEOUT_MS;
  for (;;) {
    const v = await ask();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('openings and closings through completion', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    const content = '# Statement to the Thirty-Third Session\n\nMr Chair, Excellencies, distinguished delegates,\n\n\n\nWe will continue to work with every delegation in this room on practical cooperation.\n\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'statement', content });
    editor = await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('accepts an opening mined from corpus/000 after the salutation, and fills its placeholder', async () => {
    const doc = editor.document;
    const at = new vscode.Position(4, 0);
    const item = await until('the mined opening in the completion list', async () => (await completions(doc, at)).find((i) => snippetOf(i) === MINED));
    assert.equal(item.kind, vscode.CompletionItemKind.Snippet);
    assert.match(labelOf(item), /^Let me start by thanking the Government of Japan/);
    const docs = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? '';
    assert.match(docs, /UK National Statement \(March 2021/);
    assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippetOf(item)), rangeOf(item) ?? at));
    assert.equal(doc.lineAt(4).text, 'Let me start by thanking the Government of Japan for hosting this event.');
    // the first placeholder is selected: typing replaces the host
    assert.equal(doc.getText(editor.selection), 'the Government of Japan');
    await vscode.commands.executeCommand('type', { text: 'the Government of Austria' });
    assert.equal(doc.lineAt(4).text, 'Let me start by thanking the Government of Austria for hosting this event.');
  });

  it('accepts the built-in closing "I thank you, Mr/Madam President" on the trigger word at the end', async () => {
    const doc = editor.document;
    await vscode.commands.executeCommand('leaveSnippet');
    const last = doc.lineCount - 1;
    await editor.edit((e) => e.insert(new vscode.Position(last, 0), 'closing'));
    const at = new vscode.Position(last, 'closing'.length);
    const items = await completions(doc, at);
    const builtin = items.find((i) => snippetOf(i)?.startsWith('I thank you, ${1|Mr. President,Madam President'));
    assert.ok(builtin, items.map(labelOf).join('\n'));
    assert.ok(items.some((i) => snippetOf(i) === 'Thank you.' && i.kind === vscode.CompletionItemKind.Snippet), 'the mined closings are offered too');
    const range = rangeOf(builtin) ?? new vscode.Range(last, 0, last, 'closing'.length);
    assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippetOf(builtin)), range));
    assert.equal(doc.lineAt(last).text, 'I thank you, Mr. President.');
    assert.equal(doc.getText(editor.selection), 'Mr. President', 'the choice of title is the first placeholder');
  });

  it('"Lectern: Insert closing" inserts the chosen formula at the cursor', async () => {
    const doc = editor.document;
    await vscode.commands.executeCommand('leaveSnippet');
    await editor.edit((e) => e.insert(doc.lineAt(doc.lineCount - 1).range.end, '\n'));
    const line = doc.lineCount - 1;
    editor.selection = new vscode.Selection(line, 0, line, 0);
    const command = vscode.commands.executeCommand('lectern.insertClosing');
    // the quick pick opens once the server has answered: accept its first item (the most used mined closing)
    await until('the quick pick to insert a closing', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return doc.lineAt(line).text || undefined;
    });
    await command;
    assert.equal(doc.lineAt(line).text, 'Thank you.');
  });
});
