// Word k-gram fingerprints and winnowing (Schleimer, Wilkerson & Aiken, SIGMOD 2003).
//
// A k-gram is k consecutive words; its hash combines the k word hashes. The corpus keeps only the
// winnowed k-grams (the minimum hash of every window of w consecutive k-grams), about 2/(w+1) of
// them, and a draft looks up all of its k-grams. Guarantee: any run of w+k-1 words that a draft
// shares with a statement, unedited, shares at least one stored k-gram with it.

/** Words per k-gram. Four words are specific enough once common k-grams are set aside by count. */
export const K = 4;
/**
 * Winnowing window. With K = 4 and W = 4 every shared run of 7 words (w + k - 1) leaves at least
 * one fingerprint, and every run of 12 words at least two (two disjoint windows), which lets a
 * draft ask for two agreeing seeds before it reads a source back.
 */
export const W = 4;

const MIX = 0x9e3779b1;

/** Final avalanche (murmur3 fmix32) so that window minima are spread evenly. */
function fmix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of every k-gram: result[i] covers words i..i+K-1. Empty when there are fewer than K words. */
export function kgramHashes(wordHashes: Uint32Array, from = 0, to = wordHashes.length): Uint32Array {
  const out = new Uint32Array(Math.max(0, to - from - K + 1));
  kgramHashesInto(wordHashes, from, to, out);
  return out;
}

/**
 * `kgramHashes` written to `out` (at least `to - from - K + 1` long, no allocation: indexing reuses
 * one buffer); returns how many. The last K word hashes stay in locals, so each word is read once.
 */
export function kgramHashesInto(wordHashes: Uint32Array, from: number, to: number, out: Uint32Array): number {
  const n = Math.max(0, to - from - K + 1);
  if (n === 0) return 0;
  // K = 4: h = ((w0 * MIX + w1) * MIX + w2) * MIX + w3 (mod 2^32), as `h = imul(h, MIX) + w` from h = 0 gives it
  let w1 = wordHashes[from], w2 = wordHashes[from + 1], w3 = wordHashes[from + 2];
  for (let i = 0; i < n; i++) {
    const w0 = w1; w1 = w2; w2 = w3; w3 = wordHashes[from + i + 3];
    out[i] = fmix((Math.imul(Math.imul(Math.imul(w0, MIX) + w1, MIX) + w2, MIX) + w3) >>> 0);
  }
  return n;
}

/**
 * Winnowing: indices of the selected k-grams (rightmost minimum of each window of W), ascending
 * and without repeats. Texts shorter than one window keep their single minimum.
 */
export function winnow(grams: Uint32Array, w = W): Uint32Array {
  const picked = new Uint32Array(grams.length), hashes = new Uint32Array(grams.length);
  return picked.slice(0, winnowInto(grams, grams.length, w, hashes, picked, 0, 0));
}

/**
 * `winnow` of grams[0, n) written straight into an index builder's arrays: for the m-th selected
 * k-gram i, hashes[at + m] = grams[i] and positions[at + m] = base + i (both at least `at + n`
 * long); returns how many were selected.
 */
export function winnowInto(grams: Uint32Array, n: number, w: number, hashes: Uint32Array, positions: Uint32Array, at: number, base: number): number {
  if (n === 0) return 0;
  const windows = Math.max(1, n - w + 1);
  const span = Math.min(w, n);
  let o = at, last = -1;
  let min = -1, minHash = 0;
  for (let s = 0; s < windows; s++) {
    const end = s + span;
    if (min < s) {
      min = s; minHash = grams[s];
      for (let i = s + 1; i < end; i++) if (grams[i] <= minHash) { min = i; minHash = grams[i]; }
    } else if (grams[end - 1] <= minHash) {
      min = end - 1; minHash = grams[min];
    }
    if (min !== last) { hashes[o] = minHash; positions[o] = base + min; o++; last = min; }
  }
  return o - at;
}
