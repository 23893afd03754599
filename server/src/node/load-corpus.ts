// Builds the corpus index from statement files on disk: lists them, reads each once, merges its
// metadata (front matter, then the archive's manifest.tsv, then header lines) and adds it to the
// index. The text is dropped after indexing; the service reads it back on demand.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { IndexBuilder, type CorpusIndex } from '../core/corpus-index';
import { inferMeta, mergeMeta, parseManifest, readFrontMatter } from '../core/metadata';
import type { Problem, StatementMeta } from '../core/types';
import { corpusRelative, listStatementFiles, readStatement, type CorpusSpec, type StatementFile } from './statement-files';

export interface LoadedCorpus {
  readonly index: CorpusIndex;
  readonly problems: readonly Problem[];
  readonly files: number;
  readonly millis: number;
}

export type Progress = (done: number, total: number) => void;

export const MANIFEST = 'manifest.tsv';

export async function loadCorpus(spec: CorpusSpec, progress?: Progress, yieldEvery = 200): Promise<LoadedCorpus> {
  const t0 = performance.now();
  const { files, problems } = listStatementFiles(spec);
  const manifests = new Map<string, Map<string, Partial<StatementMeta>>>();
  const builder = new IndexBuilder();
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    if (i % yieldEvery === 0) {
      progress?.(i, files.length);
      // let the server answer requests between batches while a large archive is indexed
      await new Promise((r) => setImmediate(r));
    }
    const read = readStatement(file.path, spec.maxFileBytes);
    if ('problem' in read) { problems.push({ path: file.path, message: read.problem }); continue; }
    const fm = readFrontMatter(read.text);
    if (fm?.error) problems.push({ path: file.path, message: `${fm.error}; metadata taken from the header lines instead` });
    const meta = mergeMeta(fm?.fields, manifestEntry(file, manifests, problems), inferMeta(read.text));
    builder.add(file.path, read.text, meta);
  }
  progress?.(files.length, files.length);
  return { index: builder.finish(), problems, files: files.length, millis: performance.now() - t0 };
}

/** The manifest row for a file: from manifest.tsv in its corpus folder or any folder above it inside. */
function manifestEntry(file: StatementFile, cache: Map<string, Map<string, Partial<StatementMeta>>>, problems: Problem[]): Partial<StatementMeta> | undefined {
  let dir = dirname(file.path);
  while (dir.startsWith(file.folder)) {
    let m = cache.get(dir);
    if (!m) {
      const p = join(dir, MANIFEST);
      m = new Map();
      if (existsSync(p)) {
        try { m = parseManifest(readFileSync(p, 'utf8')); } catch (e) { problems.push({ path: p, message: `cannot read manifest: ${(e as Error).message}` }); }
      }
      cache.set(dir, m);
    }
    const rel = file.path.slice(dir.length + 1).split('\\').join('/');
    const hit = m.get(rel) ?? m.get(corpusRelative(file));
    if (hit) return hit;
    if (dir === file.folder) break;
    dir = dirname(dir);
  }
  return undefined;
}
