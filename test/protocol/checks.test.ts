import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CodeActionRequest, CodeLensRequest, HoverRequest, type CodeAction, type Diagnostic, type MarkupContent, type Position } from 'vscode-languageserver-protocol/node';
import { ROOT, TestClient } from './lsp-client';

const CORPUS = join(ROOT, 'corpus');
const FILLER = 'Our delegation thanks every colleague present here for their patience and careful attention. '.repeat(12);
const DRAFT = `Remarks to the Commission ~1 minute

Opening

We support the Commission on Crime Prevention and Criminal Justice and the work of UNODC in Vienna. We have organized three regional meetings this year. ${FILLER}
`;
const GLOSSARY = `# Team glossary

| Term  | Expansion                                | Preferred form               | Notes          |
|-------|------------------------------------------|------------------------------|----------------|
| UNODC | United Nations Office on Drugs and Crime | UN Office on Drugs and Crime | "on", not "of" |
`;

function positionOf(text: string, needle: string, plus = 1): Position {
  const at = text.indexOf(needle) + plus;
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('the speechwriter’s checks over the protocol', () => {
  const clients: TestClient[] = [];
  const dirs: string[] = [];
  after(async () => { await Promise.all(clients.map((c) => c.close())); for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  async function workspace(glossary: string, settings: Record<string, unknown> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'lectern-checks-')); dirs.push(dir);
    mkdirSync(join(dir, '.lectern'));
    writeFileSync(join(dir, '.lectern', 'glossary.md'), glossary);
    const c = new TestClient({ corpus: { paths: [CORPUS] }, spelling: { house: 'british' }, ...settings });
    clients.push(c);
    await c.initialize(dir);
    await c.ready();
    await c.until(() => c.logs.some((l) => /^archive facts: /.test(l)), 'the archive facts (acronym and name tables)');
    return { dir, c };
  }

  it('reports timing.over, spelling.house and acronym.unexpanded, with quick fixes, hovers and lenses', async () => {
    const { dir, c } = await workspace(GLOSSARY);
    const uri = await c.open(join(dir, 'draft.statement'), DRAFT);
    const diags = await c.diagnosticsFor(uri);
    const byCode = (code: string) => diags.filter((d) => d.code === code);
    const [timing] = byCode('timing.over');
    assert.match(timing.message as string, /^Runs about \d+ s over the 1 min target/);
    assert.deepEqual(timing.range.start, { line: 0, character: DRAFT.indexOf('~1 minute') });
    const [spelling] = byCode('spelling.house');
    assert.equal(spelling.message, '“organized” is not the house spelling (British (-ise)): write “organised”.');
    const [acronym] = byCode('acronym.unexpanded');
    assert.match(acronym.message as string, /“UNODC” is used without being expanded/);

    const actions = async (d: Diagnostic) => (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const [fix] = await actions(spelling);
    assert.equal(fix.title, 'Change to “organised”');
    assert.deepEqual(fix.edit!.changes![uri], [{ range: spelling.range, newText: 'organised' }]);
    const expand = await actions(acronym);
    // the glossary's preferred form first (its Expansion is the same name: "UN" folds with "United Nations"), then the archive's other one
    assert.deepEqual(expand.map((a) => a.edit!.changes![uri][0].newText), ['UN Office on Drugs and Crime (UNODC)', 'UN Office of Drugs and Crime (UNODC)']);

    const hover = async (needle: string, plus = 1) => ((await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(DRAFT, needle, plus) }))?.contents as MarkupContent | undefined)?.value ?? '';
    const acr = await hover('UNODC in');
    assert.match(acr, /Team glossary \(wins over the archive\)/);
    assert.match(acr, /Archive: used in 3 statements, first 14 May 2018, last 17 May 2022/);
    assert.match(acr, /conflicting expansions/);
    assert.match(acr, /UN Office of Drugs and Crime — defined in 2 statements/);
    const term = await hover('Criminal Justice');
    assert.match(term, /\*\*Lectern · Commission on Crime Prevention and Criminal Justice\*\*/);
    assert.match(term, /Used in \d+ statements of the archive, first/);
    const title = await hover('Remarks');
    assert.match(title, /Speaking time\*\* — the whole statement/);
    assert.match(title, /Target: 1 min — about \d+ s over/);

    const lenses = await c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(lenses!.map((l) => l.range.start.line), [0, 2]);
    assert.equal(lenses![1].command!.title, '$(clock) 181 words · 1 min 31 s at 120 wpm');
    const status = await c.until(() => c.speakingTimes.find((t) => t.uri === uri), 'the speaking time');
    assert.equal(status.text, '1 min 31 s / 1 min');
  });

  it('reports a glossary it cannot fully read, keeps serving, and reads it again when it changes', async () => {
    const { dir, c } = await workspace(`${GLOSSARY}|  | an expansion without a term | | |\n`);
    assert.ok(c.logs.some((l) => /glossary\.md:6: row without a term: skipped/.test(l)), c.logs.join('\n'));
    const uri = await c.open(join(dir, 'draft.statement'), DRAFT);
    const diags = await c.diagnosticsFor(uri);
    assert.ok(diags.some((d) => d.code === 'acronym.unexpanded' && /UN Office on Drugs and Crime \(UNODC\)/.test(d.message as string)), 'the good rows are used');
    // the writer edits the glossary in the editor (unsaved): the draft is checked again against the new text
    await c.open(join(dir, '.lectern', 'glossary.md'), GLOSSARY.replace('UN Office on Drugs and Crime |', 'Office for Drug Control       |'), 'markdown');
    await c.until(() => c.latest(uri)?.some((d) => d.code === 'acronym.unexpanded' && /Say “Office for Drug Control \(UNODC\)”/.test(d.message as string)), 'the draft re-checked with the edited glossary');
  });
});
