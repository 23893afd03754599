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
  readonly stamps: readonly FileStamp[];
}

/**
 * What the cache file keeps beside the index: the corpus it is for, and each statement file's size
 * and modification time in statement order (paths are the statements'), as JSON text inside the
 * header, parsed only when the disk is compared with it (after the first diagnostics).
 */
interface Extra { spec: string; stamps: string }
type StampColumns = [sizes: number[], mtimes: number[]];

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
 * The index cache is read in chunks on libuv's threads while this thread checksums each chunk as
 * it lands: on UNGDC (75 MB) reading the whole file, then checksumming and parsing it, took
 * ~200 ms; most of a read is the page faults of the fresh buffer, which the threads take in parallel.
 */
const CHUNK = 4 << 20;

/** A cache file being read: its bytes fill in as the chunks land. */
interface Reading {
  readonly bytes: Uint8Array;
  /** Bytes [0, headBytes) have landed: the fixed part and usually the header. */
  readonly head: Promise<void>;
  readonly headBytes: number;
  /** Every byte has landed: the CRC-32 of bytes [CHECKSUMMED_FROM, length). */
  readonly checksum: Promise<number>;
}

type Started = Reading | { missing: true } | { error: Error };

/** Issues every read of `file` at once; chunks are checksummed in order as they land; the file is closed when all have. */
function startReading(file: string, chunkBytes: number): Started {
  let fd: number, size: number;
  try {
    fd = openSync(file, 'r');
    size = fstatSync(fd).size;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? { missing: true } : { error: e as Error };
  }
  // shared memory: an ArrayBuffer this size makes V8 run full collections at once (external memory pressure; one of
  // 30-54 ms held a warm start's first diagnostics, measured), and the cache writer's worker reads the arrays uncopied
  const bytes = new Uint8Array(new SharedArrayBuffer(size));
  const bounds: [number, number][] = [];
  for (let from = 0; from < size || !bounds.length; from += chunkBytes) bounds.push([from, Math.min(from + chunkBytes, size)]);
  const landed = bounds.map(() => false);
  let crc = 0;
  let next = 0;
  const chunks = bounds.map(([from, to], i) => fill(fd, bytes, from, to).then(() => {
    landed[i] = true;
    for (; next < bounds.length && landed[next]; next++) crc = fastCrc32(bytes.subarray(Math.max(bounds[next][0], CHECKSUMMED_FROM), bounds[next][1]), crc);
  }));
  // the file is closed only once no read is in flight, whatever failed
  const checksum = Promise.allSettled(chunks).then((results) => {
    closeSync(fd);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return crc;
  });
  return { bytes, head: chunks[0], headBytes: bounds[0][1], checksum };
}

/**
 * Reads and verifies the persisted index; the file is only used once every byte is checksummed.
 * Every read is issued before the first await, so the threads keep reading while this thread
 * answers other messages.
 */
export async function readCache(dir: string, spec: CorpusSpec, chunkBytes = CHUNK): Promise<CacheRead> {
  const t0 = performance.now();
  const file = cacheFile(dir, spec);
  const problem = (why: string) => ({ problem: `index cache ${file} ignored (${why}); rebuilding` });
  const reading = startReading(file, chunkBytes);
  if ('missing' in reading) return reading;
  if ('error' in reading) return { problem: `cannot read the index cache ${file}: ${reading.error.message}` };
  const { bytes } = reading;
  try {
    await reading.head;
    const prologue = indexPrologue(bytes.subarray(0, reading.headBytes), bytes.length);
    if ('error' in prologue) return problem(prologue.error);
    if (await reading.checksum !== prologue.checksum) return problem('checksum mismatch: the file is corrupted');
    const header = parseIndexHeader(bytes, prologue);
    if ('error' in header) return problem(header.error);
    const decoded = indexLayers(bytes, prologue, header);
    if ('error' in decoded) return problem(decoded.error);
    const extra = decoded.extra as Extra | undefined;
    if (!extra || extra.spec !== specKey(spec) || typeof extra.stamps !== 'string') return { problem: `index cache ${file} is for another corpus; rebuilding` };
    return { contents: lazyStamps(decoded.layers, extra.stamps), millis: performance.now() - t0 };
  } catch (e) {
    return { problem: `cannot read the index cache ${file}: ${(e as Error).message}` };
  } finally {
    await reading.checksum.catch(() => undefined);
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

/**
 * The layers with their stamps parsed on first use. The file verified (checksum, sizes) and its
 * writer checks that stamps and statements are in step, so a count that does not match is a file
 * written wrongly: reading the stamps throws, and the check against the disk logs it.
 */
function lazyStamps(layers: CorpusIndex[], json: string): CacheContents {
  let stamps: FileStamp[] | undefined;
  return {
    layers,
    get stamps() {
      if (stamps) return stamps;
      const [sizes, mtimes] = JSON.parse(json) as StampColumns;
      const paths = layers.flatMap((l) => l.statements.map((s) => s.path));
      if (sizes.length !== paths.length || mtimes.length !== paths.length) throw new Error('index cache: stamps do not match the statements');
      return (stamps = paths.map((path, i) => ({ path, size: sizes[i], mtimeMs: mtimes[i] })));
    },
  };
}

/** Writes the cache atomically; returns a problem instead of throwing (a full disk, a read-only folder). */
export function writeCache(dir: string, spec: CorpusSpec, contents: CacheContents): { file: string; bytes: number } | { problem: string } {
  return writeCacheBytes(cacheFile(dir, spec), () => {
    const paths = contents.layers.flatMap((l) => l.statements.map((s) => s.path));
    if (paths.length !== contents.stamps.length || contents.stamps.some((s, i) => s.path !== paths[i])) throw new Error('stamps out of step with the statements');
    const stamps: StampColumns = [contents.stamps.map((s) => s.size), contents.stamps.map((s) => s.mtimeMs)];
    return encodeIndex(contents.layers, { spec: specKey(spec), stamps: JSON.stringify(stamps) } satisfies Extra, fastCrc32);
  }, 'index cache');
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
