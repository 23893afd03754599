// The speechwriter's checks inside a real VS Code: checks.statement (fixture workspace, with the team glossary in
// .lectern/glossary.md) uses UNODC before expanding it and runs over its "~1 minute" target. The user must see the
// warnings, a hover of each kind (acronym, archive name, section timing), the section CodeLens and the speaking time
// in the status bar, and a quick fix that rewrites the first use.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, waitForDiagnostics } from './diagnostics';
import { hoverTextAt, openFixture, revertIfDirty } from './fixture';



const hoverAt = (doc: vscode.TextDocument, needle: string, plus = 1): Promise<string> => hoverTextAt(doc, doc.positionAt(doc.getText().indexOf(needle) + plus));

describe('the speechwriter’s checks in a real VS Code', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await openFixture('checks.statement');
  });

  after(async () => {
    await revertIfDirty(doc);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('warns that the draft runs over its target and that UNODC is not expanded', async () => {
    // the acronym expansions arrive once the archive tables are built, after the index
    const ds = await waitForDiagnostics(doc.uri, (all) => all.some((d) => codeOf(d) === 'timing.over') && all.some((d) => codeOf(d) === 'acronym.unexpanded' && /UN Office on Drugs and Crime/.test(d.message)), 'timing.over and acronym.unexpanded');
    const timing = ds.find((d) => codeOf(d) === 'timing.over')!;
    assert.equal(doc.getText(timing.range), '~1 minute');
    assert.match(timing.message, /^Runs about 20 s over the 1 min target/);
    const acronym = ds.find((d) => codeOf(d) === 'acronym.unexpanded')!;
    assert.equal(doc.getText(acronym.range), 'UNODC');
  });

  /** The hover once it holds what the archive's tables give (they are mined on a worker after the index). */
  const archiveHoverAt = async (needle: string, archive: RegExp): Promise<string> => {
    const until = Date.now() + 30_000;
    for (;;) {
      const text = await hoverAt(doc, needle);
      if (archive.test(text) || Date.now() > until) return text;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('hover on an acronym: the glossary’s form and the archive’s conflicting expansions', async () => {
    const text = await archiveHoverAt('UNODC across', /Archive: used in/);
    assert.match(text, /Team glossary \(wins over the archive\)/, text);
    assert.match(text, /Archive: used in 3 statements/, text);
    assert.match(text, /UN Office of Drugs and Crime — defined in 2 statements/, text);
  });

  it('hover on an archive name: how often and when the archive used it, and its spellings there', async () => {
    const text = await archiveHoverAt('Criminal Justice', /Used in \d+ statements of the archive/);
    assert.match(text, /Commission on Crime Prevention and Criminal Justice\*\*\n\nUsed in \d+ statements of the archive, first/, text);
    const spelled = await hoverAt(doc, 'Transnational');
    assert.match(spelled, /Spellings in the archive:\n\n- UN Convention Against Transnational Organized Crime — 1 statement\n- UN Convention against Transnational Organised Crime — 1 statement/, spelled);
  });

  it('hover on a section heading, CodeLens over each section, speaking time in the status bar', async () => {
    const text = await hoverAt(doc, 'Cooperation');
    assert.match(text, /Speaking time\*\* — section “Cooperation”/, text);
    assert.match(text, /115 spoken words · about \*\*58 s\*\* at 120 words per minute/, text);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.deepEqual(lenses.map((l) => l.command?.title), ['$(clock) 161 words · 1 min 21 s at 120 wpm · target 1 min (21 s over)', '$(clock) 46 words · 23 s at 120 wpm', '$(clock) 115 words · 58 s at 120 wpm']);
    const api = vscode.extensions.getExtension<{ speakingTime(): string | undefined }>('lectern.lectern')!.exports;
    assert.equal(api.speakingTime(), '$(clock) 1 min 21 s / 1 min');
  });

  it('the quick fix writes the glossary’s form at the first use, and the warning goes', async () => {
    const [acronym] = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'acronym.unexpanded', 'acronym.unexpanded');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, acronym.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith('Expand at first use'))!;
    assert.equal(fix.title, 'Expand at first use: UN Office on Drugs and Crime (UNODC)');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.ok(doc.getText().includes('and the work of UN Office on Drugs and Crime (UNODC) across every region'), doc.getText());
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'the acronym warning to go', 'acronym.unexpanded');
  });
});
