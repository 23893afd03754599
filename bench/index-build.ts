// Building the index of the whole corpus, each build in a fresh Node process: its resident memory
// then holds the index and nothing from an earlier build or from the drafts.
//   in-process  loadCorpus: read, tokenize, fingerprint and sort on one thread (tools, tests)
//   workers     openCorpus as the language server opens a corpus: two index worker threads whose
//               layers are merged; ready to answer when it returns, the persisted index written
//               to a cache folder right after on a worker (deferSave, as the server does), timed apart
//   cache       openCorpus again with that cache: the index read back, every file's stamp checked
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { cacheFile } from '../server/src/node/index-cache';
import { indexBytes, type CorpusIndex } from '../server/src/core/corpus-index';
import { loadCorpus, openCorpus } from '../server/src/node/load-corpus';
import type { CorpusSpec } from '../server/src/node/statement-files';
import { lagProbe, memoryAfterGc, type MemoryAfterGc } from './stats';

export type BuildMode = 'in-process' | 'workers' | 'cache';

export interface BuildRequest {
  readonly mode: BuildMode;
  readonly spec: CorpusSpec;
  readonly cacheDir: string;
  readonly workerScript: string;
}

export interface BuildResult extends MemoryAfterGc {
  readonly mode: BuildMode;
  /** Wall time of the whole open: listing, reading, indexing (and writing or reading the cache). */
  readonly ms: number;
  readonly statements: number;
  readonly words: number;
  readonly indexBytes: number;
  readonly layers: number;
  readonly problems: number;
  /** How the corpus was opened, as load-corpus reports it. */
  readonly source?: string;
  /** workers: milliseconds after `ms` until the cache file was written, and its size. */
  readonly saveMs?: number;
  /** workers: the longest this thread went without running a 5 ms timer, from the start until the cache was written. */
  readonly mainBlockMs?: number;
  readonly cacheBytes?: number;
}

export const BUILD_FLAG = '--measure-build';

/** Runs one build in a child process (this same script with BUILD_FLAG) and returns its figures. */
export function buildInChild(script: string, request: BuildRequest): BuildResult | { error: string } {
  const r = spawnSync(process.execPath, ['--expose-gc', script, BUILD_FLAG, JSON.stringify(request)], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 24 });
  const last = r.stdout?.trim().split('\n').pop();
  try { return JSON.parse(last ?? '') as BuildResult; } catch {
    return { error: `build process failed (status ${r.status}, signal ${r.signal}): ${(r.stderr ?? '').slice(-500)}` };
  }
}

/** The child's side: builds once, prints its figures as one JSON line. */
export async function measureBuild(request: BuildRequest): Promise<BuildResult> {
  const { mode, spec } = request;
  const probe = lagProbe();
  const t0 = performance.now();
  let layers: CorpusIndex[];
  let problems: number;
  let source: string | undefined;
  let readyMs: number | undefined;
  let mainBlockMs: number | undefined;
  let saved: { saveMs: number; cacheBytes: number } | undefined;
  if (mode === 'in-process') {
    const r = await loadCorpus(spec);
    layers = [r.index];
    problems = r.problems.length;
  } else {
    if (mode === 'workers') rmSync(request.cacheDir, { recursive: true, force: true });
    const r = await openCorpus(spec, { workerScript: request.workerScript, cacheDir: request.cacheDir, deferSave: true });
    readyMs = performance.now() - t0;
    if (mode === 'workers') {
      await r.saved; // written on a worker thread after `ready`
      saved = { saveMs: performance.now() - t0 - readyMs, cacheBytes: statSync(cacheFile(request.cacheDir, spec)).size };
      mainBlockMs = probe.stop();
    }
    layers = r.corpus.layers.map((l) => l.index);
    problems = r.problems.length;
    source = r.source.kind === 'build' ? `built on ${r.source.workers} worker thread(s), layers merged` : `cache read in ${r.source.loadMillis.toFixed(0)} ms, ${r.source.reindexed} file(s) re-indexed`;
  }
  const ms = readyMs ?? performance.now() - t0;
  probe.stop();
  const memory = await memoryAfterGc();
  return {
    mode, ms, ...memory, layers: layers.length, problems, ...(source ? { source } : {}), ...saved, ...(mainBlockMs !== undefined ? { mainBlockMs } : {}),
    statements: layers.reduce((n, l) => n + l.statements.length, 0),
    words: layers.reduce((n, l) => n + l.totalWords, 0),
    indexBytes: layers.reduce((n, l) => n + indexBytes(l), 0),
  };
}
