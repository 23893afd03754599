// The corpus index: winnowed word k-gram fingerprints of every statement, in a few flat typed
// arrays (no per-fingerprint objects), so it is compact, fast to search, and serialisable as is.
//
//   fpLow[i], fpPos[i]   one fingerprint: the 8 bits of its k-gram hash just below the bucket
//                        bits, and the global word position of its first word; sorted by hash
//   bucket[b]            first i whose hash's top `bits` bits are >= b (a direct-address table
//                        into the sorted arrays: a lookup is one table read plus a short scan).
//                        Bucket number and fpLow together keep bits + 8 bits of the hash (29 on
//                        UNGDC, 32 from 16 M fingerprints up): 5 bytes per fingerprint. A chance
//                        agreement of the remaining bits only adds a lone seed, which reads nothing
//                        (reuse.ts asks for two agreeing seeds).
//   docStart[d]          global word position of statement d's first word (docStart[n] = total)
import { K, kgramHashes, winnow } from './fingerprint';
import { wordHashes } from './words';
import type { StatementMeta } from './types';

export interface IndexedStatement {
  readonly path: string;
  readonly meta: Readonly<StatementMeta>;
  readonly words: number;
}

export interface CorpusIndex {
  readonly statements: readonly IndexedStatement[];
  readonly totalWords: number;
  readonly fpLow: Uint8Array;
  /** Full hashes, kept by small indexes (new layers), so compaction loses no bits, and by worker layers until merged. */
  readonly fpHash?: Uint32Array;
  readonly fpPos: Uint32Array;
  readonly bucket: Uint32Array;
  readonly bucketBits: number;
  readonly docStart: Uint32Array;
}

/** Collects statements one by one; `finish()` sorts them into a `CorpusIndex`. */
export class IndexBuilder {
  private hashes = new Uint32Array(1 << 16);
  private positions = new Uint32Array(1 << 16);
  private count = 0;
  private readonly statements: IndexedStatement[] = [];
  private readonly starts: number[] = [];
  private totalWords = 0;

  /** Adds one statement's text; returns its document id. */
  add(path: string, text: string, meta: Readonly<StatementMeta>): number {
    const hashes = wordHashes(text);
    const grams = kgramHashes(hashes);
    const picked = winnow(grams);
    this.reserve(picked.length);
    for (let p = 0; p < picked.length; p++) {
      this.hashes[this.count] = grams[picked[p]];
      this.positions[this.count] = this.totalWords + picked[p];
      this.count++;
    }
    this.starts.push(this.totalWords);
    this.statements.push({ path, meta, words: hashes.length });
    this.totalWords += hashes.length;
    return this.statements.length - 1;
  }

  get size(): number { return this.statements.length; }

  /** `fullHashes` keeps every fingerprint's whole hash (4 bytes more each), for `mergeIndexes`. */
  finish(fullHashes = false): CorpusIndex {
    const n = this.count;
    const { keys, values } = radixSortPairs(this.hashes.subarray(0, n), this.positions.subarray(0, n));
    return assembleIndex(this.statements, this.starts, this.totalWords, keys, values, bucketBitsFor(n), fullHashes);
  }

  private reserve(extra: number): void {
    if (this.count + extra <= this.hashes.length) return;
    let size = this.hashes.length * 2;
    while (size < this.count + extra) size *= 2;
    const h = new Uint32Array(size); h.set(this.hashes.subarray(0, this.count)); this.hashes = h;
    const p = new Uint32Array(size); p.set(this.positions.subarray(0, this.count)); this.positions = p;
  }
}

/** An index from its statements and its fingerprints, already sorted by hash. */
export function assembleIndex(statements: IndexedStatement[], starts: readonly number[], totalWords: number, keys: Uint32Array, values: Uint32Array, bits = bucketBitsFor(keys.length), fullHashes = false): CorpusIndex {
  const n = keys.length;
  const bucket = new Uint32Array((1 << bits) + 1);
  const shift = 32 - bits;
  const low = new Uint8Array(n);
  for (let i = 0; i < n; i++) { bucket[(keys[i] >>> shift) + 1]++; low[i] = residual(keys[i], bits); }
  for (let b = 1; b < bucket.length; b++) bucket[b] += bucket[b - 1];
  const docStart = new Uint32Array(starts.length + 1);
  docStart.set(starts);
  docStart[starts.length] = totalWords;
  const full = fullHashes || n <= FULL_HASH_LIMIT ? { fpHash: keys } : {};
  return { statements, totalWords, fpLow: low, fpPos: values, bucket, bucketBits: bits, docStart, ...full };
}

/** Indexes with at most this many fingerprints keep full hashes (4 bytes each): a few hundred statements. */
const FULL_HASH_LIMIT = 1 << 18;

/** The 8 hash bits stored per fingerprint: those just below the bucket bits. */
function residual(hash: number, bits: number): number {
  return (hash >>> (24 - bits)) & 0xff;
}

/**
 * What the index still knows of fingerprint i's hash: all of it in a small index, else its top
 * bits + 8 bits, the rest zero. Enough to re-bucket it into an index with as many bucket bits or
 * fewer (compaction).
 */
export function fingerprintHash(index: CorpusIndex, bucketNo: number, i: number): number {
  if (index.fpHash) return index.fpHash[i];
  return ((bucketNo << (32 - index.bucketBits)) | (index.fpLow[i] << (24 - index.bucketBits))) >>> 0;
}

/** About eight fingerprints per bucket (the table costs ~0.5 bytes per fingerprint), 16 to 24 bits. */
export function bucketBitsFor(n: number): number {
  return Math.max(16, Math.min(24, Math.ceil(Math.log2(Math.max(1, n / 8)))));
}

/**
 * LSD radix sort of (key, value) pairs by key, 4 passes of 8 bits. The inputs serve as scratch
 * space (their contents are lost); the sorted pairs come back in other arrays. Measured on 12.8 M
 * random pairs (UNGDC's fingerprint count): 0.86 s, against 10.3 s for sorting an index array with
 * a comparator. 3 passes of 11 bits were slower here (1.3-2.3 s against 0.8-1.4 s for these 4
 * passes, load 4-5): 2,048 scatter targets miss the cache where 256 do not.
 */
export function radixSortPairs(keysIn: Uint32Array, valuesIn: Uint32Array): { keys: Uint32Array; values: Uint32Array } {
  const n = keysIn.length;
  let keys: Uint32Array = keysIn, values: Uint32Array = valuesIn;
  let k2: Uint32Array = new Uint32Array(n), v2: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(1 << RADIX_BITS);
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i] >>> shift) & RADIX_MASK]++;
    let sum = 0;
    for (let b = 0; b < counts.length; b++) { const c = counts[b]; counts[b] = sum; sum += c; }
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const dst = counts[(key >>> shift) & RADIX_MASK]++;
      k2[dst] = key; v2[dst] = values[i];
    }
    [keys, k2] = [k2, keys];
    [values, v2] = [v2, values];
  }
  return { keys, values };
}

const RADIX_BITS = 8, RADIX_MASK = (1 << RADIX_BITS) - 1;

/**
 * One index from layers that kept their full hashes (built with `fullHashes`), merged in one
 * linear pass: statements in layer order, positions shifted past the earlier layers' words. The
 * language server builds a large archive on two worker threads and merges their layers so that a
 * check looks each k-gram up once, not once per layer.
 */
export function mergeIndexes(layers: readonly CorpusIndex[]): CorpusIndex {
  if (layers.length === 1) return layers[0];
  if (layers.some((l) => !l.fpHash)) throw new Error('mergeIndexes needs layers with full hashes');
  const statements: IndexedStatement[] = [];
  const starts: number[] = [];
  let total = 0, n = 0;
  for (const l of layers) {
    for (let d = 0; d < l.statements.length; d++) { statements.push(l.statements[d]); starts.push(total + l.docStart[d]); }
    total += l.totalWords;
    n += l.fpPos.length;
  }
  let keys = layers[0].fpHash!, values = layers[0].fpPos;
  let offset = layers[0].totalWords;
  for (let k = 1; k < layers.length; k++) {
    const b = layers[k];
    const merged = mergeSorted(keys, values, 0, b.fpHash!, b.fpPos, offset);
    keys = merged.keys; values = merged.values;
    offset += b.totalWords;
  }
  return assembleIndex(statements, starts, total, keys, values);
}

/** Two hash-sorted runs as one; `bShift` is added to b's positions. */
function mergeSorted(ak: Uint32Array, av: Uint32Array, aShift: number, bk: Uint32Array, bv: Uint32Array, bShift: number): { keys: Uint32Array; values: Uint32Array } {
  const n = ak.length + bk.length;
  const keys = new Uint32Array(n), values = new Uint32Array(n);
  let i = 0, j = 0, o = 0;
  while (i < ak.length && j < bk.length) {
    if (ak[i] <= bk[j]) { keys[o] = ak[i]; values[o++] = av[i++] + aShift; }
    else { keys[o] = bk[j]; values[o++] = bv[j++] + bShift; }
  }
  for (; i < ak.length; i++) { keys[o] = ak[i]; values[o++] = av[i] + aShift; }
  for (; j < bk.length; j++) { keys[o] = bk[j]; values[o++] = bv[j] + bShift; }
  return { keys, values };
}

/** The fingerprints with this hash, [lo, hi), written to out[at], out[at + 1] (no allocation on the hot path); returns hi - lo. */
export function lookupInto(index: CorpusIndex, hash: number, out: Uint32Array, at: number): number {
  const b = hash >>> (32 - index.bucketBits);
  let lo = index.bucket[b];
  const end = index.bucket[b + 1];
  const low = residual(hash, index.bucketBits);
  const keys = index.fpLow;
  // binary search: a bucket holding common k-grams runs to hundreds of fingerprints (a linear
  // walk took 0.78 ms of a 5,000-word check on UNGDC, this 0.49 ms, measured)
  let hi = end;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (keys[mid] < low) lo = mid + 1; else hi = mid; }
  hi = lo;
  if (hi < end && keys[hi] === low) {
    let top = end;
    while (hi < top) { const mid = (hi + top) >>> 1; if (keys[mid] <= low) hi = mid + 1; else top = mid; }
  }
  out[at] = lo;
  out[at + 1] = hi;
  return hi - lo;
}

/** The statement holding a global word position. */
export function docOf(index: CorpusIndex, pos: number): number {
  const starts = index.docStart;
  let lo = 0, hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** Bytes the index holds in memory. */
export function indexBytes(index: CorpusIndex): number {
  return index.fpLow.byteLength + index.fpPos.byteLength + index.bucket.byteLength + index.docStart.byteLength;
}

export { K };
