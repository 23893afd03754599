// Indexes a list of statement files: reads each once (as bytes; only its start is decoded), merges
// its metadata (front matter, then the archive's manifest.tsv, then the header lines) and adds its
// words to an index layer. Runs in a worker
// thread for large archives (index-worker.ts) and in-process for small ones; no text is kept.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { IndexBuilder, type CorpusIndex } from '../core/corpus-index';
import { inferMeta, mergeMeta, parseManifest, readFrontMatter, type Manifest } from '../core/metadata';
import type { Problem, StatementMeta } from '../core/types';
import type { FileStamp } from './index-cache';
import { corpusRelative, readStatementBytes, type StatementFile, type StatementPath } from './statement-files';

export const MANIFEST = 'manifest.tsv';

export interface IndexedFiles {
  readonly index: CorpusIndex;
  /** One per indexed statement, in statement order. */
  readonly stamps: FileStamp[];
  readonly problems: Problem[];
}

export function indexFiles(files: readonly (StatementPath | StatementFile)[], maxFileBytes: number, progress?: (done: number) => void): IndexedFiles {
  const { builder, stamps, problems } = collectFiles(files, maxFileBytes, progress);
  return { index: builder.finish(), stamps, problems };
}

/** Reads and fingerprints the files into a builder, not yet sorted (a worker thread sorts its own run, `IndexBuilder.finishRun`). */
export function collectFiles(files: readonly (StatementPath | StatementFile)[], maxFileBytes: number, progress?: (done: number) => void): { builder: IndexBuilder; stamps: FileStamp[]; problems: Problem[] } {
  const builder = new IndexBuilder();
  const stamps: FileStamp[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, Manifest>();
  files.forEach((listed, i) => {
    if (progress && i % 100 === 0) progress(i);
    // the bytes are tokenized as they are; only the start is decoded, for the metadata
    const read = readStatementBytes(listed, maxFileBytes);
    if ('problem' in read) { problems.push({ path: listed.path, message: read.problem }); return; }
    const file = read.file;
    const fm = readFrontMatter(read.head);
    if (fm?.error) problems.push({ path: file.path, message: `${fm.error}; metadata taken from the header lines instead` });
    const meta = mergeMeta(fm?.fields, manifestEntry(file, seen, problems), inferMeta(read.head));
    builder.addUtf8(file.path, read.bytes, meta);
    stamps.push({ path: file.path, size: file.size, mtimeMs: file.mtimeMs });
  });
  progress?.(files.length);
  return { builder, stamps, problems };
}


/**
 * Parsed manifests by folder, kept while their size and modification time stay the same: parsing
 * UNGDC's 10,952-row manifest took ~200 ms of every single-file update (profile of
 * Corpora.filesChanged); a stat, once per folder and call, ~0.02 ms.
 */
const manifests = new Map<string, { size: number; mtimeMs: number; rows: Manifest }>();
const NO_MANIFEST: Manifest = { get: () => undefined };

function manifestIn(dir: string, seen: Map<string, Manifest>, problems: Problem[]): Manifest {
  const known = seen.get(dir);
  if (known) return known;
  const rows = readManifest(dir, problems);
  seen.set(dir, rows);
  return rows;
}

function readManifest(dir: string, problems: Problem[]): Manifest {
  const p = join(dir, MANIFEST);
  let st;
  try { st = statSync(p); } catch { manifests.delete(dir); return NO_MANIFEST; }
  const hit = manifests.get(dir);
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.rows;
  let rows = NO_MANIFEST;
  try { rows = parseManifest(readFileSync(p, 'utf8')); } catch (e) { problems.push({ path: p, message: `cannot read manifest: ${(e as Error).message}` }); }
  manifests.set(dir, { size: st.size, mtimeMs: st.mtimeMs, rows });
  return rows;
}

/** The manifest row for a file: from manifest.tsv in its folder or any folder above it inside the corpus folder. */
function manifestEntry(file: StatementFile, seen: Map<string, Manifest>, problems: Problem[]): Partial<StatementMeta> | undefined {
  let dir = dirname(file.path);
  while (dir.startsWith(file.folder)) {
    const m = manifestIn(dir, seen, problems);
    const rel = file.path.slice(dir.length + 1).split('\\').join('/');
    const hit = m.get(rel) ?? m.get(corpusRelative(file));
    if (hit) return hit;
    if (dir === file.folder) break;
    dir = dirname(dir);
  }
  return undefined;
}
