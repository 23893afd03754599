// Seeded randomness: every run of the evaluation builds the same labelled set, so two runs differ
// only where the detector changed. Each purpose (split, passages, edits, context) has its own
// stream, so changing how one is drawn does not reshuffle the others.

/** mulberry32: a small, fast 32-bit generator, good enough for sampling test cases. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a label, to derive one stream's seed from the run's seed. */
function labelHash(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Random {
  private readonly next: () => number;

  constructor(seed: number, label: string) {
    this.next = mulberry32((seed ^ labelHash(label)) >>> 0);
  }

  /** Uniform in [0, 1). */
  float(): number { return this.next(); }

  /** Uniform integer in [0, n). */
  int(n: number): number { return Math.floor(this.next() * n); }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number { return lo + this.int(hi - lo + 1); }

  chance(p: number): boolean { return this.next() < p; }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[this.int(items.length)];
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** `k` distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffled(items).slice(0, k);
  }
}
