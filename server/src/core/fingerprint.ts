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
  const n = Math.max(0, to - from - K + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let j = 0; j < K; j++) h = Math.imul(h, MIX) + wordHashes[from + i + j];
    out[i] = fmix(h >>> 0);
  }
  return out;
}

/**
 * Winnowing: indices of the selected k-grams (rightmost minimum of each window of W), ascending
 * and without repeats. Texts shorter than one window keep their single minimum.
 */
export function winnow(grams: Uint32Array, w = W): Uint32Array {
  const n = grams.length;
  if (n === 0) return new Uint32Array(0);
  const picked: number[] = [];
  const windows = Math.max(1, n - w + 1);
  const span = Math.min(w, n);
  let min = -1;
  for (let s = 0; s < windows; s++) {
    const end = s + span;
    if (min < s) {
      min = s;
      for (let i = s + 1; i < end; i++) if (grams[i] <= grams[min]) min = i;
    } else if (grams[end - 1] <= grams[min]) {
      min = end - 1;
    }
    if (picked.length === 0 || picked[picked.length - 1] !== min) picked.push(min);
  }
  return Uint32Array.from(picked);
}
