// Drafts of held-out text with nothing planted. Held-out statements are not in the index, but
// their text can still really come from indexed ones: countries repeat their own paragraphs year
// after year. So every warning here is sorted by the country of the source the tool names first:
// the same country as the draft is probable self-reuse (a true warning), another country a false
// warning; samples of both go to the report for a person to check.
import type { LecternService } from '../server/src/core/service';
import type { Finding } from '../server/src/core/types';
import type { NegativeDraft } from './cases';
import { isWarning } from './metrics';
import { countWords, excerpt, normalWords } from './text';
import { isoOf } from './ungdc';

export interface NegativeWarning {
  /** The held-out statement the draft text comes from. */
  readonly statement: string;
  readonly verdict: 'probable self-reuse' | 'false warning';
  readonly code: Finding['code'];
  readonly words: number;
  readonly similarity: number;
  /** Longest run of words the warned passage and its first source's passage have in common (own normalisation). */
  readonly longestCommonRun: number;
  /** The first source the tool names, and every source. */
  readonly source: string;
  readonly sources: readonly string[];
  /** A false warning whose later sources include the draft's own country. */
  readonly sameCountryListed: boolean;
  readonly draftExcerpt: string;
  readonly sourceExcerpt: string;
}

export interface NegativeResults {
  readonly drafts: number;
  readonly words: number;
  readonly warnings: readonly NegativeWarning[];
  readonly selfReuse: number;
  readonly falseWarnings: number;
  /** False warnings per 10,000 words of negative text. */
  readonly falsePer10k: number;
  /** Held-out paragraphs that drew a warning of either kind. */
  readonly warned: ReadonlySet<number>;
  readonly checkMillis: readonly number[];
}

export function checkNegatives(service: LecternService, drafts: readonly NegativeDraft[], textOf: (path: string) => string): NegativeResults {
  const warnings: NegativeWarning[] = [];
  const warned = new Set<number>();
  const checkMillis: number[] = [];
  let words = 0;
  for (const d of drafts) {
    words += d.words;
    const t0 = performance.now();
    const { findings } = service.check({ text: d.text });
    checkMillis.push(performance.now() - t0);
    const iso = isoOf(d.path);
    for (const f of findings.filter(isWarning)) {
      for (const p of d.paragraphs) if (p.span.start < f.span.end && f.span.start < p.span.end) warned.add(p.id);
      const best = f.sources[0];
      const self = isoOf(best.path) === iso;
      const passage = d.text.slice(f.span.start, f.span.end);
      const sourcePassage = textOf(best.path).slice(best.span.start, best.span.end);
      warnings.push({
        statement: d.path,
        verdict: self ? 'probable self-reuse' : 'false warning',
        code: f.code,
        words: countWords(passage),
        similarity: best.similarity,
        longestCommonRun: longestCommonRun(normalWords(passage), normalWords(sourcePassage)),
        source: best.path,
        sources: f.sources.map((s) => s.path),
        sameCountryListed: !self && f.sources.some((s) => isoOf(s.path) === iso),
        draftExcerpt: excerpt(passage, 400),
        sourceExcerpt: excerpt(sourcePassage, 400),
      });
    }
  }
  const falseWarnings = warnings.filter((w) => w.verdict === 'false warning').length;
  return {
    drafts: drafts.length, words, warnings, warned, checkMillis,
    selfReuse: warnings.length - falseWarnings,
    falseWarnings,
    falsePer10k: words ? (falseWarnings / words) * 10_000 : 0,
  };
}

/** Longest common run of words of two word lists (dynamic programming, one row); its length and where it ends in `a`. */
function longestRun(a: readonly string[], b: readonly string[]): { length: number; endA: number } {
  let best = 0, endA = 0;
  let prev = new Uint32Array(b.length + 1), cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : 0;
      if (cur[j] > best) { best = cur[j]; endA = i; }
    }
    [prev, cur] = [cur, prev];
  }
  return { length: best, endA };
}

export function longestCommonRun(a: readonly string[], b: readonly string[]): number {
  return longestRun(a, b).length;
}

/** The longest run of words `a` and `b` have in common, as normalised words. */
export function longestCommonText(a: string, b: string): string {
  const wa = normalWords(a);
  const run = longestRun(wa, normalWords(b));
  return wa.slice(run.endA - run.length, run.endA).join(' ');
}
