// The index as bytes, for the on-disk cache: a versioned, checksummed binary file whose arrays are
// read back as typed-array views (no parsing of 12 M fingerprints). Anything that does not verify
// (foreign file, other version, truncated, corrupted) decodes to an error, never to an index.
//
//   0  magic "LECTIDX\0"          16  CRC-32 of bytes [24, length)
//   8  format version             20  total length in bytes
//  12  header length (JSON, padded to 8)
//  24  header JSON: { extra, tokenizer, layers: [{ paths, words, totalWords, bucketBits, fingerprints, metaBytes }] }
//      then per layer: docStart u32[], bucket u32[], fpPos u32[], fpLow u8[] (padded to 8),
//      metaAt u32[statements + 1], meta (padded to 8): each statement's metadata as a JSON array, UTF-8
import type { CorpusIndex, IndexedStatement } from './corpus-index';
import { crc32, type Crc32 } from './crc32';
import { EMPTY_META, type StatementMeta } from './types';
import { WORD_CODE_RUNS } from './word-code-runs';
import { hashString } from './words';

export const INDEX_FORMAT_VERSION = 6;
const MAGIC = [0x4c, 0x45, 0x43, 0x54, 0x49, 0x44, 0x58, 0x00]; // "LECTIDX\0"
const FIXED = 24;

/**
 * Statements' paths and word counts are in the header; their metadata is one JSON row each,
 * parsed when a statement's `meta` is first read (a source named in a finding, a hover): a warm
 * start parses ~0.6 MB of header instead of 3 MB (UNGDC: 45-70 ms of the first diagnostics' wait).
 */
interface LayerHeader { paths: string[]; words: number[]; totalWords: number; bucketBits: number; fingerprints: number; metaBytes: number }

const META_KEYS = Object.keys(EMPTY_META) as (keyof StatementMeta)[];

/** The metadata rows of a layer's statements: their UTF-8 bytes and where each begins. */
function metaRows(statements: readonly IndexedStatement[]): { at: Uint32Array; bytes: Uint8Array } {
  const encoder = new TextEncoder();
  const parts = statements.map((s) => encoder.encode(JSON.stringify(META_KEYS.map((k) => s.meta[k]))));
  const at = new Uint32Array(parts.length + 1);
  for (let i = 0; i < parts.length; i++) at[i + 1] = at[i] + parts[i].length;
  const bytes = new Uint8Array(at[parts.length]);
  parts.forEach((p, i) => bytes.set(p, at[i]));
  return { at, bytes };
}

const DECODER = new TextDecoder();

/**
 * A statement whose `meta` is parsed from its row on first read, then kept (the object keeps one shape; structured
 * clone calls the getter, so a statement handed to another thread arrives whole).
 */
function storedStatement(path: string, words: number, rows: { at: Uint32Array; bytes: Uint8Array }, i: number): IndexedStatement {
  let meta: StatementMeta | undefined;
  return {
    path, words,
    get meta(): StatementMeta {
      if (meta) return meta;
      const values = JSON.parse(DECODER.decode(rows.bytes.subarray(rows.at[i], rows.at[i + 1]))) as (string | number)[];
      const parsed = {} as Record<string, string | number>;
      META_KEYS.forEach((k, j) => (parsed[k] = values[j] ?? EMPTY_META[k]));
      return (meta = parsed as unknown as StatementMeta);
    },
  };
}
/** `tokenizer`: the hash of the tokenizer's table, so an index made by another table is never read (the rest of the runtime's Unicode data is not recorded). */
interface FileHeader { extra: unknown; tokenizer: number; layers: LayerHeader[] }
const TOKENIZER = hashString(WORD_CODE_RUNS);

const pad8 = (n: number) => (n + 7) & ~7;

export function encodeIndex(layers: readonly CorpusIndex[], extra: unknown, crc: Crc32 = crc32): Uint8Array {
  const rows = layers.map((l) => metaRows(l.statements));
  const header: FileHeader = {
    extra, tokenizer: TOKENIZER,
    layers: layers.map((l, i) => ({ paths: l.statements.map((s) => s.path), words: l.statements.map((s) => s.words), totalWords: l.totalWords, bucketBits: l.bucketBits, fingerprints: l.fpPos.length, metaBytes: rows[i].bytes.length })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = pad8(json.length);
  let length = FIXED + headerLength;
  for (const h of header.layers) length += arraysLength(h);
  const bytes = new Uint8Array(length);
  bytes.set(MAGIC, 0);
  bytes.set(json, FIXED);
  bytes.fill(0x20, FIXED + json.length, FIXED + headerLength);
  let at = FIXED + headerLength;
  layers.forEach((l, i) => {
    for (const a of [l.docStart, l.bucket, l.fpPos]) { bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at); at += a.byteLength; }
    bytes.set(l.fpLow, at);
    at += pad8(l.fpLow.length);
    bytes.set(new Uint8Array(rows[i].at.buffer), at);
    at += rows[i].at.byteLength;
    bytes.set(rows[i].bytes, at);
    at += pad8(rows[i].bytes.length);
  });
  const view = new DataView(bytes.buffer);
  view.setUint32(8, INDEX_FORMAT_VERSION, true);
  view.setUint32(12, headerLength, true);
  view.setUint32(20, length, true);
  view.setUint32(16, crc(bytes.subarray(FIXED)), true);
  return bytes;
}

function arraysLength(h: LayerHeader): number {
  const docs = h.paths.length, fps = h.fingerprints;
  return 4 * (docs + 1) + 4 * ((1 << h.bucketBits) + 1) + 4 * fps + pad8(fps) + 4 * (docs + 1) + pad8(h.metaBytes);
}

export type Decoded = { layers: CorpusIndex[]; extra: unknown } | { error: string };

/** What the fixed first bytes of a file say: where its header ends and its checksum; or why it is not a file to read. */
export type Prologue = { headerEnd: number; checksum: number } | { error: string };

/** Reads the fixed part from the first bytes of a file of `fileLength` bytes (at least FIXED of them, or the whole file). */
export function indexPrologue(prefix: Uint8Array, fileLength: number): Prologue {
  if (prefix.length < FIXED || MAGIC.some((b, i) => prefix[i] !== b)) return { error: 'not a Lectern index file' };
  const view = new DataView(prefix.buffer, prefix.byteOffset, FIXED);
  const version = view.getUint32(8, true);
  if (version !== INDEX_FORMAT_VERSION) return { error: `index format version ${version}, this Lectern reads version ${INDEX_FORMAT_VERSION}` };
  const length = view.getUint32(20, true);
  if (fileLength !== length) return { error: `truncated or padded: ${fileLength} bytes, header says ${length}` };
  const headerEnd = FIXED + view.getUint32(12, true);
  if (headerEnd > length) return { error: 'header longer than the file' };
  return { headerEnd, checksum: view.getUint32(16, true) };
}

/** The bytes the checksum covers: everything after the fixed part. */
export const CHECKSUMMED_FROM = FIXED;

/** The header, parsed. */
export interface ParsedHeader { readonly extra: unknown; readonly layers: readonly LayerHeader[] }

export function parseIndexHeader(bytes: Uint8Array, prologue: { headerEnd: number }): ParsedHeader | { error: string } {
  try {
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(FIXED, prologue.headerEnd))) as FileHeader;
    if (header.tokenizer !== TOKENIZER) return { error: 'made with another tokenizer table' };
    if (!header.layers.every((h) => Array.isArray(h.paths) && Array.isArray(h.words) && h.paths.length === h.words.length)) return { error: 'unreadable header' };
    return { extra: header.extra, layers: header.layers };
  } catch { return { error: 'unreadable header' }; }
}

/** The index layers of a verified file: views on its bytes, no copy. `bytes` must start 8-byte aligned. */
export function indexLayers(bytes: Uint8Array, prologue: { headerEnd: number }, header: ParsedHeader): Decoded {
  let at = bytes.byteOffset + prologue.headerEnd;
  const layers: CorpusIndex[] = [];
  for (const h of header.layers) {
    const docs = h.paths.length;
    if (at - bytes.byteOffset + arraysLength(h) > bytes.length) return { error: 'layer sizes do not fit the file' };
    const u32 = (n: number) => { const a = new Uint32Array(bytes.buffer, at, n); at += 4 * n; return a; };
    const docStart = u32(docs + 1);
    const bucket = u32((1 << h.bucketBits) + 1);
    const fpPos = u32(h.fingerprints);
    const fpLow = new Uint8Array(bytes.buffer, at, h.fingerprints);
    at += pad8(h.fingerprints);
    const rows = { at: u32(docs + 1), bytes: new Uint8Array(bytes.buffer, at, h.metaBytes) };
    at += pad8(h.metaBytes);
    if (rows.at[docs] !== h.metaBytes) return { error: 'metadata rows do not fit the file' };
    const statements = h.paths.map((path, i) => storedStatement(path, h.words[i], rows, i));
    layers.push({ statements, totalWords: h.totalWords, bucketBits: h.bucketBits, fpPos, fpLow, bucket, docStart });
  }
  return { layers, extra: header.extra };
}

/** Decodes a whole file held in memory, verifying it first. */
export function decodeIndex(input: Uint8Array, crc: Crc32 = crc32): Decoded {
  // typed-array views need 4-byte alignment; a Buffer from a pool may not have it
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const prologue = indexPrologue(bytes, bytes.length);
  if ('error' in prologue) return prologue;
  if (crc(bytes.subarray(FIXED)) !== prologue.checksum) return { error: 'checksum mismatch: the file is corrupted' };
  const header = parseIndexHeader(bytes, prologue);
  return 'error' in header ? header : indexLayers(bytes, prologue, header);
}
