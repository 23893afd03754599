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
import { K, kgramHashesInto, W, winnowInto } from './fingerprint';
import { maxUtf8Words, utf8WordHashes, wordHashes } from './words';
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
  /** Full hashes, kept by small indexes (new layers), so compaction loses no bits. */
  readonly fpHash?: Uint32Array;
  readonly fpPos: Uint32Array;
  readonly bucket: Uint32Array;
  readonly bucketBits: number;
  readonly docStart: Uint32Array;
}

/** Collects statements one by one; `finish()` (or `finishRun()`, once) sorts them into a `CorpusIndex`. */
export class IndexBuilder {
  private hashes = new Uint32Array(1 << 16);
  private positions = new Uint32Array(1 << 16);
  private count = 0;
  private readonly statements: IndexedStatement[] = [];
  private readonly starts: number[] = [];
  private totalWords = 0;
  /** One statement's word hashes and k-gram hashes, reused from statement to statement. */
  private wordBuf = new Uint32Array(0);
  private gramBuf = new Uint32Array(0);
  private finished = false;

  /** Adds one statement's text; returns its document id. */
  add(path: string, text: string, meta: Readonly<StatementMeta>): number {
    const hashes = wordHashes(text);
    return this.addWords(path, meta, hashes, hashes.length);
  }

  /** Adds one statement from its bytes (valid UTF-8, as `isUtf8` checks; not decoded): the same as `add` of its text. */
  addUtf8(path: string, bytes: Uint8Array, meta: Readonly<StatementMeta>): number {
    const need = maxUtf8Words(bytes.length);
    if (this.wordBuf.length < need) this.wordBuf = new Uint32Array(Math.max(need, 2 * this.wordBuf.length));
    return this.addWords(path, meta, this.wordBuf, utf8WordHashes(bytes, this.wordBuf));
  }

  private addWords(path: string, meta: Readonly<StatementMeta>, hashes: Uint32Array, words: number): number {
    if (this.finished) throw new Error('IndexBuilder: a statement added after finish');
    if (this.gramBuf.length < words) this.gramBuf = new Uint32Array(Math.max(words, 2 * this.gramBuf.length));
    const grams = kgramHashesInto(hashes, 0, words, this.gramBuf);
    this.reserve(grams);
    this.count += winnowInto(this.gramBuf, grams, W, this.hashes, this.positions, this.count, this.totalWords);
    this.starts.push(this.totalWords);
    this.statements.push({ path, meta, words });
    this.totalWords += words;
    return this.statements.length - 1;
  }

  get size(): number { return this.statements.length; }

  /**
   * The fingerprints sorted by hash with the statements, to be merged with other builders' runs
   * (`planMerge`, `mergeRange`); `alloc` gives the arrays the sorted pairs are copied into (a
   * worker thread passes shared memory, so the other worker and the main thread read them in place).
   */
  finishRun(alloc?: (n: number) => Uint32Array): SortedRun {
    const { keys, values, topCounts } = this.sorted(alloc);
    return { statements: this.statements, starts: this.starts, totalWords: this.totalWords, keys, values, topCounts };
  }

  finish(): CorpusIndex {
    const { keys, values } = this.sorted();
    return assembleIndex(this.statements, this.starts, this.totalWords, keys, values, bucketBitsFor(keys.length));
  }

  /** The fingerprints sorted into new arrays; the builder's own are let go (their memory is garbage before the merge). */
  private sorted(alloc?: (n: number) => Uint32Array): ReturnType<typeof radixSortPairs> {
    const sorted = radixSortPairs(this.hashes.subarray(0, this.count), this.positions.subarray(0, this.count), alloc);
    this.hashes = this.positions = this.wordBuf = this.gramBuf = new Uint32Array(0);
    this.finished = true;
    return sorted;
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
export function assembleIndex(statements: IndexedStatement[], starts: readonly number[], totalWords: number, keys: Uint32Array, values: Uint32Array, bits = bucketBitsFor(keys.length)): CorpusIndex {
  const n = keys.length;
  const bucket = new Uint32Array((1 << bits) + 1);
  const shift = 32 - bits;
  const low = new Uint8Array(n);
  for (let i = 0; i < n; i++) { bucket[(keys[i] >>> shift) + 1]++; low[i] = residual(keys[i], bits); }
  for (let b = 1; b < bucket.length; b++) bucket[b] += bucket[b - 1];
  const docStart = new Uint32Array(starts.length + 1);
  docStart.set(starts);
  docStart[starts.length] = totalWords;
  const full = n <= FULL_HASH_LIMIT ? { fpHash: keys } : {};
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
 * Radix sort of (key, value) pairs by key, stable (equal keys keep their input order). One pass
 * scatters the pairs by their key's top byte into the output arrays (`alloc`: shared memory on a
 * worker thread, so no copy after); then each top-byte bucket (~25 K pairs per worker on UNGDC,
 * cache-sized) is sorted by its 24 lower bits in two LSD passes of 12 bits, through the input
 * arrays and back into the output. The inputs serve as scratch space (their contents are lost).
 * Measured on 6.4 M pairs skewed as winnowing skews them (one UNGDC worker's run; load 1.1-1.4):
 * 280-305 ms, against 330-410 ms with 3 passes of 8 bits per bucket and 400-480 ms for 4 LSD passes
 * of 8 bits over the whole arrays (which the shared-memory copy then followed). A comparator sort
 * of an index array took 10.3 s for 12.8 M pairs; 3 passes of 11 bits over the whole arrays were
 * slower than 4 of 8 (2,048 scatter targets miss the cache there, not within one bucket).
 */
export function radixSortPairs(keysIn: Uint32Array, valuesIn: Uint32Array, alloc: (n: number) => Uint32Array = (n) => new Uint32Array(n)): { keys: Uint32Array; values: Uint32Array; topCounts: Uint32Array } {
  const n = keysIn.length;
  const keys = alloc(n), values = alloc(n);
  const topCounts = new Uint32Array(256), at = new Uint32Array(257);
  for (let i = 0; i < n; i++) topCounts[keysIn[i] >>> 24]++;
  for (let b = 0; b < 256; b++) at[b + 1] = at[b] + topCounts[b];
  const next = at.slice(0, 256);
  for (let i = 0; i < n; i++) { const key = keysIn[i]; const dst = next[key >>> 24]++; keys[dst] = key; values[dst] = valuesIn[i]; }
  const c0 = new Uint32Array(1 << 12), c1 = new Uint32Array(1 << 12);
  for (let b = 0; b < 256; b++) {
    const lo = at[b], hi = at[b + 1];
    if (hi - lo < 2) continue;
    c0.fill(0); c1.fill(0);
    for (let i = lo; i < hi; i++) { const key = keys[i]; c0[key & 0xfff]++; c1[(key >>> 12) & 0xfff]++; }
    let s0 = lo, s1 = lo;
    for (let d = 0; d < 1 << 12; d++) { const a = c0[d], e = c1[d]; c0[d] = s0; s0 += a; c1[d] = s1; s1 += e; }
    // bits 0-11: output -> input arrays; bits 12-23: input arrays -> output (both within [lo, hi))
    for (let i = lo; i < hi; i++) { const key = keys[i]; const dst = c0[key & 0xfff]++; keysIn[dst] = key; valuesIn[dst] = values[i]; }
    for (let i = lo; i < hi; i++) { const key = keysIn[i]; const dst = c1[(key >>> 12) & 0xfff]++; keys[dst] = key; values[dst] = valuesIn[i]; }
  }
  return { keys, values, topCounts };
}

/** One layer's statements and fingerprints sorted by hash (a builder's output before merging). */
export interface SortedRun {
  readonly statements: IndexedStatement[];
  readonly starts: readonly number[];
  readonly totalWords: number;
  readonly keys: Uint32Array;
  readonly values: Uint32Array;
  /** How many hashes have each top byte. */
  readonly topCounts: Uint32Array;
}

/**
 * How sorted runs merge into one index: the hash space cut into `parts` ranges on top-byte
 * boundaries (bucket boundaries too), each range's place in the output, and the shift of each run's word positions (runs
 * follow one another). The parts write disjoint slices of the output arrays, so worker threads
 * merge them at once into shared memory and the caller's thread only assembles the result.
 */
export interface MergePlan {
  readonly runs: readonly { keys: Uint32Array; values: Uint32Array; shift: number }[];
  readonly bits: number;
  readonly fingerprints: number;
  /** Per part: hash range [lo, hi) (hi up to 2^32) and the output index of its first fingerprint. */
  readonly parts: readonly { lo: number; hi: number; outStart: number }[];
}

/** The output arrays of a merge: the merged index's `fpLow`, `fpPos`, `bucket` and, for a small one, `fpHash`. */
export interface MergeOutput { fpLow: Uint8Array; fpPos: Uint32Array; bucket: Uint32Array; fpHash?: Uint32Array }

/** Runs of one or two builders (the language server builds on at most two worker threads). */
export function planMerge(runs: readonly SortedRun[], parts: number): MergePlan {
  if (runs.length < 1 || runs.length > 2) throw new Error(`planMerge merges one or two runs, not ${runs.length}`);
  let shift = 0, n = 0;
  const planned = runs.map((r) => { const p = { keys: r.keys, values: r.values, shift }; shift += r.totalWords; n += r.keys.length; return p; });
  // below[b]: fingerprints whose hash's top byte is < b
  const below = new Float64Array(257);
  for (let b = 0; b < 256; b++) below[b + 1] = below[b] + runs.reduce((sum, r) => sum + r.topCounts[b], 0);
  // cut on top-byte boundaries where the counts balance, not mid-range: winnowing keeps window
  // minima, so small hashes are over-represented (UNGDC: 89% of the fingerprints below 2^31)
  const cut = (p: number) => { let b = 0; while (b < 256 && below[b] < (p * n) / parts) b++; return p === parts ? 256 : b; };
  return {
    runs: planned, bits: bucketBitsFor(n), fingerprints: n,
    parts: Array.from({ length: parts }, (_, p) => ({ lo: cut(p) * 2 ** 24, hi: cut(p + 1) * 2 ** 24, outStart: below[cut(p)] })),
  };
}

/** Output arrays for a plan; `alloc` makes each array's memory (shared memory for worker threads). */
export function mergeOutput(plan: MergePlan, alloc: (bytes: number) => ArrayBufferLike = (b) => new ArrayBuffer(b)): MergeOutput {
  const n = plan.fingerprints;
  const out: MergeOutput = { fpLow: new Uint8Array(alloc(n)), fpPos: new Uint32Array(alloc(4 * n)), bucket: new Uint32Array(alloc(4 * ((1 << plan.bits) + 1))) };
  if (n <= FULL_HASH_LIMIT) out.fpHash = new Uint32Array(alloc(4 * n));
  return out;
}

/** First i with keys[i] >= key. */
function lowerBound(keys: Uint32Array, key: number): number {
  let lo = 0, hi = keys.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (keys[mid] < key) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Merges part `p` of a plan: the runs' fingerprints in its hash range, and its buckets' table entries. */
export function mergeRange(plan: MergePlan, p: number, out: MergeOutput): void {
  const { lo, hi, outStart } = plan.parts[p];
  const [a, b = EMPTY_RUN] = plan.runs;
  const ak = a.keys, av = a.values, aShift = a.shift, bk = b.keys, bv = b.values, bShift = b.shift;
  const end = (keys: Uint32Array) => (hi >= 2 ** 32 ? keys.length : lowerBound(keys, hi));
  let i = lowerBound(ak, lo), j = lowerBound(bk, lo);
  const aEnd = end(ak), bEnd = end(bk);
  const bits = plan.bits, shift = 32 - bits;
  const { fpLow, fpPos, bucket, fpHash } = out;
  let o = outStart;
  let nextBucket = lo / 2 ** shift;
  for (;;) {
    // on equal hashes the first run's fingerprint first, as one builder sorts them (by position)
    let key: number, pos: number;
    if (i < aEnd && (j >= bEnd || ak[i] <= bk[j])) { key = ak[i]; pos = av[i++] + aShift; }
    else if (j < bEnd) { key = bk[j]; pos = bv[j++] + bShift; }
    else break;
    const top = key >>> shift;
    while (nextBucket <= top) bucket[nextBucket++] = o;
    fpLow[o] = residual(key, bits);
    fpPos[o] = pos;
    if (fpHash) fpHash[o] = key;
    o++;
  }
  const lastBucket = hi / 2 ** shift;
  while (nextBucket < lastBucket) bucket[nextBucket++] = o;
  if (hi >= 2 ** 32) bucket[1 << bits] = o;
}

const EMPTY_RUN = { keys: new Uint32Array(0), values: new Uint32Array(0), shift: 0 };

/** The index the merged runs make, once every part of the plan is merged into `out`. */
export function mergedIndex(runs: readonly SortedRun[], plan: MergePlan, out: MergeOutput): CorpusIndex {
  const statements: IndexedStatement[] = [];
  const docStart = new Uint32Array(runs.reduce((n, r) => n + r.statements.length, 0) + 1);
  let d = 0;
  runs.forEach((r, i) => {
    for (let s = 0; s < r.statements.length; s++) { statements.push(r.statements[s]); docStart[d++] = plan.runs[i].shift + r.starts[s]; }
  });
  const total = runs.reduce((n, r) => n + r.totalWords, 0);
  docStart[d] = total;
  return { statements, totalWords: total, fpLow: out.fpLow, fpPos: out.fpPos, bucket: out.bucket, bucketBits: plan.bits, docStart, ...(out.fpHash ? { fpHash: out.fpHash } : {}) };
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
