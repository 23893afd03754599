import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { K, kgramHashes, W, winnow } from '../../server/src/core/fingerprint';
import { wordHashes } from '../../server/src/core/words';
import { sampleCorpus } from './corpus-fixture';

// The fingerprints are what the persisted index stores: their definitions, checked against the
// fast code (kgramHashes keeps the last K words in locals, winnow writes straight into arrays).

/** The k-gram hash by its definition: h = h * MIX + w over the K words from h = 0, then fmix32. */
function kgramByDefinition(words: Uint32Array, i: number): number {
  let h = 0;
  for (let j = 0; j < K; j++) h = (Math.imul(h, 0x9e3779b1) + words[i + j]) >>> 0;
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Winnowing by its definition: the rightmost minimum of every window of w (one window when shorter), each index once, ascending. */
function winnowByDefinition(grams: Uint32Array, w: number): number[] {
  const picked = new Set<number>();
  for (let s = 0; s < Math.max(1, grams.length - w + 1) && grams.length > 0; s++) {
    let min = s;
    for (let i = s; i < Math.min(grams.length, s + w); i++) if (grams[i] <= grams[min]) min = i;
    picked.add(min);
  }
  return [...picked].sort((a, b) => a - b);
}

describe('fingerprints', () => {
  it('k-gram hashes follow their definition on every corpus statement, and on texts shorter than K words', () => {
    for (const st of sampleCorpus()) {
      const words = wordHashes(st.text);
      const grams = kgramHashes(words);
      assert.equal(grams.length, words.length - K + 1);
      for (let i = 0; i < grams.length; i++) assert.equal(grams[i], kgramByDefinition(words, i), `${st.path} at ${i}`);
      assert.deepEqual(Array.from(kgramHashes(words, 100, 140)), Array.from({ length: 37 }, (_, i) => kgramByDefinition(words, 100 + i)));
    }
    for (let n = 0; n < K; n++) assert.equal(kgramHashes(new Uint32Array(n)).length, 0);
  });

  it('winnowing follows its definition on the corpus and on random hashes with many ties', () => {
    for (const st of sampleCorpus()) {
      const grams = kgramHashes(wordHashes(st.text));
      assert.deepEqual(Array.from(winnow(grams)), winnowByDefinition(grams, W), st.path);
    }
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
    for (let n = 0; n < 2000; n++) {
      const grams = Uint32Array.from({ length: n % 23 }, () => next() % 5);
      assert.deepEqual(Array.from(winnow(grams)), winnowByDefinition(grams, W), `[${grams.join(',')}]`);
    }
  });
});
