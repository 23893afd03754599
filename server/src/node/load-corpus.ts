// Opens the corpus: from the persisted index when there is one, re-indexing only the statement
// files whose size or modification time changed (and dropping deleted ones); otherwise a full
// build, on worker threads for a large archive so the caller's thread keeps answering.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { compact, compactAfterChange, liveStatements, needsCompaction, singleLayer, withChanges, type Corpus } from '../core/corpus';
import type { CorpusIndex } from '../core/corpus-index';
import type { Problem } from '../core/types';
import { writeCorpusCache, writeCorpusCacheOnWorker } from './corpus-cache';
import { readCache, type FileStamp } from './index-cache';
import { indexFiles } from './index-files';
import { indexOnWorkers } from './index-workers';
import { listStatementFiles, listStatementPaths, type CorpusSpec, type StatementFile, type StatementPath } from './statement-files';

export type Progress = (done: number, total: number) => void;

export interface OpenOptions {
  /** Folder of the persisted index; none = build in memory only. */
  cacheDir?: string;
  progress?: Progress;
  /** dist/index-worker.js; when absent (tests) indexing runs in-process. */
  workerScript?: string;
  log?: (message: string) => void;
  /** The persisted index as the caller already read it, undefined when there was none (it is not read again). */
  cached?: CachedCorpus | { problem: string };
  /** Called when a build starts on worker threads (this thread is free until it ends). */
  building?: () => void;
  /**
   * Write the cache after returning (the language server: encoding alone measured ~0.2 s on
   * UNGDC, before the write; `saved` settles when it is written); the default writes it before
   * returning (the CLI, tests).
   */
  deferSave?: boolean;
}

export interface OpenedCorpus {
  readonly corpus: Corpus;
  readonly problems: readonly Problem[];
  readonly files: number;
  readonly millis: number;
  /** How the index was obtained, for the log and the benchmark. */
  readonly source: { kind: 'cache'; loadMillis: number; reindexed: number; removed: number } | { kind: 'build'; workers: number };
  /** Settles once the cache is written (at once when nothing was to be written). */
  readonly saved: Promise<void>;
}

/** Below this many files a worker's start-up costs more than it saves. */
const WORKER_MIN_FILES = 400;

export async function openCorpus(spec: CorpusSpec, options: OpenOptions = {}): Promise<OpenedCorpus> {
  const t0 = performance.now();
  const cached = 'cached' in options ? options.cached : options.cacheDir ? await loadCached(spec, options.cacheDir, options.log) : undefined;
  if (cached && 'corpus' in cached) {
    const fresh = await refreshCorpus(cached, spec, options);
    return { corpus: fresh.corpus, problems: fresh.problems, files: fresh.files, millis: performance.now() - t0, source: { kind: 'cache', loadMillis: cached.millis, reindexed: fresh.reindexed, removed: fresh.removed }, saved: fresh.saved };
  }
  const { files, problems } = await listStatementPaths(spec);
  if (cached && 'problem' in cached) problems.push({ path: options.cacheDir!, message: cached.problem });
  const built = await buildLayers(files, spec, options, problems);
  const corpus = layered(built.layers);
  const saved = save(options, spec, corpus, built.stamps, options.deferSave ? [] : problems);
  if (!options.deferSave) await saved;
  return { corpus, problems, files: files.length, millis: performance.now() - t0, source: { kind: 'build', workers: built.workers }, saved };
}

/** The corpus as the persisted index last saw it: usable at once, checked against the disk after. */
export interface CachedCorpus { corpus: Corpus; stamps: readonly FileStamp[]; millis: number }

/** Reads the persisted index; a missing file is undefined, a broken one a problem (logged once). */
export async function loadCached(spec: CorpusSpec, cacheDir: string, log?: (m: string) => void): Promise<CachedCorpus | { problem: string } | undefined> {
  const read = await readCache(cacheDir, spec);
  if ('missing' in read) return undefined;
  if ('problem' in read) { log?.(read.problem); return { problem: read.problem }; }
  const { contents } = read;
  // the stamps are parsed when the disk is compared with them, after the first diagnostics
  return { corpus: layered(contents.layers), get stamps() { return contents.stamps; }, millis: read.millis };
}

/**
 * Brings a cached corpus up to date with the disk: re-indexes files whose size or modification
 * time changed, drops deleted ones, and saves the cache again when anything changed. The changes
 * become a layer and removed marks: the whole index is compacted on this thread only when they
 * outgrow 5% of it (needsCompaction); the cache is written compacted by its writer (corpus-cache.ts).
 */
export async function refreshCorpus(cached: CachedCorpus, spec: CorpusSpec, options: OpenOptions = {}): Promise<{ corpus: Corpus; problems: Problem[]; files: number; reindexed: number; removed: number; saved: Promise<void> }> {
  const { files, problems } = await listStatementFiles(spec);
  const now = new Map(files.map((f) => [f.path, f]));
  const kept = new Map(cached.stamps.map((s) => [s.path, s]));
  const same = (f: StatementFile | undefined, s: FileStamp | undefined) => !!f && !!s && f.size === s.size && f.mtimeMs === s.mtimeMs;
  const removed = cached.stamps.filter((s) => !same(now.get(s.path), s)).map((s) => s.path);
  const changed = files.filter((f) => !same(f, kept.get(f.path)));
  let corpus = cached.corpus;
  let saved = Promise.resolve();
  if (removed.length || changed.length) {
    const fresh = await buildLayers(changed, spec, options, problems);
    corpus = withChanges(corpus, undefined, removed);
    for (const layer of fresh.layers) corpus = withChanges(corpus, layer, []);
    if (needsCompaction(corpus)) corpus = singleLayer(compact(corpus));
    saved = save(options, spec, corpus, [...cached.stamps, ...fresh.stamps], options.deferSave ? [] : problems);
    if (!options.deferSave) await saved;
  }
  return { corpus, problems, files: files.length, reindexed: changed.length, removed: removed.length, saved };
}

/** Re-indexes single statement files (created or changed on disk) into a new layer. */
export function indexChanged(corpus: Corpus, changedFiles: readonly StatementFile[], deleted: readonly string[], spec: CorpusSpec): { corpus: Corpus; problems: Problem[] } {
  // one statement per path (withChanges removes the one live statement of a path)
  const changed = [...new Map(changedFiles.map((f) => [f.path, f])).values()];
  const fresh = indexFiles(changed, spec.maxFileBytes);
  const gone = [...deleted, ...changed.map((f) => f.path)];
  let next = withChanges(corpus, undefined, gone);
  next = withChanges(next, fresh.index, []);
  return { corpus: compactAfterChange(next), problems: fresh.problems };
}

function layered(layers: readonly CorpusIndex[]): Corpus {
  let corpus = singleLayer(layers[0]);
  for (const l of layers.slice(1)) corpus = withChanges(corpus, l, []);
  return corpus;
}

/** Writes the cache (on a worker thread when there is a worker script and a large corpus); a failure is logged and becomes a problem. */
async function save(options: OpenOptions, spec: CorpusSpec, corpus: Corpus, stamps: readonly FileStamp[], problems: Problem[]): Promise<void> {
  if (!options.cacheDir) return;
  const live = liveStamps(corpus, stamps);
  // a few hundred statements encode in milliseconds: a worker's start-up would cost more
  const written = options.workerScript && existsSync(options.workerScript) && live.length >= WORKER_MIN_FILES
    ? await writeCorpusCacheOnWorker(options.workerScript, options.cacheDir, spec, corpus, live)
    : writeCorpusCache(options.cacheDir, spec, corpus, live);
  if ('problem' in written) { problems.push({ path: options.cacheDir, message: written.problem }); options.log?.(written.problem); }
  else options.log?.(`index cache written: ${written.file} (${(written.bytes / 1048576).toFixed(1)} MB)`);
}

/**
 * One stamp per live statement, in their order. A fresh build's stamps are already in that order:
 * they are taken as they are (a map of every path and a walk over the statements held the main
 * thread ~0.4 s after a build of 10x UNGDC, profile).
 */
function liveStamps(corpus: Corpus, stamps: readonly FileStamp[]): readonly FileStamp[] {
  if (!corpus.removed.size) {
    const statements = corpus.layers.flatMap((l) => l.index.statements);
    if (statements.length === stamps.length && statements.every((s, i) => s.path === stamps[i].path)) return stamps;
  }
  const byPath = new Map(stamps.map((s) => [s.path, s]));
  return [...liveStatements(corpus)].map(([, s]) => byPath.get(s.path)!);
}

/** Indexes files on up to two worker threads (one per core), or in-process for a few files. */
async function buildLayers(files: readonly StatementPath[], spec: CorpusSpec, options: OpenOptions, problems: Problem[]): Promise<{ layers: CorpusIndex[]; stamps: FileStamp[]; workers: number }> {
  const workers = options.workerScript && existsSync(options.workerScript) && files.length >= WORKER_MIN_FILES ? Math.max(1, Math.min(2, availableParallelism())) : 0;
  if (!workers) {
    const r = indexFiles(files, spec.maxFileBytes, (d) => options.progress?.(d, files.length));
    problems.push(...r.problems);
    return { layers: [r.index], stamps: r.stamps, workers: 0 };
  }
  options.building?.();
  const r = await indexOnWorkers(options.workerScript!, workers, files, spec.maxFileBytes, (d) => options.progress?.(d, files.length));
  problems.push(...r.problems);
  return { layers: [r.index], stamps: r.stamps, workers };
}

/** The whole corpus as one in-memory index, built in-process (tests, tools). */
export async function loadCorpus(spec: CorpusSpec, progress?: Progress): Promise<{ index: CorpusIndex; problems: readonly Problem[]; files: number; millis: number }> {
  const opened = await openCorpus(spec, { progress });
  const c = opened.corpus;
  return { index: c.layers.length === 1 ? c.layers[0].index : compact(c), problems: opened.problems, files: opened.files, millis: opened.millis };
}
