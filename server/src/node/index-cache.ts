// The persisted index: one file per corpus (its folders and globs), in the extension's storage
// folder or the CLI's --cache DIR. Written atomically (a temporary file, then rename), so a
// crash, a kill -9 or a full disk mid-write never leaves a file that verifies; read back with
// every check in index-file.ts. A file that does not verify is reported and ignored (then rebuilt).
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CorpusIndex } from '../core/corpus-index';
import { decodeIndex, encodeIndex } from '../core/index-file';
import { hashString } from '../core/words';
import type { CorpusSpec } from './statement-files';

/** What a cache file remembers of each statement file, to tell which changed since. */
export interface FileStamp { path: string; size: number; mtimeMs: number }

export interface CacheContents {
  readonly layers: CorpusIndex[];
  /** Stamps of the files the layers hold, in statement order across layers. */
  readonly stamps: FileStamp[];
}

interface Extra { spec: string; stamps: FileStamp[] }

/** Identifies a corpus by what selects its files. */
export function specKey(spec: CorpusSpec): string {
  return JSON.stringify([spec.folders, spec.include, spec.exclude, spec.maxFileBytes]);
}

/** The cache file of one kind (the index, the archive facts) for a corpus, in `dir`. */
export function cachePath(dir: string, kind: string, spec: CorpusSpec): string {
  return join(dir, `lectern-${kind}-${hashString(specKey(spec)).toString(16).padStart(8, '0')}.bin`);
}

export function cacheFile(dir: string, spec: CorpusSpec): string {
  return cachePath(dir, 'index', spec);
}

/** A cache file's bytes, or that there is none, or a problem to report: never throws. `what` names it in messages. */
export function readCacheBytes(file: string, what: string): { bytes: Uint8Array } | { missing: true } | { problem: string } {
  try { return { bytes: readFileSync(file) }; } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { problem: `cannot read the ${what} ${file}: ${(e as Error).message}` };
  }
}

/** Encodes and writes a cache file atomically; a problem instead of throwing (a full disk, a read-only folder). */
export function writeCacheBytes(file: string, encode: () => Uint8Array, what: string): { file: string; bytes: number } | { problem: string } {
  try {
    const bytes = encode();
    writeAtomic(file, bytes);
    return { file, bytes: bytes.length };
  } catch (e) {
    return { problem: `cannot write the ${what} ${file}: ${(e as Error).message}` };
  }
}

export type CacheRead = { contents: CacheContents; millis: number } | { missing: true } | { problem: string };

export function readCache(dir: string, spec: CorpusSpec): CacheRead {
  const t0 = performance.now();
  const file = cacheFile(dir, spec);
  const read = readCacheBytes(file, 'index cache');
  if (!('bytes' in read)) return read;
  const decoded = decodeIndex(read.bytes);
  if ('error' in decoded) return { problem: `index cache ${file} ignored (${decoded.error}); rebuilding` };
  const extra = decoded.extra as Extra | undefined;
  if (!extra || extra.spec !== specKey(spec) || !Array.isArray(extra.stamps)) return { problem: `index cache ${file} is for another corpus; rebuilding` };
  const statements = decoded.layers.reduce((n, l) => n + l.statements.length, 0);
  if (extra.stamps.length !== statements) return { problem: `index cache ${file} is inconsistent; rebuilding` };
  return { contents: { layers: decoded.layers, stamps: extra.stamps }, millis: performance.now() - t0 };
}

/** Writes the cache atomically; returns a problem instead of throwing (a full disk, a read-only folder). */
export function writeCache(dir: string, spec: CorpusSpec, contents: CacheContents): { file: string; bytes: number } | { problem: string } {
  return writeCacheBytes(cacheFile(dir, spec), () => encodeIndex(contents.layers, { spec: specKey(spec), stamps: contents.stamps } satisfies Extra), 'index cache');
}

/** Writes a file through a temporary file and a rename: a reader sees the old file or the whole new one. */
function writeAtomic(file: string, bytes: Uint8Array): void {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
