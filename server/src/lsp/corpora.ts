// The corpora of a workspace: each workspace folder's lectern.corpus.* settings select an archive;
// folders whose settings select the same archive share one index. Builds them (from the persisted
// index when it is current), keeps them up to date file by file, and says which service answers
// for a document. Knows the node layer, not LSP.
import { statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { liveCount, liveStatements, liveWords, type Corpus } from '../core/corpus';
import { createLecternService, type LecternService, type SourceCache } from '../core/service';
import type { Logger, Problem, StatementMeta } from '../core/types';
import { ArchiveFacts } from '../node/archive-facts';
import { indexChanged, loadCached, openCorpus, refreshCorpus, type OpenedCorpus } from '../node/load-corpus';
import { DEFAULT_MAX_FILE_BYTES, readStatement, resolveFolders, type CorpusSpec, type StatementFile } from '../node/statement-files';
import type { LecternSettings } from './settings';

export interface CorpusEntry {
  readonly key: string;
  readonly spec: CorpusSpec;
  corpus: Corpus;
  service: LecternService;
  /** Statements the service has read back, kept across corpus updates. */
  readonly sources: SourceCache;
  problems: readonly Problem[];
  opened: OpenedCorpus['source'] | undefined;
  millis: number;
  /** Facts mined from each statement (formulas, ...): empty until their first run ends. */
  readonly facts: ArchiveFacts;
}

export interface CorporaOptions {
  log: Logger;
  cacheDir?: string;
  workerScript?: string;
  /** dist/archive-facts-worker.js; when absent (tests) the facts are mined in-process. */
  factsWorkerScript?: string;
  progress: (done: number, total: number) => void;
  /** Called when a corpus is built on worker threads, not read from its cache: it takes seconds on a large archive. */
  building?: () => void;
  /** Called when a corpus changed after configure() returned (the disk differed from the cache). */
  changed: () => void;
  /** Called when a corpus's archive facts (acronym and name tables, formulas) were mined again. */
  factsChanged?: () => void;
}

export type FileChange = { path: string; kind: 'created' | 'changed' | 'deleted' };

const reader = { readText: (p: string) => { const r = readStatement(p); return 'text' in r ? r.text : undefined; } };

export function specFor(root: string, settings: LecternSettings, overridePaths?: readonly string[]): CorpusSpec {
  return {
    folders: [...new Set(resolveFolders(overridePaths ?? settings.corpus.paths, root))],
    include: settings.corpus.include, exclude: settings.corpus.exclude, maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  };
}

export class Corpora {
  private entries = new Map<string, CorpusEntry>();
  private folderKey = new Map<string, string>();
  private configureRuns = 0;

  constructor(private readonly options: CorporaOptions) {}

  /**
   * (Re)opens the corpus of every folder; shared archives are opened once. A current persisted
   * index is used at once and checked against the disk afterwards, in the background.
   */
  async configure(folders: readonly { root: string; spec: CorpusSpec }[]): Promise<void> {
    // two calls can overlap (the client's first didChangeConfiguration comes during the first indexing): the last call wins
    const run = ++this.configureRuns;
    const next = new Map<string, CorpusEntry>();
    const folderKey = new Map<string, string>();
    for (const { root, spec } of folders) {
      const key = JSON.stringify(spec);
      folderKey.set(root, key);
      if (!next.has(key)) next.set(key, await this.open(key, spec));
    }
    if (run !== this.configureRuns) return;
    this.entries = next;
    this.folderKey = folderKey;
  }

  private async open(key: string, spec: CorpusSpec): Promise<CorpusEntry> {
    const { log, cacheDir } = this.options;
    log.info(`corpus folders: ${spec.folders.join(', ') || '(none)'}`);
    // a cache that does not verify becomes one of the corpus's problems, logged once with the others
    const cached = cacheDir ? await loadCached(spec, cacheDir) : undefined;
    if (cached && 'corpus' in cached) {
      const entry = this.entry(key, spec, cached.corpus, [], { kind: 'cache', loadMillis: cached.millis, reindexed: 0, removed: 0 }, cached.millis);
      log.info(`loaded the index cache in ${cached.millis.toFixed(0)} ms: ${liveCount(cached.corpus)} statements, ${liveWords(cached.corpus)} words; checking the folders for changes`);
      // after the caller has answered with the cached index (first diagnostics), look at the disk
      setTimeout(() => void this.refresh(entry, cached), 0);
      return entry;
    }
    const opened = await openCorpus(spec, { cacheDir, cached, workerScript: this.options.workerScript, progress: this.options.progress, building: this.options.building, log: (m) => log.info(m), deferSave: true });
    const how = opened.source.kind === 'build' && opened.source.workers ? ` on ${opened.source.workers} worker threads` : '';
    log.info(`built the index${how}: ${liveCount(opened.corpus)} statements, ${liveWords(opened.corpus)} words in ${opened.millis.toFixed(0)} ms; ${opened.problems.length} skipped`);
    return this.entry(key, spec, opened.corpus, opened.problems, opened.source, opened.millis);
  }

  private entry(key: string, spec: CorpusSpec, corpus: Corpus, problems: readonly Problem[], opened: OpenedCorpus['source'], millis: number): CorpusEntry {
    const { log, cacheDir, factsWorkerScript } = this.options;
    const facts = new ArchiveFacts(spec, { cacheDir, workerScript: factsWorkerScript, log: (m) => log.info(m), updated: () => this.options.factsChanged?.() });
    const sources: SourceCache = new Map();
    return { key, spec, corpus, sources, service: createLecternService({ index: corpus, reader, logger: log, sources }), problems, opened, millis, facts };
  }

  /**
   * Mines the archive facts of every corpus on a worker thread. The server calls it once the
   * reuse index answers (after the first diagnostics), so mining never delays them.
   */
  startFacts(): void {
    for (const e of this.entries.values()) void this.updateFacts(e);
  }

  private updateFacts(e: CorpusEntry): Promise<void> {
    return e.facts.update(() => factsStatements(e.corpus));
  }

  /** Applies what changed on disk since the cache was written. */
  private async refresh(entry: CorpusEntry, cached: Parameters<typeof refreshCorpus>[0]): Promise<void> {
    const { log } = this.options;
    try {
      const t0 = performance.now();
      const fresh = await refreshCorpus(cached, entry.spec, { cacheDir: this.options.cacheDir, workerScript: this.options.workerScript, log: (m) => log.info(m), deferSave: true });
      entry.problems = fresh.problems;
      log.info(`checked ${fresh.files} corpus files in ${(performance.now() - t0).toFixed(0)} ms: ${fresh.reindexed} re-indexed, ${fresh.removed} removed`);
      if (fresh.corpus === entry.corpus && !fresh.problems.length) return;
      entry.corpus = fresh.corpus;
      entry.sources.clear();
      entry.service = createLecternService({ index: fresh.corpus, reader, logger: log, sources: entry.sources });
      void this.updateFacts(entry);
      for (const p of fresh.problems) log.warn(`${p.path}: ${p.message}`);
      this.options.changed();
    } catch (e) {
      log.error(`checking the corpus folders failed: ${(e as Error).stack ?? e}`);
    }
  }

  all(): CorpusEntry[] { return [...this.entries.values()]; }

  /** The corpus of the folder holding `path` (longest match), else the first. */
  entryFor(path: string | undefined): CorpusEntry | undefined {
    let best: string | undefined;
    if (path) for (const root of this.folderKey.keys()) if (inside(root, path) && (!best || root.length > best.length)) best = root;
    const key = best ? this.folderKey.get(best) : this.folderKey.values().next().value;
    return key === undefined ? undefined : this.entries.get(key);
  }

  /** Applies statement files created, changed or deleted on disk; returns whether any corpus changed. */
  filesChanged(changes: readonly FileChange[]): boolean {
    let any = false;
    for (const e of this.entries.values()) {
      const mine = changes.filter((c) => covers(e.spec, c.path));
      if (!mine.length) continue;
      const changed: StatementFile[] = [];
      const deleted: string[] = [];
      for (const c of mine) {
        const folder = e.spec.folders.find((f) => inside(f, c.path))!;
        if (c.kind === 'deleted') { deleted.push(c.path); continue; }
        try { const st = statSync(c.path); changed.push({ path: c.path, folder, size: st.size, mtimeMs: st.mtimeMs }); } catch { deleted.push(c.path); }
      }
      const t0 = performance.now();
      const next = indexChanged(e.corpus, changed, deleted, e.spec);
      e.corpus = next.corpus;
      for (const c of mine) e.sources.delete(c.path);
      e.service = createLecternService({ index: e.corpus, reader, logger: this.options.log, sources: e.sources });
      // after the open drafts are checked again: handing the statements to the facts worker holds
      // this thread (a clone of every statement's path and metadata)
      setImmediate(() => void this.updateFacts(e));
      for (const p of next.problems) this.options.log.warn(`${p.path}: ${p.message}`);
      this.options.log.info(`corpus updated: ${changed.length} file(s) re-indexed, ${deleted.length} removed in ${(performance.now() - t0).toFixed(1)} ms`);
      any = true;
    }
    return any;
  }
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
}

function covers(spec: CorpusSpec, path: string): boolean {
  const folder = spec.folders.find((f) => inside(f, path));
  if (!folder) return false;
  const rel = relative(folder, path).split(sep).join('/');
  return picomatch([...spec.include])(rel) && !picomatch([...spec.exclude], { dot: true })(rel);
}

/**
 * Every live statement's path and metadata for the facts worker, a slice at a time: reading the
 * metadata of all of UNGDC's statements (parsed from the index file on first read) in one go held
 * this thread ~50-90 ms right after the first diagnostics.
 */
async function factsStatements(corpus: Corpus): Promise<{ path: string; meta: StatementMeta }[]> {
  const out: { path: string; meta: StatementMeta }[] = [];
  for (const [, s] of liveStatements(corpus)) {
    out.push({ path: s.path, meta: s.meta });
    if (out.length % FACTS_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}
const FACTS_SLICE = 1000;
