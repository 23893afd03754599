// The language server as an editor runs it: dist/server.js spawned over stdio, spoken to in LSP
// (the protocol tests' TestClient). Measures, on a corpus folder the benchmark may change:
//   cold      spawn → first diagnostics from the index on an open draft, no cache (built on workers)
//   warm      spawn → first diagnostics from the index, persisted in the cache folder
//   file      a corpus file rewritten on disk (a paragraph of the draft's own text added to it,
//             then taken out again) and announced by workspace/didChangeWatchedFiles → the open
//             draft's diagnostics published again, changed (a new finding naming the file, gone)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { TestClient } from '../test/protocol/lsp-client';
import { latency, type Latency } from './stats';

export interface ServerRunPlan {
  /** dist/server.js */
  readonly server: string;
  /** The corpus folder; the file to change lies in it and may be rewritten (never a shared original). */
  readonly corpus: string;
  readonly exclude: readonly string[];
  readonly cacheDir: string;
  /** A folder for the workspace and the draft. */
  readonly workspace: string;
  readonly draft: string;
  /** A corpus file to change, and a paragraph of the draft's own text (in no statement) that the change adds to it. */
  readonly changed: { readonly path: string; readonly addition: string };
  readonly warmRuns: number;
  readonly fileChanges: number;
  readonly timeoutMs: number;
}

export interface ServerRunResult {
  readonly coldMs: number;
  readonly coldLog: string;
  readonly warmMs: readonly number[];
  /** Of each warm start: spawn → the server's answer to `initialize` (Node's start, loading the server's code). */
  readonly warmInitializedMs: readonly number[];
  /** Spawn → exit of `node -e 0` with the same Node, median of 5: the part of any start no server code can shorten. */
  readonly nodeStartMs: number;
  /** The server's own log line about the cache, from each warm start. */
  readonly warmLogs: readonly string[];
  /** Time until the server had checked every corpus file against the cache (in the background). */
  readonly freshnessMs: number;
  readonly freshnessLog: string;
  readonly fileChange: Latency;
  readonly fileChangeLog: string;
}

function settings(plan: ServerRunPlan) {
  return { corpus: { paths: [plan.corpus], exclude: ['**/node_modules/**', '**/.git/**', '**/README.md', ...plan.exclude] } };
}

/**
 * Starts a server, opens the draft at once (as an editor restoring its tabs) and waits for its
 * first diagnostics from the index: ones with findings from the archive (the draft holds planted copies).
 * While an index is built the server publishes the draft's own checks first; those do not count.
 */
async function start(plan: ServerRunPlan): Promise<{ client: TestClient; ms: number; initializedMs: number; uri: string }> {
  const t0 = performance.now();
  const client = new TestClient(settings(plan), plan.server);
  await client.initialize(plan.workspace, { cacheDir: plan.cacheDir });
  const initializedMs = performance.now() - t0;
  const uri = await client.open(join(plan.workspace, 'draft.statement'), plan.draft);
  await client.until(() => client.latest(uri)?.some((d) => /^reuse\.(verbatim|edited|common)$/.test(String(d.code))), 'first diagnostics from the index', plan.timeoutMs);
  return { client, ms: performance.now() - t0, initializedMs, uri };
}

/** Spawn → exit of an empty Node program, median of `runs`. */
function nodeStart(runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export async function measureServer(plan: ServerRunPlan): Promise<ServerRunResult> {
  rmSync(plan.cacheDir, { recursive: true, force: true });
  mkdirSync(plan.workspace, { recursive: true });
  const cold = await start(plan);
  const coldLog = await cold.client.until(() => cold.client.logs.find((l) => /^built the index/.test(l)), 'the build log', plan.timeoutMs);
  await cold.client.until(() => cold.client.logs.some((l) => /index cache written/.test(l)), 'the cache to be written', plan.timeoutMs);
  await cold.client.close();

  const warmMs: number[] = [], warmInitializedMs: number[] = [], warmLogs: string[] = [];
  let warm: Awaited<ReturnType<typeof start>> | undefined;
  for (let i = 0; i < plan.warmRuns; i++) {
    const t0 = performance.now();
    const run = await start(plan);
    warmMs.push(run.ms);
    warmInitializedMs.push(run.initializedMs);
    warmLogs.push(run.client.logs.find((l) => /loaded the index cache/.test(l)) ?? run.client.logs.find((l) => /built the index/.test(l)) ?? '(no cache log line)');
    const freshnessLog = await run.client.until(() => run.client.logs.find((l) => /^checked \d+ corpus files/.test(l)), 'the check against the disk', plan.timeoutMs);
    if (i < plan.warmRuns - 1) { await run.client.close(); continue; }
    warm = { ...run, ms: performance.now() - t0 };
    warmLogs.push(freshnessLog);
  }
  const { client, uri } = warm!;
  const freshnessLog = warmLogs.pop()!;

  // the file is replaced (unlinked, then written), never written through: it may be a hard link to a shared original
  const original = readFileSync(plan.changed.path, 'utf8');
  const rewritten = `${original.trimEnd()}\n\n${plan.changed.addition}\n`;
  const said = () => JSON.stringify(client.latest(uri));
  const times: number[] = [];
  for (let i = 0; i < plan.fileChanges; i++) {
    const adding = i % 2 === 0;
    const before = said();
    rmSync(plan.changed.path);
    writeFileSync(plan.changed.path, adding ? rewritten : original);
    const t0 = performance.now();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: URI.file(plan.changed.path).toString(), type: FileChangeType.Changed }] });
    await client.until(() => said() !== before, `the diagnostics to follow the file (change ${i + 1}); ${client.logs.slice(-3).join(' | ')}`, Math.min(plan.timeoutMs, 60_000));
    times.push(performance.now() - t0);
  }
  const fileChangeLog = client.logs.filter((l) => /^corpus updated/.test(l)).pop() ?? '';
  await client.close();
  return { coldMs: cold.ms, coldLog, warmMs, warmInitializedMs, nodeStartMs: nodeStart(), warmLogs, freshnessMs: Number(/in (\d+) ms/.exec(freshnessLog)?.[1] ?? NaN), freshnessLog, fileChange: latency(times), fileChangeLog };
}
