// The persisted index: one file per corpus (its folders and globs), in the extension's storage
// folder or the CLI's --cache DIR. Written atomically (a temporary file, then rename), so a
// crash, a kill -9 or a full disk mid-write never leaves a file that verifies; read back with
// every check in index-file.ts. A file that does not verify is reported and ignored (then rebuilt).
import { closeSync, fstatSync, mkdirSync, openSync, read, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as zlib from 'node:zlib';
import type { CorpusIndex } from '../core/corpus-index';
import { crc32, type Crc32 } from '../core/crc32';
import { CHECKSUMMED_FROM, encodeIndex, indexLayers, indexPrologue, parseIndexHeader } from '../core/index-file';
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

/**
 * zlib's native CRC-32 when this Node has one (20.15 and later), else the core's table-driven
 * one: the same values, so a file written by either verifies with the other.
 */
export const fastCrc32: Crc32 = typeof zlib.crc32 === 'function' ? (bytes, previous) => zlib.crc32(bytes, previous) : crc32;

/**
 * The index cache is read in chunks on libuv's threads while this thread parses the header and
 * checksums each chunk as it lands: on UNGDC (75 MB) reading the whole file, then checksumming
 * and parsing it, took ~200 ms; most of a read is the page faults of the fresh buffer, which the
 * threads take in parallel.
 */
const CHUNK = 4 << 20;

/**
 * Reads and verifies the persisted index; the file is only used once every byte is checksummed.
 * Every read is issued before the first await, so the threads keep reading while this thread
 * answers other messages.
 */
export async function readCache(dir: string, spec: CorpusSpec, chunkBytes = CHUNK): Promise<CacheRead> {
  const t0 = performance.now();
  const file = cacheFile(dir, spec);
  const problem = (why: string) => ({ problem: `index cache ${file} ignored (${why}); rebuilding` });
  let fd: number, size: number;
  try {
    fd = openSync(file, 'r');
    size = fstatSync(fd).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { problem: `cannot read the index cache ${file}: ${(e as Error).message}` };
  }
  const bytes = new Uint8Array(size);
  const chunks: { from: number; to: number; done: Promise<void> }[] = [];
  for (let from = 0; from < size || !chunks.length; from += chunkBytes) {
    const to = Math.min(from + chunkBytes, size);
    chunks.push({ from, to, done: fill(fd, bytes, from, to) });
  }
  try {
    await chunks[0].done;
    const prologue = indexPrologue(bytes.subarray(0, chunks[0].to), size);
    if ('error' in prologue) return problem(prologue.error);
    let crc = 0;
    let header: ReturnType<typeof parseIndexHeader> | undefined;
    for (const c of chunks) {
      await c.done;
      crc = fastCrc32(bytes.subarray(Math.max(c.from, CHECKSUMMED_FROM), c.to), crc);
      if (!header && c.to >= prologue.headerEnd) header = parseIndexHeader(bytes, prologue);
    }
    if (crc !== prologue.checksum) return problem('checksum mismatch: the file is corrupted');
    if (!header || 'error' in header) return problem(header?.error ?? 'no header');
    const decoded = indexLayers(bytes, prologue, header);
    if ('error' in decoded) return problem(decoded.error);
    const extra = decoded.extra as Extra | undefined;
    if (!extra || extra.spec !== specKey(spec) || !Array.isArray(extra.stamps)) return { problem: `index cache ${file} is for another corpus; rebuilding` };
    const statements = decoded.layers.reduce((n, l) => n + l.statements.length, 0);
    if (extra.stamps.length !== statements) return { problem: `index cache ${file} is inconsistent; rebuilding` };
    return { contents: { layers: decoded.layers, stamps: extra.stamps }, millis: performance.now() - t0 };
  } catch (e) {
    return { problem: `cannot read the index cache ${file}: ${(e as Error).message}` };
  } finally {
    await Promise.allSettled(chunks.map((c) => c.done));
    closeSync(fd);
  }
}

/** Reads bytes [from, to) of a file into `bytes` at the same offsets, on libuv's threads. */
async function fill(fd: number, bytes: Uint8Array, from: number, to: number): Promise<void> {
  for (let at = from; at < to;) {
    const bytesRead = await new Promise<number>((resolve, reject) => read(fd, bytes, at, to - at, at, (e, n) => (e ? reject(e) : resolve(n))));
    if (!bytesRead) throw new Error('the file shrank while it was read');
    at += bytesRead;
  }
}

/** Writes the cache atomically; returns a problem instead of throwing (a full disk, a read-only folder). */
export function writeCache(dir: string, spec: CorpusSpec, contents: CacheContents): { file: string; bytes: number } | { problem: string } {
  return writeCacheBytes(cacheFile(dir, spec), () => encodeIndex(contents.layers, { spec: specKey(spec), stamps: contents.stamps } satisfies Extra, fastCrc32), 'index cache');
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
