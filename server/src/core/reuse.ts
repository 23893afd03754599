// Reuse detection: which passages of a draft come from corpus statements, and from where.
//
// 1. Seed: look up every k-gram of the draft among the corpus's winnowed fingerprints. A k-gram
//    that many statements share is a stock phrase: it seeds nothing, it is only counted.
// 2. Extend: per statement, align word by word around each seed that no earlier alignment
//    covers (align.ts); the walk steps over a few changed words and finds where the reuse really
//    starts and ends. Reordered sentences give separate alignments.
// 3. Merge: candidates of one statement that abut in the draft (reordered sentences) join; the
//    same draft passage found in several statements becomes one finding with every source, best
//    first.
import { alignAround, type Alignment } from './align';
import { docOf, lookup, type CorpusIndex } from './corpus-index';
import { K, kgramHashes } from './fingerprint';
import type { Words } from './words';
import type { Span } from './types';

export interface ReuseOptions {
  /** Shortest reported passage, in draft words. */
  minWords: number;
  /** A k-gram found in more fingerprints than this is a stock phrase (common), not a seed. */
  commonThreshold: number;
  /** Statements never reported (the draft itself when it lies inside the corpus). */
  excludeDocs: ReadonlySet<number>;
}

export interface ReuseMatch {
  readonly docId: number;
  /** Draft word range and source word range. */
  readonly dStart: number; readonly dEnd: number;
  readonly sStart: number; readonly sEnd: number;
  readonly matched: number;
  readonly similarity: number;
}

export interface ReusePassage {
  readonly dStart: number;
  readonly dEnd: number;
  /** Best first. */
  readonly matches: readonly ReuseMatch[];
}

export interface CommonPassage {
  readonly dStart: number;
  readonly dEnd: number;
  /** Roughly how many statements contain it (fingerprint count of its rarest k-gram). */
  readonly statementCount: number;
}

export interface ReuseResult {
  readonly passages: readonly ReusePassage[];
  readonly common: readonly CommonPassage[];
}

/** The words of a corpus statement, re-read on demand (the index keeps no corpus text). */
export type SourceWords = (docId: number) => Words | undefined;

export function findReuse(draft: Words, index: CorpusIndex, sourceWords: SourceWords, options: ReuseOptions, range?: Span): ReuseResult {
  const { from, to } = wordRange(draft, range);
  const grams = kgramHashes(draft.hash, from, to);
  const commonCount = new Uint32Array(grams.length);
  const seedsByDoc = new Map<number, number[]>(); // docId -> [draftPos, sourcePos, ...]
  for (let g = 0; g < grams.length; g++) {
    const [lo, hi] = lookup(index, grams[g]);
    if (hi === lo) continue;
    if (hi - lo > options.commonThreshold) { commonCount[g] = hi - lo; continue; }
    for (let p = lo; p < hi; p++) {
      const pos = index.fpPos[p];
      const doc = docOf(index, pos);
      if (options.excludeDocs.has(doc)) continue;
      let seeds = seedsByDoc.get(doc);
      if (!seeds) seedsByDoc.set(doc, (seeds = []));
      seeds.push(from + g, pos - index.docStart[doc]);
    }
  }

  const matches: ReuseMatch[] = [];
  for (const [docId, seeds] of seedsByDoc) {
    let source: Words | undefined;
    const done: Alignment[] = [];
    for (const i of bySeedOrder(seeds)) {
      const d = seeds[i], s = seeds[i + 1];
      if (done.some((a) => d >= a.dStart && d < a.dEnd && s >= a.sStart && s < a.sEnd)) continue;
      source ??= sourceWords(docId);
      if (!source) break;
      const a = alignAround(draft.hash, source.hash, d, s, from, to);
      done.push(a);
      if (a.dEnd - a.dStart >= K) matches.push(toMatch(docId, a));
    }
  }
  const passages = mergePassages(matches, options.minWords);
  return { passages, common: commonRuns(commonCount, from, passages, options.minWords) };
}

function wordRange(words: Words, range?: Span): { from: number; to: number } {
  if (!range) return { from: 0, to: words.count };
  let from = 0;
  while (from < words.count && words.start[from] < range.start) from++;
  let to = from;
  while (to < words.count && words.end[to] <= range.end) to++;
  return { from, to };
}

/** Indices of the (draft, source) seed pairs, by draft position then source position. */
function bySeedOrder(seeds: number[]): number[] {
  const order: number[] = [];
  for (let i = 0; i < seeds.length; i += 2) order.push(i);
  return order.sort((x, y) => seeds[x] - seeds[y] || seeds[x + 1] - seeds[y + 1]);
}

function toMatch(docId: number, a: Alignment): ReuseMatch {
  const longest = Math.max(a.dEnd - a.dStart, a.sEnd - a.sStart);
  return { docId, dStart: a.dStart, dEnd: a.dEnd, sStart: a.sStart, sEnd: a.sEnd, matched: a.matched, similarity: longest ? a.matched / longest : 0 };
}

/**
 * Joins a statement's matches that overlap or abut in the draft (sentences of one source passage
 * in another order), then groups matches of different statements over the same draft passage.
 */
function mergePassages(matches: ReuseMatch[], minWords: number): ReusePassage[] {
  const byDoc = new Map<number, ReuseMatch[]>();
  for (const m of matches) {
    const list = byDoc.get(m.docId);
    if (list) list.push(m); else byDoc.set(m.docId, [m]);
  }
  const joined: ReuseMatch[] = [];
  for (const list of byDoc.values()) {
    list.sort((x, y) => x.dStart - y.dStart || y.dEnd - x.dEnd);
    let cur = list[0];
    for (let i = 1; i < list.length; i++) {
      const m = list[i];
      if (joinable(cur, m, minWords)) cur = join(cur, m);
      else { joined.push(cur); cur = m; }
    }
    joined.push(cur);
  }
  const long = joined.filter((m) => m.dEnd - m.dStart >= minWords);
  long.sort((x, y) => y.similarity - x.similarity || (y.dEnd - y.dStart) - (x.dEnd - x.dStart) || x.docId - y.docId);
  const passages: { dStart: number; dEnd: number; matches: ReuseMatch[] }[] = [];
  for (const m of long) {
    const p = passages.find((q) => overlap(q.dStart, q.dEnd, m.dStart, m.dEnd) * 2 >= Math.min(q.dEnd - q.dStart, m.dEnd - m.dStart));
    if (p) { if (!p.matches.some((x) => x.docId === m.docId)) p.matches.push(m); }
    else passages.push({ dStart: m.dStart, dEnd: m.dEnd, matches: [m] });
  }
  return passages.sort((x, y) => x.dStart - y.dStart);
}

/** Words a piece must have to be joined with a neighbour: shorter ones are chance agreements. */
const MIN_PIECE = 8;

/**
 * Two matches of one statement form one passage when they abut in the draft, one of them is too
 * short to report alone, and their source passages lie close together (short sentences of one
 * paragraph, perhaps reordered). Matches long enough on their own stay separate findings.
 */
function joinable(a: ReuseMatch, b: ReuseMatch, minWords: number): boolean {
  if (b.dStart > a.dEnd + 1) return false;
  if (b.dEnd <= a.dEnd) return true; // contained
  const shorter = Math.min(a.dEnd - a.dStart, b.dEnd - b.dStart);
  if (shorter < MIN_PIECE || (a.dEnd - a.dStart >= minWords && b.dEnd - b.dStart >= minWords)) return false;
  const dLen = Math.max(a.dEnd, b.dEnd) - Math.min(a.dStart, b.dStart);
  const sHull = Math.max(a.sEnd, b.sEnd) - Math.min(a.sStart, b.sStart);
  return sHull <= dLen + 2 * MIN_PIECE;
}

function join(a: ReuseMatch, b: ReuseMatch): ReuseMatch {
  if (b.dEnd <= a.dEnd && b.dStart >= a.dStart) return a.matched >= b.matched ? a : b.dEnd - b.dStart > a.dEnd - a.dStart ? b : a;
  const dStart = Math.min(a.dStart, b.dStart), dEnd = Math.max(a.dEnd, b.dEnd);
  const sStart = Math.min(a.sStart, b.sStart), sEnd = Math.max(a.sEnd, b.sEnd);
  const shared = overlap(a.dStart, a.dEnd, b.dStart, b.dEnd);
  const matched = a.matched + b.matched - shared;
  const longest = Math.max(dEnd - dStart, Math.min(sEnd - sStart, (a.sEnd - a.sStart) + (b.sEnd - b.sStart)));
  return { docId: a.docId, dStart, dEnd, sStart, sEnd, matched, similarity: Math.min(1, matched / longest) };
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Runs of stock k-grams long enough to be a passage, outside any reuse finding. */
function commonRuns(counts: Uint32Array, from: number, passages: readonly ReusePassage[], minWords: number): CommonPassage[] {
  const out: CommonPassage[] = [];
  let g = 0;
  while (g < counts.length) {
    if (!counts[g]) { g++; continue; }
    let end = g, min = counts[g];
    // a run tolerates one uncommon k-gram between common ones (a typo, a changed word)
    while (end + 1 < counts.length && (counts[end + 1] || (end + 2 < counts.length && counts[end + 2]))) {
      end++;
      if (counts[end]) min = Math.min(min, counts[end]);
    }
    const dStart = from + g, dEnd = from + end + K;
    if (dEnd - dStart >= minWords && !passages.some((p) => overlap(p.dStart, p.dEnd, dStart, dEnd) * 2 >= dEnd - dStart)) {
      out.push({ dStart, dEnd, statementCount: min });
    }
    g = end + 1;
  }
  return out;
}
