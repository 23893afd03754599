// An edited copy of a corpus paragraph in a real VS Code: flagged as reuse.edited with the right
// source, Go to Definition lands on the source passage, and the "Mark this reuse as intentional"
// quick fix removes the warning (undo brings it back).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, lecternDiagnostics, waitForDiagnostics } from './diagnostics';
import { fixtureUri, openFixture, revertIfDirty } from './fixture';

const SOURCE_FILE = '004_b769a10b26c252fd.txt';



describe('an edited copy in a real VS Code', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await openFixture('edited.statement');
  });

  after(async () => {
    await revertIfDirty(doc);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is flagged as reuse.edited, naming the Secretary-General’s 2018 remarks', async () => {
    const [d, ...rest] = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'a lectern diagnostic');
    assert.equal(rest.length, 0);
    assert.equal(codeOf(d), 'reuse.edited');
    assert.match(d.message, /Reused with edits \(\d+% similar\) from “Remarks to the 27th session.*António Guterres, 14 May 2018/);
    assert.ok(doc.getText(d.range).startsWith('I welcome the two resolutions'));
    assert.ok(d.relatedInformation?.[0].location.uri.path.endsWith(SOURCE_FILE));
  });

  it('Go to Definition lands on the source passage', async () => {
    const [d] = lecternDiagnostics(doc.uri);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, d.range.start.translate(0, 3));
    assert.equal(defs.length, 1);
    const def = defs[0];
    const uri = 'targetUri' in def ? def.targetUri : def.uri;
    const range = 'targetRange' in def ? def.targetRange : def.range;
    assert.ok(uri.path.endsWith(SOURCE_FILE), uri.toString());
    const source = await vscode.workspace.openTextDocument(uri);
    assert.ok(source.getText(range).startsWith('I welcome the three resolutions on human trafficking'), source.getText(range));
  });

  it('"Mark this reuse as intentional" removes the warning; undo brings it back', async () => {
    const [d] = lecternDiagnostics(doc.uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const mark = actions.find((a) => a.title === 'Mark this reuse as intentional');
    assert.ok(mark?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => a.title.startsWith('Compare with source: “Remarks to the 27th session')), 'the VS Code client offers the side-by-side diff');
    assert.ok(await vscode.workspace.applyEdit(mark.edit));
    assert.match(doc.getText(), /migration\. <!-- lectern: intentional -->/);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'the warning to go');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 1, 'the warning to come back after undo');
  });
});

describe('approved boilerplate in a real VS Code', () => {
  let doc: vscode.TextDocument;
  let approvedFile: vscode.Uri;

  before(async () => {
    approvedFile = fixtureUri('.lectern', 'approved-boilerplate.md');
    // a run stopped half-way (or a late save after the last run's delete) can leave the file behind: start without it
    await vscode.workspace.fs.delete(approvedFile, { useTrash: false }).then(undefined, () => undefined);
    doc = await openFixture('edited.statement');
  });

  after(async () => {
    // leave the fixture as it was: drop the unsaved text, close, then remove the created file
    const file = vscode.workspace.textDocuments.find((d) => d.uri.toString() === approvedFile.toString());
    await revertIfDirty(file);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // only the file this test created: .lectern/ also holds the fixture's team glossary
    await vscode.workspace.fs.delete(approvedFile, { useTrash: false });
  });

  it('"Add this passage to the approved boilerplate" writes the team file and the warning goes', async () => {
    const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.length === 1, 'the reuse warning');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const approve = actions.find((a) => a.title === 'Add this passage to the approved boilerplate');
    assert.ok(approve?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(approve.edit));
    const file = await vscode.workspace.openTextDocument(approvedFile);
    assert.match(file.getText(), /^# Approved boilerplate[\s\S]*I welcome the two resolutions on human trafficking/);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'the warning to go once the passage is approved');
  });
});

describe('indexing progress in a real VS Code', () => {
  it('reports "indexing N / M statements" before the index is ready', async () => {
    const api = vscode.extensions.getExtension<{ statusHistory(): { state: string; message: string; statements: number }[] }>('lectern.lectern')!.exports;
    const history = api.statusHistory();
    const indexing = history.filter((s) => s.state === 'indexing' && /^indexing \d+ \/ 5 statements$/.test(s.message));
    assert.ok(indexing.length > 0, JSON.stringify(history));
    const ready = history.findIndex((s) => s.state === 'ready');
    assert.ok(ready > history.indexOf(indexing[0]), 'progress comes before ready');
    assert.equal(history[ready].statements, 5);
  });
});

describe('the Outline in a real VS Code', () => {
  it('shows the sections of 000 under its title', async () => {
    const doc = await openFixture('..', '..', '..', 'corpus', '000_0d605f3011f179aa.txt');
    // the server answers once the document is synced; ask until it has (no fixed sleep)
    let symbols: vscode.DocumentSymbol[] = [];
    for (let i = 0; i < 100 && !symbols.length; i++) {
      symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
      if (!symbols.length) await new Promise<void>((r) => { const sub = vscode.languages.onDidChangeDiagnostics(() => { sub.dispose(); r(); }); setTimeout(() => { sub.dispose(); r(); }, 300); });
    }
    assert.equal(symbols.length, 1, JSON.stringify(symbols));
    assert.deepEqual(symbols[0].children.map((s) => s.name), ['Introduction', 'Policy', 'Closing remarks']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
