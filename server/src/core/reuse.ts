// Reuse detection: which passages of a draft come from corpus statements, and from where.
//
// 1. Seed: look up every k-gram of the draft among the corpus's winnowed fingerprints. A k-gram
//    found in as many statements as make a passage common is a stock phrase: it seeds nothing, it
//    is only counted (common runs of them become `reuse.common`).
// 2. Chain: per statement, seeds close together in the draft and on nearby diagonals (source
//    position - draft position) form a candidate. A lone seed is a chance agreement of four words
//    and reads nothing, unless a confirmed candidate of the same statement lies near it (a short
//    sentence moved within a copied paragraph).
// 3. Extend: align word by word around each candidate's first seed that no earlier alignment
//    covers (align.ts); the walk steps over a few changed words and finds where the reuse really
//    starts and ends. Reordered sentences give separate alignments.
// 4. Merge: candidates of one statement that abut in the draft (reordered sentences) join; the
//    same draft passage found in several statements becomes one finding with every source, best
//    first.
import { alignAround, type Alignment } from './align';
import { docOf, lookupInto } from './corpus-index';
import type { Corpus } from './corpus';
import { K, kgramHashes, W } from './fingerprint';
import type { Words } from './words';
import type { Span } from './types';

export interface ReuseOptions {
  /** Shortest reported passage, in draft words. */
  minWords: number;
  /** A passage found in at least this many statements is a common passage, not a copy of one; a k-gram found this
   *  often seeds nothing (no candidate it seeds could be a copy of one statement), it is only counted. */
  commonSources: number;
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
  /** The longest run of words draft and source share without an edit. */
  readonly longestRun: number;
  /** One alignment, word for word, in order: what `reuse.verbatim` means. Joined pieces never are. */
  readonly exact: boolean;
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

/**
 * The words of a corpus statement, re-read on demand (the index keeps no corpus text). A method on a class rather
 * than a closure: a new closure per service (one per corpus state) made V8 drop findReuse's optimised code at this
 * call on and on ("wrong call target", bench/keystroke.ts LECTERN_KEYSTROKE_GC=1 --trace-deopt).
 */
export interface SourceWords { words(docId: number): Words | undefined }

export function findReuse(draft: Words, corpus: Corpus, sourceWords: SourceWords, options: ReuseOptions, range?: Span): ReuseResult {
  const { from, to } = wordRange(draft, range);
  const grams = kgramHashes(draft.hash, from, to);
  const gramCount = new Uint32Array(grams.length);
  // Seeds in flat arrays, then grouped by statement with one numeric sort: most statements get a
  // single chance seed; this replaced a list per statement and took a 5,052-word check on UNGDC
  // from 6.9 to 4.8 ms median (measured).
  const size = Math.max(1024, 4 * grams.length);
  let seedDoc: Uint32Array = new Uint32Array(size), seedD: Uint32Array = new Uint32Array(size), seedS: Uint32Array = new Uint32Array(size);
  const skipping = options.excludeDocs.size > 0 || corpus.removed.size > 0;
  let n = 0;
  const ranges = new Uint32Array(2 * corpus.layers.length);
  // fingerprints of removed statements (old versions of changed files) stay in their layers until
  // compaction: they must not count, or a file changed twice would make its own passages common
  const removed = corpus.removed.size ? removedSpans(corpus) : undefined;
  for (let g = 0; g < grams.length; g++) {
    let count = 0;
    for (let l = 0; l < corpus.layers.length; l++) count += lookupInto(corpus.layers[l].index, grams[g], ranges, 2 * l);
    if (removed && count) count -= removedAmong(corpus, ranges, removed);
    gramCount[g] = count;
    if (count === 0 || count >= options.commonSources) continue;
    for (let l = 0; l < corpus.layers.length; l++) {
      const { index, firstDoc } = corpus.layers[l];
      for (let p = ranges[2 * l]; p < ranges[2 * l + 1]; p++) {
        const pos = index.fpPos[p];
        const local = docOf(index, pos);
        const doc = firstDoc + local;
        if (skipping && (options.excludeDocs.has(doc) || corpus.removed.has(doc))) continue;
        if (n === seedDoc.length) { seedDoc = grow(seedDoc); seedD = grow(seedD); seedS = grow(seedS); }
        seedDoc[n] = doc; seedD[n] = from + g; seedS[n] = pos - index.docStart[local]; n++;
      }
    }
  }
  // most statements get a single chance seed: count seeds per statement first and sort only those
  // of statements with two or more (the groups and their order are the same as sorting all)
  const perDoc = docCounts(corpus.idCount);
  for (let i = 0; i < n; i++) perDoc[seedDoc[i]]++;
  let kept = 0;
  for (let i = 0; i < n; i++) if (perDoc[seedDoc[i]] >= 2) kept++;
  const order = new Float64Array(kept);
  for (let i = 0, k = 0; i < n; i++) if (perDoc[seedDoc[i]] >= 2) order[k++] = seedDoc[i] * 0x1000000 + i;
  for (let i = 0; i < n; i++) perDoc[seedDoc[i]] = 0;
  order.sort();
  n = kept;
  const seedsByDoc: [number, number[]][] = [];
  for (let a = 0; a < n;) {
    const doc = seedDoc[order[a] % 0x1000000];
    let b = a + 1;
    while (b < n && seedDoc[order[b] % 0x1000000] === doc) b++;
    if (b - a >= 2) {
      const seeds: number[] = [];
      for (let k = a; k < b; k++) { const i = order[k] % 0x1000000; seeds.push(seedD[i], seedS[i]); }
      seedsByDoc.push([doc, seeds]);
    }
    a = b;
  }

  const matches: ReuseMatch[] = [];
  for (const [docId, seeds] of seedsByDoc) {
    const chains = chainSeeds(seeds);
    // two agreeing seeds: a lone seed is a chance agreement of four words, and reads nothing
    const confirmed = chains.filter((c) => c.seeds.length >= 4);
    if (!confirmed.length) continue;
    const source = sourceWords.words(docId);
    if (!source) continue;
    const done: Alignment[] = [];
    for (const c of chains) {
      if (c.seeds.length < 4 && !confirmed.some((k) => Math.abs(k.d - c.d) <= NEAR && Math.abs(k.s - c.s) <= 2 * NEAR)) continue;
      for (let i = 0; i < c.seeds.length; i += 2) {
        const d = c.seeds[i], s = c.seeds[i + 1];
        if (done.some((a) => d >= a.dStart && d < a.dEnd && s >= a.sStart && s < a.sEnd)) continue;
        const a = alignAround(draft.hash, source.hash, d, s, from, to);
        done.push(a);
        if (a.dEnd - a.dStart >= K) matches.push(toMatch(docId, a));
      }
    }
  }
  const passages: ReusePassage[] = [];
  const common: CommonPassage[] = [];
  for (const p of mergePassages(matches, options.minWords)) {
    // common: found nearly whole in many statements (a quotation some of them share is not the passage)
    const holders = p.matches.filter((m) => (m.dEnd - m.dStart) * 5 >= (p.dEnd - p.dStart) * 4).length;
    if (holders >= options.commonSources) common.push({ dStart: p.dStart, dEnd: p.dEnd, statementCount: p.matches.length });
    else if (specific(gramCount, p, from) && (!patchy(p.matches[0]) || particularGrams(gramCount, p, from) >= PATCHY_PARTICULAR)) passages.push(p);
  }
  for (let g = 0; g < gramCount.length; g++) if (gramCount[g] < options.commonSources) gramCount[g] = 0;
  common.push(...commonRuns(gramCount, from, passages, common, options.minWords));
  return { passages, common: common.sort((a, b) => a.dStart - b.dStart) };
}

/**
 * Per layer, the word positions of its removed statements as sorted [start, end) pairs. Testing a
 * fingerprint's position against them replaces finding its statement (a binary search over every
 * statement) and looking that up among the removed: 7 ms of a check after a file change (profile).
 */
function removedSpans(corpus: Corpus): Float64Array[] {
  // a corpus never changes once made: its spans are worked out once, not on every keystroke's check
  let spans = REMOVED_SPANS.get(corpus);
  if (!spans) REMOVED_SPANS.set(corpus, spans = spansOfRemoved(corpus));
  return spans;
}
const REMOVED_SPANS = new WeakMap<Corpus, Float64Array[]>();

function spansOfRemoved(corpus: Corpus): Float64Array[] {
  return corpus.layers.map(({ index, firstDoc }) => {
    const local = [...corpus.removed].map((id) => id - firstDoc).filter((d) => d >= 0 && d < index.statements.length).sort((a, b) => a - b);
    const spans = new Float64Array(2 * local.length);
    local.forEach((d, i) => { spans[2 * i] = index.docStart[d]; spans[2 * i + 1] = index.docStart[d + 1]; });
    return spans;
  });
}

/** How many of the fingerprints in `ranges` (per layer) belong to removed statements. */
function removedAmong(corpus: Corpus, ranges: Uint32Array, spans: readonly Float64Array[]): number {
  let n = 0;
  for (let l = 0; l < corpus.layers.length; l++) {
    const s = spans[l];
    if (!s.length) continue;
    const pos = corpus.layers[l].index.fpPos;
    const first = s[0], last = s[s.length - 1];
    for (let p = ranges[2 * l]; p < ranges[2 * l + 1]; p++) {
      const x = pos[p];
      if (x < first || x >= last) continue;
      // the last span starting at or before x
      let lo = 0, hi = s.length / 2 - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >>> 1; if (s[2 * mid] <= x) lo = mid; else hi = mid - 1; }
      if (x < s[2 * lo + 1]) n++;
    }
  }
  return n;
}

function wordRange(words: Words, range?: Span): { from: number; to: number } {
  if (!range) return { from: 0, to: words.count };
  let from = 0;
  while (from < words.count && words.start[from] < range.start) from++;
  let to = from;
  while (to < words.count && words.end[to] <= range.end) to++;
  return { from, to };
}

/** Seeds further apart than this in the draft (words) do not chain. */
const CHAIN_GAP = 16;
/** Seeds whose diagonals differ by more than this do not chain (a few inserted or deleted words). */
const DIAGONAL_SLACK = 6;
/** How near (draft words) a lone seed must be to a confirmed candidate to be aligned too. */
const NEAR = 40;

/** Per-statement seed counts, all zero between calls (each call clears what it counted). */
let docCountScratch = new Uint32Array(0);
function docCounts(ids: number): Uint32Array {
  if (docCountScratch.length < ids) docCountScratch = new Uint32Array(Math.max(ids, 2 * docCountScratch.length));
  return docCountScratch;
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

interface Chain { d: number; s: number; diag: number; lastD: number; seeds: number[] }

/** Groups one statement's seeds (flat [draft, source, ...] pairs) into chains, by draft position. */
function chainSeeds(seeds: number[]): Chain[] {
  const order: number[] = [];
  for (let i = 0; i < seeds.length; i += 2) order.push(i);
  order.sort((x, y) => seeds[x] - seeds[y] || seeds[x + 1] - seeds[y + 1]);
  const chains: Chain[] = [];
  let open: Chain[] = [];
  for (const i of order) {
    const d = seeds[i], s = seeds[i + 1], diag = s - d;
    open = open.filter((c) => d - c.lastD <= CHAIN_GAP);
    const c = open.find((o) => Math.abs(diag - o.diag) <= DIAGONAL_SLACK);
    if (c) { c.seeds.push(d, s); c.lastD = d; c.diag = diag; continue; }
    const fresh = { d, s, diag, lastD: d, seeds: [d, s] };
    open.push(fresh);
    chains.push(fresh);
  }
  return chains;
}

function toMatch(docId: number, a: Alignment): ReuseMatch {
  const longest = Math.max(a.dEnd - a.dStart, a.sEnd - a.sStart);
  const dLen = a.dEnd - a.dStart;
  return { docId, dStart: a.dStart, dEnd: a.dEnd, sStart: a.sStart, sEnd: a.sEnd, matched: a.matched, similarity: longest ? a.matched / longest : 0, longestRun: a.longestRun, exact: a.matched === dLen && dLen === a.sEnd - a.sStart };
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
    for (let i = 0; i < list.length;) {
      const j = abuttingRun(list, i);
      if (j - i > 1 && compact(list, i, j)) joined.push(list.slice(i + 1, j).reduce(join, list[i]));
      else {
        let cur = list[i];
        for (let k = i + 1; k < j; k++) {
          if (joinable(cur, list[k])) cur = join(cur, list[k]);
          else { joined.push(cur); cur = list[k]; }
        }
        joined.push(cur);
      }
      i = j;
    }
  }
  const long = joined.filter((m) => m.matched >= minWords && (m.similarity >= 0.8 || m.matched >= 1.5 * minWords));
  // the longest first: a short passage many statements share (a quotation) inside a long copy is one of its sources, not the finding
  long.sort((x, y) => y.matched - x.matched || y.similarity - x.similarity || x.docId - y.docId);
  const passages: { dStart: number; dEnd: number; matches: ReuseMatch[] }[] = [];
  for (const m of long) {
    const p = passages.find((q) => overlap(q.dStart, q.dEnd, m.dStart, m.dEnd) * 2 >= Math.min(q.dEnd - q.dStart, m.dEnd - m.dStart));
    if (p) { if (!p.matches.some((x) => x.docId === m.docId)) p.matches.push(m); }
    else passages.push({ dStart: m.dStart, dEnd: m.dEnd, matches: [m] });
  }
  return passages.sort((x, y) => x.dStart - y.dStart);
}

/** Draft words between two pieces of one source passage taken together (edited words at a sentence boundary). */
const RUN_GAP = 4;
/**
 * A short edited match whose shared words come in runs of a few words between edits is paraphrase,
 * genre phrasing or the name of a conference with its dates far more often than a copy, unless most
 * of its k-grams are particular to its sources. On the UNGDC evaluation, asking such a match (under
 * 30 draft words, no unedited run of 11) for 6 particular k-grams took false warnings on new text
 * from 0.86 to 0.21 per 10,000 words and character precision from 0.979 to 0.991, for lightly-edited
 * recall 0.991 to 0.982 (eval/results.md).
 */
const SHORT_EDITED = 30;
const MIN_EDITED_RUN = 11;
const PATCHY_PARTICULAR = 6;

function patchy(m: ReuseMatch): boolean {
  return !m.exact && m.dEnd - m.dStart < SHORT_EDITED && m.longestRun < MIN_EDITED_RUN;
}

/** Words a piece must have to be joined with a neighbour: shorter ones are chance agreements. */
const MIN_PIECE = 8;

/**
 * Two matches of one statement form one passage when they abut in the draft (at most a word
 * between them) and their source passages lie close together: the sentences of one source
 * paragraph, reordered or with a sentence rewritten between them, are one reuse, not several.
 * Pieces apart in the draft stay separate findings.
 */
function joinable(a: ReuseMatch, b: ReuseMatch): boolean {
  if (b.dStart > a.dEnd + 1) return false;
  if (b.dEnd <= a.dEnd) return true; // contained
  if (Math.min(a.dEnd - a.dStart, b.dEnd - b.dStart) < MIN_PIECE) return false;
  const dLen = Math.max(a.dEnd, b.dEnd) - Math.min(a.dStart, b.dStart);
  const sHull = Math.max(a.sEnd, b.sEnd) - Math.min(a.sStart, b.sStart);
  return sHull <= dLen + 2 * MIN_PIECE;
}

/** End of the run of matches from `i` that overlap or lie at most RUN_GAP words apart in the draft (sorted by start). */
function abuttingRun(list: readonly ReuseMatch[], i: number): number {
  let end = list[i].dEnd, j = i + 1;
  while (j < list.length && list[j].dStart <= end + RUN_GAP) end = Math.max(end, list[j++].dEnd);
  return j;
}

/**
 * Do abutting matches [i, j) come from one compact source passage, taken together? Sentences 1, 3,
 * 2 of a paragraph fail the pairwise test when sentence 2 is long (1 and 3 lie apart in the source)
 * but their union covers the source passage exactly.
 */
function compact(list: readonly ReuseMatch[], i: number, j: number): boolean {
  let dStart = Infinity, dEnd = 0, sStart = Infinity, sEnd = 0, sWords = 0;
  for (let k = i; k < j; k++) {
    const m = list[k];
    if (m.dEnd - m.dStart < MIN_PIECE) return false;
    dStart = Math.min(dStart, m.dStart); dEnd = Math.max(dEnd, m.dEnd);
    sStart = Math.min(sStart, m.sStart); sEnd = Math.max(sEnd, m.sEnd);
    sWords += m.sEnd - m.sStart;
  }
  // and distinct parts of it: one source passage used twice in the draft is two findings
  return sEnd - sStart <= dEnd - dStart + 2 * MIN_PIECE && sWords <= sEnd - sStart + MIN_PIECE;
}

function join(a: ReuseMatch, b: ReuseMatch): ReuseMatch {
  if (b.dEnd <= a.dEnd && b.dStart >= a.dStart) return a.matched >= b.matched ? a : b.dEnd - b.dStart > a.dEnd - a.dStart ? b : a;
  const dStart = Math.min(a.dStart, b.dStart), dEnd = Math.max(a.dEnd, b.dEnd);
  const sStart = Math.min(a.sStart, b.sStart), sEnd = Math.max(a.sEnd, b.sEnd);
  const shared = overlap(a.dStart, a.dEnd, b.dStart, b.dEnd);
  const matched = a.matched + b.matched - shared;
  // in order, words skipped between the pieces in the source count as deleted; reordered, only the pieces count
  const inOrder = b.sStart >= a.sEnd;
  const sourceWords = inOrder ? sEnd - sStart : Math.min(sEnd - sStart, (a.sEnd - a.sStart) + (b.sEnd - b.sStart));
  const longest = Math.max(dEnd - dStart, sourceWords);
  return { docId: a.docId, dStart, dEnd, sStart, sEnd, matched, similarity: Math.min(1, matched / longest), longestRun: Math.max(a.longestRun, b.longestRun), exact: false };
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Fingerprints seen at most this often mark a k-gram as particular to a few statements. */
const RARE = 2;
/** Passages this long (matched words) are reuse whatever their phrasing. */
const LONG_PASSAGE = 25;
/** How particular a shorter passage must be: about two k-grams found in its source statement only. */
const MIN_SPECIFICITY = 2;

/**
 * Is a passage particular to its sources, rather than phrasing that statements share by chance or
 * by genre ("it is our duty to do whatever lies in our power to", a resolution's title)? Each of
 * its k-grams that the corpus holds adds 1/count: a gram only the source has adds 1, one that
 * twenty statements have adds 0.05. Measured on UNGDC (eval/), short passages shared by a few
 * statements of other countries were most of the false warnings; a true copy of 12 words has at
 * least two fingerprints found in its source only (window 4), so it passes.
 */
function specific(counts: Uint32Array, p: ReusePassage, from: number): boolean {
  if (p.matches[0].matched >= LONG_PASSAGE) return rareGrams(counts, p.dStart - from, p.dEnd - from) >= 1;
  return specificity(counts, p, from) >= MIN_SPECIFICITY;
}

/** Σ 1/count over the passage's k-grams that the corpus holds. */
function specificity(counts: Uint32Array, p: ReusePassage, from: number): number {
  let sum = 0;
  for (let g = Math.max(0, p.dStart - from); g <= p.dEnd - from - K && g < counts.length; g++) if (counts[g] > 0) sum += 1 / counts[g];
  return sum;
}

/** How many k-grams of draft words [a, b) the corpus holds at most RARE times. */
function rareGrams(counts: Uint32Array, a: number, b: number): number {
  let n = 0;
  for (let g = Math.max(0, a); g <= b - K && g < counts.length; g++) if (counts[g] > 0 && counts[g] <= RARE) n++;
  return n;
}

/** How many k-grams of a passage the corpus holds only in about as many statements as the passage was found in. */
function particularGrams(counts: Uint32Array, p: ReusePassage, from: number): number {
  const most = Math.max(RARE, p.matches.length);
  let n = 0;
  for (let g = Math.max(0, p.dStart - from); g <= p.dEnd - from - K && g < counts.length; g++) if (counts[g] > 0 && counts[g] <= most) n++;
  return n;
}

/** Whether one of `found` covers half of [dStart, dEnd) or more. */
function covered(found: readonly { dStart: number; dEnd: number }[], dStart: number, dEnd: number): boolean {
  for (let i = 0; i < found.length; i++) if (overlap(found[i].dStart, found[i].dEnd, dStart, dEnd) * 2 >= dEnd - dStart) return true;
  return false;
}

/**
 * Runs of stock k-grams long enough to be a passage, not half covered by a passage found already (`passages`,
 * `common`). The two lists are passed as they are: spreading `common.map(...)` into one list made the optimised
 * findReuse bail out ("wrong map", node --trace-deopt) on each of a draft's 100 timed keystrokes in bench/keystroke.ts.
 */
function commonRuns(counts: Uint32Array, from: number, passages: readonly ReusePassage[], common: readonly CommonPassage[], minWords: number): CommonPassage[] {
  const out: CommonPassage[] = [];
  let g = 0;
  while (g < counts.length) {
    if (!counts[g]) { g++; continue; }
    let end = g, min = counts[g];
    // the index keeps one k-gram in every W (winnowing): up to W - 1 k-grams between two common ones
    // are not stored, and the run goes on over them
    for (;;) {
      let next = end + 1;
      while (next < counts.length && next < end + W && !counts[next]) next++;
      if (next >= counts.length || !counts[next]) break;
      end = next;
      min = Math.min(min, counts[end]);
    }
    const dStart = from + g, dEnd = from + end + K;
    if (dEnd - dStart >= minWords && !covered(passages, dStart, dEnd) && !covered(common, dStart, dEnd)) {
      out.push({ dStart, dEnd, statementCount: min });
    }
    g = end + 1;
  }
  return out;
}
