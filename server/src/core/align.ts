// Word alignment between a draft region and a source region, starting from a shared seed and
// walking outward. Greedy with a short look-ahead: after a mismatch it re-synchronises on the
// nearest pair of positions where two consecutive words agree again, so substituted, inserted and
// deleted words (a new host country, a new session number) are stepped over rather than ending the
// match. Cost is linear in the aligned length.

/** How many words on either side an edit may span before the walk gives up. */
const LOOKAHEAD = 4;

export interface Alignment {
  /** Draft words [dStart, dEnd) align with source words [sStart, sEnd). */
  dStart: number; dEnd: number;
  sStart: number; sEnd: number;
  /** Words matched one-to-one in order. */
  matched: number;
  /** The longest run of consecutive words matched without an edit. */
  longestRun: number;
}

/**
 * Aligns forward from (d, s), where both sequences agree on at least one word, and backward from
 * just before it. `dLo`/`dHi` bound the draft side (a region may not cross them).
 */
export function alignAround(draft: Uint32Array, source: Uint32Array, d: number, s: number, dLo = 0, dHi = draft.length): Alignment {
  const fwd = walk(draft, source, d, s, dHi, source.length, 1);
  const back = walk(draft, source, d - 1, s - 1, dLo - 1, -1, -1);
  return {
    dStart: back.d + 1, sStart: back.s + 1,
    dEnd: fwd.d, sEnd: fwd.s,
    matched: fwd.matched + back.matched,
    // the seed's run goes on both sides of d
    longestRun: Math.max(fwd.longestRun, back.longestRun, fwd.firstRun + back.firstRun),
  };
}

interface WalkEnd { d: number; s: number; matched: number; longestRun: number; firstRun: number }

/** Walks in `step` direction; returns the position just past the last matched pair. */
function walk(draft: Uint32Array, source: Uint32Array, d: number, s: number, dStop: number, sStop: number, step: 1 | -1): WalkEnd {
  let matched = 0, run = 0, longestRun = 0, firstRun = -1;
  let lastD = d - step, lastS = s - step; // just before the first position: nothing matched yet
  while (d !== dStop && s !== sStop) {
    if (draft[d] === source[s]) {
      matched++; lastD = d; lastS = s;
      d += step; s += step;
      if (++run > longestRun) longestRun = run;
      continue;
    }
    if (firstRun < 0) firstRun = run;
    const r = resync(draft, source, d, s, dStop, sStop, step);
    if (!r) break;
    d = r[0]; s = r[1]; run = 0;
  }
  return { d: lastD + step, s: lastS + step, matched, longestRun, firstRun: firstRun < 0 ? run : firstRun };
}

/** Nearest (d', s') ahead where two consecutive words agree again, or undefined. */
function resync(draft: Uint32Array, source: Uint32Array, d: number, s: number, dStop: number, sStop: number, step: 1 | -1): [number, number] | undefined {
  for (let cost = 1; cost <= 2 * LOOKAHEAD; cost++) {
    for (let a = Math.max(0, cost - LOOKAHEAD); a <= Math.min(cost, LOOKAHEAD); a++) {
      const b = cost - a;
      const d1 = d + a * step, s1 = s + b * step;
      const d2 = d1 + step, s2 = s1 + step;
      if (!inRange(d2, dStop, step) || !inRange(s2, sStop, step)) continue;
      if (draft[d1] === source[s1] && draft[d2] === source[s2]) return [d1, s1];
    }
  }
  return undefined;
}

function inRange(i: number, stop: number, step: 1 | -1): boolean {
  return step === 1 ? i < stop : i > stop;
}
