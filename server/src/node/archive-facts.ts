// Keeps the archive facts (core/archive-facts.ts) of one corpus up to date: on a worker thread,
// after the reuse index is ready, it reads back the facts cache, re-reads only the statement files
// whose size, modification time or metadata changed, merges the tables and saves the cache. The
// same job runs again when files change on disk; calls while one runs are coalesced into one more
// run. Until the first run ends the tables are empty: features offer what they have without them.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { extractFacts, extractorVersions } from '../core/archive-facts';
import { ARCHIVE_EXTRACTORS, EMPTY_TABLES, archiveTables, type ArchiveTables } from '../core/archive-extractors';
import type { StatementMeta } from '../core/types';
import { readFactsCache, writeFactsCache, type CachedFacts } from './archive-facts-cache';
import { listStatementFiles, readStatement, type CorpusSpec } from './statement-files';

export interface FactsJob {
  readonly spec: CorpusSpec;
  readonly cacheDir?: string;
  /** The statements of the reuse index, with the metadata it gathered (front matter, manifest, header lines). */
  readonly statements: readonly { path: string; meta: StatementMeta }[];
  /** The tables to build (all unless given): `lectern check` reads the acronyms only. Without a cache, only their
   *  extractors run; with one, every extractor does, so the cache stays whole for the next reader. */
  readonly tables?: readonly (keyof ArchiveTables)[];
}

export interface FactsResult {
  readonly tables: ArchiveTables;
  readonly statements: number;
  /** Statement files read and extracted in this run. */
  readonly extracted: number;
  /** Cached statements dropped (deleted or changed). */
  readonly removed: number;
  /** Reading the cache back; undefined when there was none to use. */
  readonly loadMillis?: number;
  readonly extractMillis: number;
  readonly mergeMillis: number;
  readonly millis: number;
  /** For the log: a broken cache, a file that could not be read, where the cache was written. */
  readonly messages: readonly string[];
}

/** One run: the cache, the disk and the index's statements in, the tables out. */
export async function syncFacts(job: FactsJob): Promise<FactsResult> {
  const t0 = performance.now();
  const versions = extractorVersions(ARCHIVE_EXTRACTORS);
  const extractors = job.cacheDir || !job.tables ? ARCHIVE_EXTRACTORS : ARCHIVE_EXTRACTORS.filter((e) => job.tables!.includes(e.name));
  const messages: string[] = [];
  let cached = new Map<string, CachedFacts>();
  let loadMillis: number | undefined;
  let cacheUsable = false;
  if (job.cacheDir) {
    const read = readFactsCache(job.cacheDir, job.spec, versions);
    if ('problem' in read) messages.push(read.problem);
    else if ('statements' in read) { cached = new Map(read.statements.map((s) => [s.path, s])); loadMillis = read.millis; cacheUsable = true; }
  }
  const { files } = await listStatementFiles(job.spec);
  const onDisk = new Map(files.map((f) => [f.path, f]));
  const statements: CachedFacts[] = [];
  let extracted = 0;
  const t1 = performance.now();
  for (const { path, meta } of job.statements) {
    const file = onDisk.get(path);
    if (!file) continue;
    const old = cached.get(path);
    if (old && old.size === file.size && old.mtimeMs === file.mtimeMs && sameMeta(old.meta, meta)) { statements.push(old); continue; }
    const read = readStatement(path, job.spec.maxFileBytes, file.size);
    if ('problem' in read) continue;
    const { facts, errors } = extractFacts(extractors, read.text, meta);
    for (const e of errors) messages.push(`${path}: extracting ${e}`);
    statements.push({ path, meta, size: file.size, mtimeMs: file.mtimeMs, facts });
    extracted++;
  }
  const extractMillis = performance.now() - t1;
  const removed = cached.size - (statements.length - extracted);
  const t2 = performance.now();
  const tables = archiveTables(statements, job.tables);
  const mergeMillis = performance.now() - t2;
  if (job.cacheDir && (extracted || removed || !cacheUsable)) {
    const written = writeFactsCache(job.cacheDir, job.spec, versions, statements);
    messages.push('problem' in written ? written.problem : `facts cache written: ${written.file} (${(written.bytes / 1048576).toFixed(1)} MB)`);
  }
  return { tables, statements: statements.length, extracted, removed, loadMillis, extractMillis, mergeMillis, millis: performance.now() - t0, messages };
}

function sameMeta(a: StatementMeta, b: StatementMeta): boolean {
  for (const k of Object.keys(b) as (keyof StatementMeta)[]) if (a[k] !== b[k]) return false;
  return true;
}

/** Runs a job on a worker thread (dist/archive-facts-worker.js), or in-process without one (tests). */
export function runFactsJob(job: FactsJob, workerScript?: string): Promise<FactsResult> {
  if (!workerScript || !existsSync(workerScript)) return syncFacts(job);
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript);
    worker.once('message', (m: { result: FactsResult } | { error: string }) => {
      if ('result' in m) resolve(m.result); else reject(new Error(m.error));
      void worker.terminate();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => { if (code !== 0) reject(new Error(`facts worker exited with code ${code}`)); });
    worker.postMessage(job);
  });
}

export interface ArchiveFactsOptions {
  cacheDir?: string;
  workerScript?: string;
  log: (message: string) => void;
  /** Called after each run with new tables. */
  updated?: (result: FactsResult) => void;
}

/** The facts of one corpus: empty until the first run ends, then the latest run's tables. */
export class ArchiveFacts {
  tables: ArchiveTables = EMPTY_TABLES;
  /** The last run's figures; undefined until the first run ends. */
  last: FactsResult | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly spec: CorpusSpec, private readonly options: ArchiveFactsOptions) {}

  /**
   * Brings the facts up to date with the disk and the index's statements (read when the run
   * starts). A call during a run asks for one more run after it.
   */
  update(statements: () => FactsJob['statements'] | Promise<FactsJob['statements']>): Promise<void> {
    if (this.running) { this.again = true; return this.running; }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          const result = await runFactsJob({ spec: this.spec, cacheDir: this.options.cacheDir, statements: await statements() }, this.options.workerScript);
          this.tables = result.tables;
          this.last = result;
          for (const m of result.messages) this.options.log(m);
          this.options.log(`archive facts: ${result.statements} statements (${result.extracted} read, ${result.removed} dropped${result.loadMillis !== undefined ? `, cache read in ${result.loadMillis.toFixed(0)} ms` : ''}) in ${result.millis.toFixed(0)} ms`);
          this.options.updated?.(result);
        } catch (e) {
          this.options.log(`archive facts failed: ${(e as Error).stack ?? e}`);
        }
      } while (this.again);
      this.running = undefined;
    })();
    return this.running;
  }

  /** Resolves when no run is going on (tests, the benchmark). */
  idle(): Promise<void> { return this.running ?? Promise.resolve(); }
}
