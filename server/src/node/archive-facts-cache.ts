// The archive facts' own cache file, beside the index cache: what each statement file yielded
// (archive-facts.ts), with the file's size and modification time, so a restart re-reads only the
// files that changed. Layout: magic "LECTFCT\0", format version, CRC-32 of the rest, length,
// then JSON. Written atomically (writeCacheBytes); a file that does not verify (foreign, other
// version or extractors, truncated, corrupted, another corpus) is reported once and rebuilt.
import type { StatementFacts } from '../core/archive-facts';
import { cachePath, fastCrc32, readCacheBytes, specKey, writeCacheBytes } from './index-cache';
import type { CorpusSpec } from './statement-files';

export const FACTS_FORMAT_VERSION = 2;
const MAGIC = [0x4c, 0x45, 0x43, 0x54, 0x46, 0x43, 0x54, 0x00]; // "LECTFCT\0"
/** magic, version, CRC-32 of bytes [FIXED, length), length */
const FIXED = 20;

export interface CachedFacts extends StatementFacts {
  readonly size: number;
  readonly mtimeMs: number;
}

interface Payload { spec: string; extractors: Record<string, number>; statements: CachedFacts[] }

export function factsCacheFile(dir: string, spec: CorpusSpec): string {
  return cachePath(dir, 'facts', spec);
}

export function encodeFacts(payload: Payload): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  const bytes = new Uint8Array(FIXED + json.length);
  bytes.set(MAGIC, 0);
  bytes.set(json, FIXED);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, FACTS_FORMAT_VERSION, true);
  view.setUint32(16, bytes.length, true);
  view.setUint32(12, fastCrc32(bytes.subarray(FIXED)), true);
  return bytes;
}

export function decodeFacts(bytes: Uint8Array): Payload | { error: string } {
  if (bytes.length < FIXED || MAGIC.some((b, i) => bytes[i] !== b)) return { error: 'not a Lectern facts file' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== FACTS_FORMAT_VERSION) return { error: `facts format version ${version}, this Lectern reads version ${FACTS_FORMAT_VERSION}` };
  if (view.getUint32(16, true) !== bytes.length) return { error: `truncated or padded: ${bytes.length} bytes, header says ${view.getUint32(16, true)}` };
  if (fastCrc32(bytes.subarray(FIXED)) !== view.getUint32(12, true)) return { error: 'checksum mismatch: the file is corrupted' };
  try {
    const payload = JSON.parse(new TextDecoder().decode(bytes.subarray(FIXED))) as Payload;
    if (typeof payload?.spec !== 'string' || !Array.isArray(payload.statements)) return { error: 'unreadable contents' };
    return payload;
  } catch { return { error: 'unreadable contents' }; }
}

export type FactsCacheRead = { statements: CachedFacts[]; millis: number } | { missing: true } | { problem: string };

export function readFactsCache(dir: string, spec: CorpusSpec, extractors: Record<string, number>): FactsCacheRead {
  const t0 = performance.now();
  const file = factsCacheFile(dir, spec);
  const read = readCacheBytes(file, 'facts cache');
  if (!('bytes' in read)) return read;
  const decoded = decodeFacts(read.bytes);
  if ('error' in decoded) return { problem: `facts cache ${file} ignored (${decoded.error}); rebuilding` };
  if (decoded.spec !== specKey(spec)) return { problem: `facts cache ${file} is for another corpus; rebuilding` };
  if (JSON.stringify(decoded.extractors) !== JSON.stringify(extractors)) return { problem: `facts cache ${file} was made by other extractors (${JSON.stringify(decoded.extractors)}); rebuilding` };
  return { statements: decoded.statements, millis: performance.now() - t0 };
}

/** Writes the cache atomically; returns a problem instead of throwing (a full disk, a read-only folder). */
export function writeFactsCache(dir: string, spec: CorpusSpec, extractors: Record<string, number>, statements: CachedFacts[]): { file: string; bytes: number } | { problem: string } {
  return writeCacheBytes(factsCacheFile(dir, spec), () => encodeFacts({ spec: specKey(spec), extractors, statements }), 'facts cache');
}
