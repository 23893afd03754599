// Lectern inside a real VS Code: the fixture draft reuses a paragraph said twice before in corpus/ (the fixture
// workspace's settings point lectern.corpus.paths at it), and the user must see that as a warning, a hover naming
// the earlier statements, and a warning that goes away when the paragraph does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, waitForDiagnostics } from './diagnostics';
import { hoverTextAt, openFixture, revertIfDirty } from './fixture';

const EXTENSION_ID = 'lectern.lectern';
const REUSED_START = 'Turning to the main agenda';
const REUSED_END = 'countering cyber crime.';

describe('Lectern in a real VS Code', () => {
  let doc: vscode.TextDocument;
  let original: string;

  before(async () => {
    doc = await openFixture('draft.statement');
    original = doc.getText();
  });

  after(async () => {
    await revertIfDirty(doc);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs in the expected VS Code', function () {
    const expected = process.env.LECTERN_EXPECT_VSCODE;
    console.log(`[lectern] vscode.version = ${vscode.version}, expected ${expected ?? '(not set: any)'}`);
    if (!expected) this.skip();
    assert.equal(vscode.version, expected);
  });

  it('opens draft.statement as a statement document', () => {
    assert.equal(doc.languageId, 'statement');
  });

  it('warns once about the paragraph reused from two earlier statements', async () => {
    const [d, ...more] = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'a lectern reuse.verbatim diagnostic', 'reuse.verbatim');
    assert.equal(more.length, 0, `exactly one reuse.verbatim diagnostic: ${describeDiagnostics(doc.uri)}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    const text = doc.getText(d.range);
    assert.ok(text.startsWith(REUSED_START), `range starts at the reused paragraph: ${JSON.stringify(text.slice(0, 80))}`);
    assert.ok(text.endsWith(REUSED_END), `range ends with the reused paragraph: ${JSON.stringify(text.slice(-80))}`);
    assert.match(d.message, /Commission on Crime Prevention and Criminal Justice/);
    const related = (d.relatedInformation ?? []).map((r) => r.location.uri.path);
    for (const source of ['001_c705dcbdf9d00de9.txt', '002_527f5d6f7f83fa1b.txt']) {
      assert.ok(related.some((p) => p.endsWith('/' + source)), `relatedInformation points at ${source}: ${JSON.stringify(related)}`);
    }
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, `${EXTENSION_ID} is active`);
  });

  it('hover on the reused paragraph names the earlier speaker', async () => {
    const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'a lectern reuse.verbatim diagnostic', 'reuse.verbatim');
    const text = await hoverTextAt(doc, d.range.start);
    assert.ok(text.includes('Kit Malthouse'), `hover mentions Kit Malthouse: ${JSON.stringify(text.slice(0, 400))}`);
  });

  it('deleting the paragraph (unsaved) clears the warning; undo brings it back', async () => {
    const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'a lectern reuse.verbatim diagnostic', 'reuse.verbatim');
    const editor = await vscode.window.showTextDocument(doc);
    // the whole paragraph, with its line break
    const paragraph = new vscode.Range(d.range.start.line, 0, d.range.end.line + 1, 0);
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, paragraph);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
    assert.ok(!doc.getText().includes(REUSED_START), 'the paragraph is gone from the buffer');
    assert.ok(doc.isDirty, 'the edit is not saved');
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'the reuse warning to go away after deleting the paragraph', 'reuse.verbatim');

    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    await vscode.commands.executeCommand('undo');
    if (doc.getText() !== original) await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.getText(), original, 'undo restores the draft');
    const [back] = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'the reuse warning to come back after undo', 'reuse.verbatim');
    assert.ok(doc.getText(back.range).startsWith(REUSED_START));
  });
});
