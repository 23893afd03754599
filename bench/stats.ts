// Timing and memory figures, and a seeded random generator so every run plants the same drafts.

export function median(xs: readonly number[]): number {
  return percentile(xs, 0.5);
}

/** Nearest-rank percentile: with 50 samples p99 is the largest, which is what a user would feel. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export interface Latency { runs: number; median: number; p99: number; max: number }

export function latency(samples: readonly number[]): Latency {
  return { runs: samples.length, median: median(samples), p99: percentile(samples, 0.99), max: Math.max(...samples) };
}

/**
 * A full collection before a timed phase (the bench runs with --expose-gc), so a phase pays for
 * its own garbage and not for the last one's: 100 checks of a draft without its key allocate ~4 MB
 * each, and the keystrokes timed next paid for collecting them. Within the phase nothing is skipped.
 */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs `fn` `runs` times and returns each run's milliseconds. */
export function sample(runs: number, fn: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export interface MemoryAfterGc { rssMB: number; heapUsedMB: number; externalMB: number; peakRssMB: number }

/**
 * Memory after a full collection. Two collections with a pause between: the first one frees the
 * builder's growth arrays, whose backing stores are released only after it.
 */
export async function memoryAfterGc(): Promise<MemoryAfterGc> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external), peakRssMB: process.resourceUsage().maxRSS / 1024 };
}

export function mb(bytes: number): number {
  return bytes / 1048576;
}

/** mulberry32: small, fast and good enough to pick paragraphs and edits reproducibly. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    shuffle: (xs) => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) { const j = Math.floor(next() * (i + 1)); [out[i], out[j]] = [out[j], out[i]]; }
      return out;
    },
  };
}

export interface Random {
  /** [0, 1) */
  next(): number;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  shuffle<T>(xs: readonly T[]): T[];
}

/**
 * The machine's own timing noise on memory-bound work like a check's (random reads of an 80 MB
 * array, ~1.5 ms a run): on a shared VM its p99 sits well above its median, and so do Lectern's.
 */
export function memoryJitter(runs = 300): Latency {
  const table = new Uint32Array(20_000_000);
  for (let i = 0; i < table.length; i++) table[i] = Math.imul(i, 0x9e3779b1);
  let seed = 1, sink = 0;
  const samples = sample(runs, () => {
    for (let i = 0; i < 20_000; i++) { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; sink ^= table[seed % table.length]; }
  });
  return sink === 0.5 ? latency([]) : latency(samples);
}

/**
 * The longest gap between runs of a 5 ms interval timer, less its 5 ms, until `stop()`: how long this
 * thread was held by one piece of work (a request arriving meanwhile waits that long).
 */
export function lagProbe(): { stop(): number } {
  let last = performance.now(), worst = 0;
  const timer = setInterval(() => { const t = performance.now(); worst = Math.max(worst, t - last - 5); last = t; }, 5);
  return { stop: () => { clearInterval(timer); worst = Math.max(worst, performance.now() - last - 5); return Math.max(0, worst); } };
}
