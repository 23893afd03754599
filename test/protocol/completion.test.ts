import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompletionItemKind, CompletionRequest, CompletionResolveRequest, DidChangeWatchedFilesNotification, FileChangeType, InsertTextFormat, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { ROOT, TestClient } from './lsp-client';

const WORKSPACE = join(ROOT, 'test/fixtures/workspace');
const DRAFT = readFileSync(join(WORKSPACE, 'draft.statement'), 'utf8');

describe('openings and closings as completion', () => {
  const clients: TestClient[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lectern-formulas-'));
  after(async () => { await Promise.all(clients.map((c) => c.close())); rmSync(dir, { recursive: true, force: true }); });
  // a copy of corpus/, so that a statement can be edited on disk
  const archive = join(dir, 'archive');
  cpSync(join(ROOT, 'corpus'), archive, { recursive: true });
  const cacheDir = join(dir, 'cache');

  async function start(): Promise<TestClient> {
    const c = new TestClient({ corpus: { paths: [archive] } });
    clients.push(c);
    await c.initialize(WORKSPACE, { cacheDir });
    await c.ready();
    return c;
  }
  const factsRuns = (c: TestClient) => c.logs.filter((l) => /^archive facts: /.test(l));
  const complete = async (c: TestClient, uri: string, line: number, character: number) =>
    (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } })) as CompletionItem[];

  let c: TestClient;
  before(async () => {
    c = await start();
    await c.until(() => factsRuns(c).length, 'the archive facts');
  });

  it('offers the archive’s openings after the salutation and its closings at the end, as snippets with sources', async () => {
    assert.match(factsRuns(c)[0], /^archive facts: 5 statements \(5 read, 0 dropped\)/);
    const logged = (re: RegExp) => c.logs.findIndex((l) => re.test(l));
    assert.ok(logged(/^built the index/) >= 0 && logged(/^built the index/) < logged(/^archive facts: /), 'mined once the reuse index was built');
    // an empty line after "Mr Chair, Excellencies, distinguished delegates," (line 2)
    const lines = DRAFT.split('\n');
    const text = [...lines.slice(0, 3), '', '', ...lines.slice(3)].join('\n');
    const uri = await c.open(join(WORKSPACE, 'draft.statement'), text);
    const openings = await complete(c, uri, 4, 0);
    const thanks = openings.find((i) => i.label.startsWith('Let me start by thanking'))!;
    assert.ok(thanks, openings.map((i) => i.label).join('\n'));
    assert.equal(thanks.kind, CompletionItemKind.Snippet);
    assert.equal(thanks.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((thanks.textEdit as TextEdit).newText, 'Let me start by thanking ${1:the Government of Japan} for hosting this event.');
    assert.deepEqual((thanks.textEdit as TextEdit).range, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } });
    assert.equal(thanks.documentation, undefined, 'documentation comes with completionItem/resolve');
    const resolved = await c.connection.sendRequest(CompletionResolveRequest.type, thanks);
    assert.match((resolved.documentation as MarkupContent).value, /- UK National Statement \(March 2021, Kyoto \\\(delivered virtually\\\)\)/);
    assert.ok(openings.every((i) => i.detail && !/^Closing/.test(i.detail)), 'no closings at the start');

    // after the last paragraph, before "Thank you."
    const before = text.split('\n').length - 3;
    const end = [...text.split('\n').slice(0, before), '', '', ...text.split('\n').slice(before)].join('\n');
    await c.change(uri, 2, end);
    const closings = await complete(c, uri, before + 1, 0);
    assert.deepEqual(closings.slice(0, 2).map((i) => [i.label, i.detail]), [['Thank you.', 'Closing · 4 statements, latest 17 May 2022'], ['In closing, I’d like to thank the UNODC again for facilitating this event.', 'Closing · 2 statements, latest 17 May 2022']]);

    // the trigger word anywhere, replacing what was typed
    await c.change(uri, 3, end.replace('We will continue', 'closi\n\nWe will continue'));
    const at = end.split('\n').findIndex((l) => l.startsWith('We will continue'));
    const triggered = await complete(c, uri, at, 5);
    assert.ok(triggered.length >= 5 && triggered.every((i) => /^Closing/.test(i.detail!)));
    assert.deepEqual((triggered[0].textEdit as TextEdit).range, { start: { line: at, character: 0 }, end: { line: at, character: 5 } });
  });

  it('gives the Insert opening / Insert closing commands the mined and the built-in formulas', async () => {
    const picks = (await c.connection.sendRequest('lectern/formulas', { uri: URI.file(join(WORKSPACE, 'draft.statement')).toString(), group: 'closing' })) as { label: string; source: string; description: string; detail: string; snippet: string }[];
    const mined = picks.find((p) => p.label.startsWith('In closing'))!;
    assert.equal(mined.source, 'archive');
    assert.match(mined.detail, /Vienna · 31st session of the Commission on Crime Prevention and Criminal Justice/);
    assert.ok(picks.some((p) => p.source === 'built-in' && p.snippet.startsWith('I thank you, ${1|Mr. President,Madam President')));
    assert.ok(picks.every((p) => !/^(Opening|Thanks|Salutation)/.test(p.description)));
  });

  // regression: when two runs overlapped, the one that finished last won, not the one started last: its corpus
  // replaced the current one, no facts were mined for it, and the status stayed at "indexing"
  it('of two overlapping re-indexings, the later one wins, with its archive mined', async () => {
    const slow = join(dir, 'slow-archive');
    mkdirSync(slow);
    for (let i = 0; i < 1200; i++) writeFileSync(join(slow, `s${i}.txt`), `Statement ${i}. Thank you, Mr. President, for convening us on topic number ${i} of many.\n`);
    let calls = 0;
    // the first re-indexing is asked for the slow archive, the second for corpus/
    const r = new TestClient(() => ({ corpus: { paths: [calls++ === 1 ? slow : archive] } }));
    clients.push(r);
    await r.initialize(WORKSPACE, { cacheDir: join(dir, 'cache-overlap') });
    await r.ready();
    await Promise.all([r.connection.sendRequest('lectern/reindex'), r.connection.sendRequest('lectern/reindex')]);
    assert.deepEqual([r.statuses.at(-1)?.state, r.statuses.at(-1)?.statements], ['ready', 5], JSON.stringify(r.statuses.slice(-3)));
    await r.until(() => factsRuns(r).length >= 2, 'the facts of the later run');
    const uri = await r.open(join(WORKSPACE, 'again.statement'), '# New\n\n');
    const items = await complete(r, uri, 2, 0);
    assert.ok(items.some((i) => i.label.startsWith('Let me start by thanking')), items.map((i) => i.label).join('\n'));
  });

  it('mines a statement edited on disk again, and reads the rest from the facts cache on restart', async () => {
    const file = join(archive, '000_0d605f3011f179aa.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('the Government of Japan for hosting', 'the Government of Austria for hosting'));
    const t = new Date(Date.now() + 5000); utimesSync(file, t, t);
    const runs = factsRuns(c).length;
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: URI.file(file).toString(), type: FileChangeType.Changed }] });
    await c.until(() => factsRuns(c).length > runs, 'the facts after the change');
    assert.match(factsRuns(c).at(-1)!, /\(1 read, 1 dropped/);
    const uri = await c.open(join(WORKSPACE, 'new.statement'), '# New\n\n');
    const items = await complete(c, uri, 2, 0);
    assert.ok(items.some((i) => (i.textEdit as TextEdit).newText.includes('${1:the Government of Austria} for hosting')), items.map((i) => i.label).join('\n'));

    const again = await start();
    await again.until(() => factsRuns(again).length, 'the archive facts');
    assert.match(factsRuns(again)[0], /^archive facts: 5 statements \(0 read, 0 dropped, cache read in \d+ ms\)/);
  });
});
