// Scoring: what the detector said about each planted case, and the measures of the PAN
// plagiarism-detection shared task (Potthast, Stein, Barrón-Cedeño & Rosso, "An Evaluation
// Framework for Plagiarism Detection", COLING 2010), micro-averaged over characters:
//
//   a detection r detects a case s when they share characters and r names s's source;
//   s ⊓ r = s ∩ r if r detects s, else ∅
//   precision   = |⋃ (s ⊓ r)| / |⋃ r|       (over all detections, all drafts)
//   recall      = |⋃ (s ⊓ r)| / |⋃ s|       (over all cases)
//   granularity = mean number of detections that detect a detected case (1 = one finding per case)
//   plagdet     = F1 / log2(1 + granularity)
//
// Characters are those of the drafts (the suspicious documents). PAN counts the source side too;
// here "names s's source" checks the source statement, and the source spans are scored apart
// (sourceSpan below), since one finding lists several statements.
import type { Finding, Span } from '../server/src/core/types';
import type { Case } from './cases';
import { isoOf } from './ungdc';

export const isWarning = (f: Finding) => f.code === 'reuse.verbatim' || f.code === 'reuse.edited';

/** Why a case was missed, most telling first. */
export type FailureMode =
  | 'fragmented' // warnings naming the right statement cover half the passage only together
  | 'partly flagged' // warnings naming the right statement cover less than half of it, even together
  | 'wrong source' // a warning covers it but names neither its statement nor a statement holding the same text
  | 'reported as common' // only a reuse.common information covers it
  | 'not flagged'; // nothing at all

export interface CaseOutcome {
  /** One warning naming the right statement covers at least half the planted characters. */
  readonly found: boolean;
  /** Warnings naming the right statement cover at least half of them together. */
  readonly foundTogether: boolean;
  /** Share of the planted characters covered by the best single detecting warning, and by all of them. */
  readonly coverage: number;
  readonly unionCoverage: number;
  /** Warnings that detect the case (share characters and name the right statement). */
  readonly detections: number;
  /** Found cases: the best warning's first source is the statement or one holding the same text. */
  readonly top1?: boolean;
  /** Top-1 wrong, but the statement is listed with the first source's similarity (a tie). */
  readonly top1Tie?: boolean;
  readonly failure?: FailureMode;
  /** Warnings in the draft that detect nothing: false warnings of the positive set. */
  readonly stray: readonly Finding[];
  /** Of those, warnings whose first source is the same country as the new paragraph they lie on (probable real reuse). */
  readonly straySelfReuse: number;
  /** PAN sums for this draft, and the characters of the warnings that detect the case. */
  readonly chars: { detected: number; cases: number; detections: number; detecting: number };
  /** The source span the best warning gives in the true statement, against the planted passage's. */
  readonly sourceSpan?: { overlap: number; reported: number; truth: number };
}

export function scoreCase(c: Case, findings: readonly Finding[]): CaseOutcome {
  const accepted = new Set([c.source.path, ...c.twins]);
  const s = c.planted;
  const size = s.end - s.start;
  const warnings = findings.filter(isWarning);
  const names = (f: Finding) => f.sources.some((x) => accepted.has(x.path));
  const detecting = warnings.filter((f) => overlap(f.span, s) > 0 && names(f));
  const stray = warnings.filter((f) => !detecting.includes(f));
  const best = [...detecting].sort((x, y) => overlap(y.span, s) - overlap(x.span, s))[0];
  const coverage = best ? overlap(best.span, s) / size : 0;
  const detected = unionLength(detecting.map((f) => intersect(f.span, s)));
  const unionCoverage = detected / size;
  const found = coverage >= 0.5;
  let top1: boolean | undefined, top1Tie: boolean | undefined, sourceSpan: CaseOutcome['sourceSpan'];
  if (found) {
    top1 = accepted.has(best.sources[0].path);
    const truth = best.sources.find((x) => x.path === c.source.path);
    top1Tie = !top1 && !!truth && truth.similarity === best.sources[0].similarity;
    if (truth) sourceSpan = { overlap: overlap(truth.span, c.source.span), reported: truth.span.end - truth.span.start, truth: c.source.span.end - c.source.span.start };
  }
  return {
    found, foundTogether: unionCoverage >= 0.5, coverage, unionCoverage, detections: detecting.length,
    top1, top1Tie, sourceSpan, stray, straySelfReuse: stray.filter((f) => isSelfReuse(c, f)).length,
    failure: found ? undefined : failureOf(c, findings, detecting, unionCoverage),
    chars: { detected, cases: size, detections: unionLength(warnings.map((f) => f.span)), detecting: unionLength(detecting.map((f) => f.span)) },
  };
}

/** A warning on new text whose first source is the country of the held-out statement that text comes from. */
function isSelfReuse(c: Case, f: Finding): boolean {
  const iso = isoOf(f.sources[0].path);
  return c.newText.some((p) => overlap(p.span, f.span) > 0 && isoOf(p.path) === iso);
}

function failureOf(c: Case, findings: readonly Finding[], detecting: readonly Finding[], unionCoverage: number): FailureMode {
  if (detecting.length) return unionCoverage >= 0.5 ? 'fragmented' : 'partly flagged';
  const over = findings.filter((f) => overlap(f.span, c.planted) > 0);
  if (over.some(isWarning)) return 'wrong source';
  if (over.some((f) => f.code === 'reuse.common')) return 'reported as common';
  return 'not flagged';
}

/** The PAN measures and the case-level ones over a group of cases. */
export interface Scores {
  readonly cases: number;
  readonly found: number;
  readonly recall: number;
  /** Recall when several warnings may share a case (no fragmentation penalty). */
  readonly recallTogether: number;
  readonly charPrecision: number;
  readonly charRecall: number;
  /** Precision of the warnings that detect a case only: how well their spans fit the planted passages. */
  readonly spanPrecision: number;
  readonly granularity: number;
  readonly plagdet: number;
  readonly top1: number;
  readonly top1Ties: number;
  readonly sourceSpanPrecision: number;
  readonly sourceSpanRecall: number;
  /** Warnings in these drafts that detect no case, and those of them that are probable self-reuse in the new text. */
  readonly strayWarnings: number;
  readonly straySelfReuse: number;
  readonly failures: Partial<Record<FailureMode, number>>;
}

export function aggregate(outcomes: readonly CaseOutcome[]): Scores {
  let detected = 0, caseChars = 0, detectionChars = 0, detectingChars = 0, detectedCases = 0, detections = 0;
  let srcOverlap = 0, srcReported = 0, srcTruth = 0;
  const failures: Partial<Record<FailureMode, number>> = {};
  for (const o of outcomes) {
    detected += o.chars.detected; caseChars += o.chars.cases; detectionChars += o.chars.detections; detectingChars += o.chars.detecting;
    if (o.detections) { detectedCases++; detections += o.detections; }
    if (o.sourceSpan) { srcOverlap += o.sourceSpan.overlap; srcReported += o.sourceSpan.reported; srcTruth += o.sourceSpan.truth; }
    if (o.failure) failures[o.failure] = (failures[o.failure] ?? 0) + 1;
  }
  const found = outcomes.filter((o) => o.found);
  const precision = ratio(detected, detectionChars, 1);
  const recall = ratio(detected, caseChars, 0);
  const granularity = detectedCases ? detections / detectedCases : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    cases: outcomes.length,
    found: found.length,
    recall: ratio(found.length, outcomes.length, 0),
    recallTogether: ratio(outcomes.filter((o) => o.foundTogether).length, outcomes.length, 0),
    charPrecision: precision,
    charRecall: recall,
    spanPrecision: ratio(detected, detectingChars, 1),
    granularity,
    plagdet: f1 / Math.log2(1 + granularity),
    top1: ratio(found.filter((o) => o.top1).length, found.length, 0),
    top1Ties: found.filter((o) => o.top1Tie).length,
    sourceSpanPrecision: ratio(srcOverlap, srcReported, 1),
    sourceSpanRecall: ratio(srcOverlap, srcTruth, 0),
    strayWarnings: outcomes.reduce((n, o) => n + o.stray.length, 0),
    straySelfReuse: outcomes.reduce((n, o) => n + o.straySelfReuse, 0),
    failures,
  };
}

export function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function intersect(a: Span, b: Span): Span {
  return { start: Math.max(a.start, b.start), end: Math.max(Math.max(a.start, b.start), Math.min(a.end, b.end)) };
}

/** Characters covered by a set of spans. */
export function unionLength(spans: readonly Span[]): number {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  let total = 0, start = -1, end = -1;
  for (const s of sorted) {
    if (s.start > end) { total += end - start; start = s.start; end = s.end; }
    else end = Math.max(end, s.end);
  }
  return total + (end - start);
}

function ratio(a: number, b: number, empty: number): number {
  return b ? a / b : empty;
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
