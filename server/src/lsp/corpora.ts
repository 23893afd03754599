// The corpora of a workspace: each workspace folder's lectern.corpus.* settings select an archive;
// folders whose settings select the same archive share one index. Builds them (from the persisted
// index when it is current), keeps them up to date file by file, and says which service answers
// for a document. Knows the node layer, not LSP.
import { statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { liveCount, liveWords, type Corpus } from '../core/corpus';
import { createLecternService, type LecternService } from '../core/service';
import type { Logger, Problem } from '../core/types';
import { indexChanged, openCorpus, type OpenedCorpus } from '../node/load-corpus';
import { DEFAULT_MAX_FILE_BYTES, readStatement, resolveFolders, type CorpusSpec, type StatementFile } from '../node/statement-files';
import type { LecternSettings } from './settings';

export interface CorpusEntry {
  readonly key: string;
  readonly spec: CorpusSpec;
  corpus: Corpus;
  service: LecternService;
  problems: readonly Problem[];
  opened: OpenedCorpus['source'] | undefined;
  millis: number;
}

export interface CorporaOptions {
  log: Logger;
  cacheDir?: string;
  workerScript?: string;
  progress: (done: number, total: number) => void;
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

  constructor(private readonly options: CorporaOptions) {}

  /** (Re)opens the corpus of every folder; shared archives are opened once. */
  async configure(folders: readonly { root: string; spec: CorpusSpec }[]): Promise<void> {
    const next = new Map<string, CorpusEntry>();
    this.folderKey = new Map();
    for (const { root, spec } of folders) {
      const key = JSON.stringify(spec);
      this.folderKey.set(root, key);
      if (next.has(key)) continue;
      this.options.log.info(`indexing corpus folders: ${spec.folders.join(', ') || '(none)'}`);
      const opened = await openCorpus(spec, { cacheDir: this.options.cacheDir, workerScript: this.options.workerScript, progress: this.options.progress, log: (m) => this.options.log.info(m) });
      const entry: CorpusEntry = { key, spec, corpus: opened.corpus, service: createLecternService({ index: opened.corpus, reader, logger: this.options.log }), problems: opened.problems, opened: opened.source, millis: opened.millis };
      next.set(key, entry);
      const how = opened.source.kind === 'cache'
        ? `loaded the index cache in ${opened.source.loadMillis.toFixed(0)} ms (${opened.source.reindexed} changed file(s) re-indexed, ${opened.source.removed} removed)`
        : `built the index${opened.source.workers ? ` on ${opened.source.workers} worker threads` : ''}`;
      this.options.log.info(`${how}: ${liveCount(opened.corpus)} statements, ${liveWords(opened.corpus)} words, ready in ${opened.millis.toFixed(0)} ms; ${opened.problems.length} skipped`);
    }
    this.entries = next;
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
      e.service = createLecternService({ index: e.corpus, reader, logger: this.options.log });
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
