import assert from 'node:assert/strict';
import { linkSync, mkdtempSync, mkdirSync, readdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CodeActionRequest, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest, DefinitionRequest, type DocumentSymbol, DidChangeWatchedFilesNotification, FileChangeType, type CodeAction, type Location, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { ROOT, TestClient } from './lsp-client';

const PARAGRAPH = 'Turning to the main agenda, the UK welcomes the Commission’s thematic focus on strengthening the use of digital evidence in criminal justice and countering cyber crime.';
const CORPUS = join(ROOT, 'corpus');

describe('language server over stdio', () => {
  const clients: TestClient[] = [];
  const dirs: string[] = [];
  after(async () => { await Promise.all(clients.map((c) => c.close())); for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
  const client = (settings: unknown) => { const c = new TestClient(settings); clients.push(c); return c; };

  it('indexes the corpus, flags a reused paragraph, and updates as the user types', async () => {
    const c = client({ corpus: { paths: [CORPUS] } });
    await c.initialize(ROOT);
    const ready = await c.ready();
    assert.equal(ready.statements, 5);
    const draft = `A new opening paragraph that says something else entirely.\n\n${PARAGRAPH}\n`;
    const uri = await c.open(join(ROOT, 'unsaved-draft.statement'), draft);
    const diags = await c.diagnosticsFor(uri, 1);
    assert.equal(diags.length, 1);
    const d = diags[0];
    assert.equal(d.source, 'lectern');
    assert.equal(d.code as string, "reuse.verbatim");
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, { start: { line: 2, character: 0 }, end: { line: 2, character: PARAGRAPH.length } });
    assert.match(d.message as string, /Commission on Crime Prevention and Criminal Justice/);
    const related = d.relatedInformation!.map((r) => r.location.uri.split('/').pop()).sort();
    assert.deepEqual(related, ['001_c705dcbdf9d00de9.txt', '002_527f5d6f7f83fa1b.txt']);
    const src = d.relatedInformation!.find((r) => r.location.uri.endsWith('002_527f5d6f7f83fa1b.txt'))!.location.range;
    const srcLines = readFileSync(join(CORPUS, '002_527f5d6f7f83fa1b.txt'), 'utf8').split('\n');
    assert.equal(srcLines[src.start.line].slice(src.start.character, src.end.character), PARAGRAPH);

    const hover = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } });
    assert.match((hover!.contents as MarkupContent).value, /Kit Malthouse, Minister for Crime and Policing — 17 May 2022/);

    const edited = await c.open(join(ROOT, 'test/fixtures/workspace/edited.statement'), readFileSync(join(ROOT, 'test/fixtures/workspace/edited.statement'), 'utf8'));
    const [e] = await c.diagnosticsFor(edited);
    const editedHover = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri: edited }, position: e.range.start });
    const value = (editedHover!.contents as MarkupContent).value;
    assert.match(value, /Lectern · Reused with edits/);
    assert.match(value, /I welcome the ~~three~~ \*\*two\*\* resolutions/, value);
    assert.doesNotMatch(value, /command:/, 'no command links for a client that did not ask for them');

    const def = (await c.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } })) as Location[];
    assert.ok(def.some((l) => l.uri.endsWith('002_527f5d6f7f83fa1b.txt') && l.range.start.line === src.start.line));

    await c.change(uri, 2, draft.replace(PARAGRAPH, 'The paragraph is gone now.'));
    assert.deepEqual(await c.diagnosticsFor(uri, 2), []);
  });

  it('ends the indexing progress of every run, also when settings change while it indexes', async () => {
    const c = client({ corpus: { paths: [CORPUS] } });
    await c.initialize(ROOT);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await c.until(() => c.progress.size >= 3 && [...c.progress.values()].every((v) => v === 'ended'), 'every progress ended');
  });

  it('skips bad corpus files with a log line each and keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lectern-proto-')); dirs.push(dir);
    mkdirSync(join(dir, 'archive'));
    writeFileSync(join(dir, 'archive', 'good.txt'), readFileSync(join(CORPUS, '002_527f5d6f7f83fa1b.txt')));
    writeFileSync(join(dir, 'archive', 'binary.txt'), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(dir, 'archive', 'empty.txt'), '');
    const c = client({ corpus: { paths: ['archive', 'no-such-folder'] }, reuse: { minWords: 'many' } });
    await c.initialize(dir);
    const ready = await c.ready();
    assert.equal(ready.statements, 1);
    assert.equal(ready.skipped, 3);
    assert.ok(c.logs.some((l) => /binary\.txt: binary file/.test(l)));
    assert.ok(c.logs.some((l) => /no-such-folder: corpus folder not found/.test(l)));
    assert.ok(c.logs.some((l) => /lectern\.reuse\.minWords must be a whole number/.test(l)), 'bad setting reported');
    const uri = await c.open(join(dir, 'draft.md'), PARAGRAPH, 'markdown');
    const diags = await c.diagnosticsFor(uri);
    assert.equal(diags.length, 1, 'still serving with the default minimum length');
  });

  it('falls back to initializationOptions for clients without workspace/configuration', async () => {
    const c = client(undefined);
    await c.initialize(ROOT, { corpusPaths: [CORPUS] });
    assert.equal((await c.ready()).statements, 5);
  });
});

describe('code actions', () => {
  let c: TestClient | undefined;
  let dir = '';
  after(async () => { await c?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('offers to mark as intentional, to approve as boilerplate, and to open each source', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lectern-actions-'));
    c = new TestClient({ corpus: { paths: [CORPUS] }, reuse: { approvedFile: 'team/approved.md' } });
    await c.initialize(dir);
    await c.ready();
    const draft = `${PARAGRAPH}\n`;
    const uri = await c.open(join(dir, 'draft.statement'), draft);
    const [d] = await c.diagnosticsFor(uri);
    const actions = (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles.slice(0, 2), ['Mark this reuse as intentional', 'Add this passage to the approved boilerplate']);
    assert.ok(titles.some((t) => t.startsWith('Open source: “Kit Malthouse')));
    assert.ok(!titles.some((t) => t.startsWith('Compare')), 'compare is only for clients that implement it');

    const mark = actions[0].edit!.changes![uri][0];
    assert.deepEqual(mark.range.start, d.range.end);
    await c.change(uri, 2, draft.slice(0, PARAGRAPH.length) + mark.newText + draft.slice(PARAGRAPH.length));
    assert.deepEqual(await c.diagnosticsFor(uri, 2), [], 'the marker silences the warning');

    const approve = actions[1].edit!.documentChanges!;
    assert.equal((approve[0] as { kind: string }).kind, 'create');
    assert.ok((approve[0] as { uri: string }).uri.endsWith('/team/approved.md'));
  });
});

describe('the persisted index over the protocol', () => {
  const clients: TestClient[] = [];
  let dir = '';
  after(async () => { await Promise.all(clients.map((c) => c.close())); if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('loads the cache on restart, and a corpus file edited on disk changes an open draft’s diagnostics', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lectern-watch-'));
    const archive = join(dir, 'archive');
    mkdirSync(archive);
    for (const f of ['001_c705dcbdf9d00de9.txt', '002_527f5d6f7f83fa1b.txt', 'manifest.tsv']) writeFileSync(join(archive, f), readFileSync(join(CORPUS, f)));
    const cacheDir = join(dir, 'cache');
    const first = new TestClient({ corpus: { paths: ['archive'] } }); clients.push(first);
    await first.initialize(dir, { cacheDir });
    await first.ready();
    assert.ok(first.logs.some((l) => /built the index/.test(l)), first.logs.join('\n'));
    await first.close();

    const c = new TestClient({ corpus: { paths: ['archive'] } }); clients.push(c);
    await c.initialize(dir, { cacheDir });
    assert.equal((await c.ready()).statements, 2);
    assert.ok(c.logs.some((l) => /loaded the index cache in \d+ ms: 2 statements/.test(l)), c.logs.join('\n'));
    await c.until(() => c.logs.some((l) => /checked \d+ corpus files in \d+ ms: 0 re-indexed, 0 removed/.test(l)), 'the check against the disk');

    const uri = await c.open(join(dir, 'draft.statement'), `${PARAGRAPH}\n`);
    assert.equal((await c.diagnosticsFor(uri))[0].relatedInformation!.length, 2);

    // the team edits 002 on disk: the paragraph is gone from it; the editor reports the change
    const file = join(archive, '002_527f5d6f7f83fa1b.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/Turning to the main agenda[^\n]*/, 'This paragraph was rewritten.'));
    const before = c.statuses.length;
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: URI.file(file).toString(), type: FileChangeType.Changed }] });
    await c.until(() => c.statuses.length > before, 'a status after the change');
    const diags = await waitForSources(c, uri, 1);
    assert.deepEqual(diags, ['001_c705dcbdf9d00de9.txt']);
    assert.ok(c.logs.some((l) => /corpus updated: 1 file\(s\) re-indexed, 0 removed in [\d.]+ ms/.test(l)));
  });

  it('says once that a corrupted cache was ignored, rebuilds it, and trusts the rebuilt one', async () => {
    const cacheDir = join(dir, 'cache');
    const [file] = readdirSync(cacheDir).filter((f) => /^lectern-index-.*\.bin$/.test(f));
    const bytes = readFileSync(join(cacheDir, file));
    bytes[bytes.length - 9] ^= 0x40;
    writeFileSync(join(cacheDir, file), bytes);
    const c = new TestClient({ corpus: { paths: ['archive'] } }); clients.push(c);
    await c.initialize(dir, { cacheDir });
    assert.equal((await c.ready()).statements, 2);
    await c.until(() => c.logs.some((l) => /index cache written/.test(l)), 'the rebuilt cache');
    assert.deepEqual(c.logs.filter((l) => /ignored/.test(l)).map((l) => l.replace(/.*\(/, '(')), ['(checksum mismatch: the file is corrupted); rebuilding']);
    await c.close();
    const next = new TestClient({ corpus: { paths: ['archive'] } }); clients.push(next);
    await next.initialize(dir, { cacheDir });
    await next.ready();
    assert.ok(next.logs.some((l) => /loaded the index cache/.test(l)), next.logs.join('\n'));
  });
});

describe('while the first index is built', () => {
  let dir = '';
  let c: TestClient | undefined;
  after(async () => { await c?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('answers the checks that need no archive at once, then refreshes the diagnostics with the archive’s', async () => {
    // 500 statement files: built on worker threads, as a large archive is
    dir = mkdtempSync(join(tmpdir(), 'lectern-building-'));
    const archive = join(dir, 'archive');
    mkdirSync(archive);
    const files = ['000_0d605f3011f179aa.txt', '001_c705dcbdf9d00de9.txt', '002_527f5d6f7f83fa1b.txt', '003_fd708a8a8fa9502b.txt', '004_b769a10b26c252fd.txt'];
    for (let i = 0; i < 500; i++) linkSync(join(CORPUS, files[i % files.length]), join(archive, `${String(i).padStart(3, '0')}.txt`));
    c = new TestClient({ corpus: { paths: ['archive'] } });
    await c.initialize(dir);
    // a speech of one minute's target, over it, and one paragraph said twice
    const draft = `Remarks ~1 minute\n\n${PARAGRAPH}\n\n${'We stand ready to work with all delegations on these questions. '.repeat(12)}\n\n${PARAGRAPH}\n`;
    const uri = await c.open(join(dir, 'draft.statement'), draft);
    const codes = () => new Set((c!.latest(uri) ?? []).map((d) => d.code as string));
    const early = await c.until(() => codes().has('timing.over') && codes(), 'the draft’s own checks');
    assert.ok(!c.statuses.some((s) => s.state === 'ready'), 'answered before the index was ready');
    assert.ok(c.logs.every((l) => !/built the index/.test(l)));
    assert.deepEqual([...early].sort(), ['reuse.internal', 'timing.over']);
    await c.ready();
    await c.until(() => codes().has('reuse.common'), 'the archive’s findings once the index is ready');
    assert.ok(c.logs.some((l) => /built the index on \d worker thread/.test(l)), c.logs.join('\n'));
  });
});

/** The source file names of the first diagnostic once it has `count` sources. */
async function waitForSources(c: TestClient, uri: string, count: number): Promise<string[]> {
  const diags = await c.until(() => { const d = c.latest(uri); return d && d.length && d[0].relatedInformation?.length === count ? d : undefined; }, `${count} source(s)`);
  return diags[0].relatedInformation!.map((r) => r.location.uri.split('/').pop()!);
}

describe('multi-root workspaces', () => {
  let c: TestClient | undefined;
  let dir = '';
  after(async () => { await c?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('indexes an archive shared by two folders once, and gives each folder its own corpus', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lectern-roots-'));
    const [a, b, other] = ['team-a', 'team-b', 'team-c'].map((n) => join(dir, n));
    for (const f of [a, b, other]) mkdirSync(f);
    const lone = join(dir, 'lone-archive');
    mkdirSync(lone);
    writeFileSync(join(lone, 'only.txt'), 'A statement about something else entirely, long enough to be indexed as one.');
    // every folder's settings are answered per scopeUri: a and b share corpus/, c has its own archive
    c = new TestClient((scope?: string) => ({ corpus: { paths: [scope?.endsWith('team-c') ? lone : CORPUS] } }));
    await c.initialize([a, b, other]);
    assert.equal((await c.ready()).statements, 6, 'corpus/ (5) once + the lone archive (1)');
    assert.equal(c.logs.filter((l) => /^built the index/.test(l)).length, 2, c.logs.join('\n'));
    const inB = await c.open(join(b, 'draft.statement'), PARAGRAPH);
    assert.equal((await c.diagnosticsFor(inB)).length, 1);
    const inC = await c.open(join(other, 'draft.statement'), PARAGRAPH);
    assert.deepEqual(await c.diagnosticsFor(inC), [], 'team-c checks against its own archive only');
  });
});

describe('outline and folding', () => {
  let c: TestClient | undefined;
  after(async () => { await c?.close(); });

  it('gives the sections of 000 under its title, and folds each section', async () => {
    c = new TestClient({ corpus: { paths: [CORPUS] } });
    await c.initialize(ROOT);
    const file = join(CORPUS, '000_0d605f3011f179aa.txt');
    const uri = await c.open(file, readFileSync(file, 'utf8'), 'plaintext');
    const symbols = (await c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    assert.match(symbols[0].name, /^UK National Statement/);
    assert.deepEqual(symbols[0].children!.map((s) => s.name), ['Introduction', 'Policy', 'Closing remarks']);
    assert.match(symbols[0].children![0].detail!, /^\d+ words$/);
    const folds = await c.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(folds!.length >= 3, JSON.stringify(folds));
    assert.ok(folds!.every((f) => f.endLine > f.startLine));
  });
});
