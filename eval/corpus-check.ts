// The archive checked against itself: every statement against all the others (itself excluded),
// as a writer checking an old statement would. ~10 ms a statement, so two threads share the work. Reuse in UNGDC is real and mostly a country
// repeating itself, so the counts say how much the tool finds and whether it names the earlier
// statement as the source; the known cases are compared with an independent count of shared text.
import { IndexBuilder } from '../server/src/core/corpus-index';
import { createLecternService, type LecternService } from '../server/src/core/service';
import type { Finding, Span } from '../server/src/core/types';
import { isWarning, median, unionLength } from './metrics';
import { countWords, normalWords } from './text';
import { isoOf, yearOf, type Statement } from './ungdc';

/** Reuse a person has confirmed in UNGDC: the statement checked, and the statements it shares text with. */
export const KNOWN_CASES: readonly { label: string; checked: string; expected: readonly string[] }[] = [
  { label: 'Grenada 2001 vs 2019-2020', checked: '2001/GRD_56_2001.txt', expected: ['2019/GRD_74_2019.txt', '2020/GRD_75_2020.txt'] },
  { label: 'Grenada 2019 vs 2001', checked: '2019/GRD_74_2019.txt', expected: ['2001/GRD_56_2001.txt'] },
  { label: 'Grenada 2020 vs 2001', checked: '2020/GRD_75_2020.txt', expected: ['2001/GRD_56_2001.txt'] },
  { label: 'India 2012 vs 2009', checked: '2012/IND_67_2012.txt', expected: ['2009/IND_64_2009.txt'] },
  { label: 'India 2009 vs 2012', checked: '2009/IND_64_2009.txt', expected: ['2012/IND_67_2012.txt'] },
  { label: 'South Africa 2014 vs 2013', checked: '2014/ZAF_69_2014.txt', expected: ['2013/ZAF_68_2013.txt'] },
  { label: 'South Africa 2013 vs 2014', checked: '2013/ZAF_68_2013.txt', expected: ['2014/ZAF_69_2014.txt'] },
  { label: 'Fiji 1972 (the file holds Ireland 1972, then Fiji)', checked: '1972/FJI_27_1972.txt', expected: ['1972/IRL_27_1972.txt'] },
];

export interface KnownCaseResult {
  readonly label: string;
  readonly checked: string;
  readonly expected: readonly string[];
  /** Words of the checked statement. */
  readonly words: number;
  /** Independent reference: its words inside 12-word runs that an expected statement also holds. */
  readonly sharedWords: number;
  /** Warnings naming an expected statement among their sources, and those naming it first. */
  readonly warnings: number;
  readonly warningsFirst: number;
  /** Its words those warnings cover. */
  readonly flaggedWords: number;
  readonly bestSimilarity: number;
  /** The message of the longest such warning, as the writer would read it. */
  readonly says: string;
  /** The statements the other warnings of this check name first. */
  readonly otherSources: readonly string[];
}

export interface CorpusCheckResults {
  readonly statements: number;
  readonly withWarnings: number;
  /** Statements with at least one warning whose first source is an earlier statement, of the same country, both. */
  readonly withEarlierSource: number;
  readonly withSameCountrySource: number;
  readonly withEarlierSameCountrySource: number;
  readonly warnings: number;
  /** Warnings by when their first source was delivered, relative to the checked statement. */
  readonly firstSourceEarlier: number;
  readonly firstSourceSameYear: number;
  readonly firstSourceLater: number;
  /** Warnings naming a later statement first although an earlier one holding the passage is listed. */
  readonly laterFirstWithEarlierListed: number;
  readonly commonPassages: number;
  readonly byDecade: readonly { decade: number; statements: number; withWarnings: number; withEarlierSameCountry: number }[];
  readonly known: readonly KnownCaseResult[];
  readonly totalMillis: number;
  readonly medianMillis: number;
}

/** A statement's check, small enough to pass between threads. */
export interface StatementCheck {
  /** Its index in the statement list. */
  readonly statement: number;
  readonly millis: number;
  readonly common: number;
  /** The sources of each warning, first source first. */
  readonly warnings: readonly (readonly string[])[];
  /** Every finding, kept for the known cases only. */
  readonly findings?: readonly Finding[];
}

/** A service over the whole archive, reading statements back from memory. */
export function archiveService(statements: readonly Statement[]): LecternService {
  const b = new IndexBuilder();
  for (const s of statements) b.add(s.path, s.text, s.meta);
  const byPath = new Map(statements.map((s) => [s.path, s.text]));
  return createLecternService({ index: b.finish(), reader: { readText: (path) => byPath.get(path) } });
}

const KNOWN_PATHS = new Set(KNOWN_CASES.map((k) => k.checked));

/**
 * Checks statements taken one by one off a counter shared between threads (Atomics), until none
 * are left: two threads with their own index share the archive whatever their speed.
 */
export function checkShare(service: LecternService, statements: readonly Statement[], counter: Int32Array, progress?: (claimed: number) => void): StatementCheck[] {
  const out: StatementCheck[] = [];
  for (let i = Atomics.add(counter, 0, 1); i < statements.length; i = Atomics.add(counter, 0, 1)) {
    const st = statements[i];
    const t0 = performance.now();
    const { findings } = service.check({ path: st.path, text: st.text });
    const millis = performance.now() - t0;
    const warnings = findings.filter(isWarning);
    out.push({
      statement: i, millis,
      common: findings.filter((f) => f.code === 'reuse.common').length,
      warnings: warnings.map((w) => w.sources.map((x) => x.path)),
      findings: KNOWN_PATHS.has(st.path) ? findings : undefined,
    });
    progress?.(i);
  }
  return out;
}

/** The counts over every statement's check (in any order, from any thread). */
export function summarizeChecks(statements: readonly Statement[], checks: readonly StatementCheck[]): CorpusCheckResults {
  let withWarnings = 0, withEarlier = 0, withSame = 0, withBoth = 0;
  let warnings = 0, earlier = 0, sameYear = 0, later = 0, laterWithEarlier = 0, common = 0;
  const decades = new Map<number, { decade: number; statements: number; withWarnings: number; withEarlierSameCountry: number }>();
  const known = new Map<string, readonly Finding[]>();
  const sorted = [...checks].sort((a, b) => a.statement - b.statement);
  for (const c of sorted) {
    const st = statements[c.statement];
    if (c.findings) known.set(st.path, c.findings);
    common += c.common;
    let e = false, s = false, both = false;
    for (const sources of c.warnings) {
      const y = yearOf(sources[0]);
      const same = isoOf(sources[0]) === st.iso;
      if (y < st.year) earlier++; else if (y === st.year) sameYear++; else later++;
      if (y > st.year && sources.some((x) => yearOf(x) < st.year)) laterWithEarlier++;
      e ||= y < st.year; s ||= same; both ||= y < st.year && same;
    }
    warnings += c.warnings.length;
    if (c.warnings.length) withWarnings++;
    if (e) withEarlier++;
    if (s) withSame++;
    if (both) withBoth++;
    const decade = Math.floor(st.year / 10) * 10;
    const d = decades.get(decade) ?? { decade, statements: 0, withWarnings: 0, withEarlierSameCountry: 0 };
    d.statements++; if (c.warnings.length) d.withWarnings++; if (both) d.withEarlierSameCountry++;
    decades.set(decade, d);
  }
  const byPath = new Map(statements.map((s) => [s.path, s]));
  const millis = sorted.map((c) => c.millis);
  return {
    statements: sorted.length, withWarnings,
    withEarlierSource: withEarlier, withSameCountrySource: withSame, withEarlierSameCountrySource: withBoth,
    warnings, firstSourceEarlier: earlier, firstSourceSameYear: sameYear, firstSourceLater: later, laterFirstWithEarlierListed: laterWithEarlier,
    commonPassages: common,
    byDecade: [...decades.values()].sort((a, b) => a.decade - b.decade),
    known: KNOWN_CASES.filter((k) => byPath.has(k.checked)).map((k) => knownCase(k, byPath, known.get(k.checked) ?? [])),
    totalMillis: millis.reduce((a, b) => a + b, 0),
    medianMillis: median(millis),
  };
}

function knownCase(k: (typeof KNOWN_CASES)[number], byPath: ReadonlyMap<string, Statement>, findings: readonly Finding[]): KnownCaseResult {
  const text = byPath.get(k.checked)!.text;
  const expected = new Set(k.expected);
  const ws = findings.filter(isWarning);
  const citing = ws.filter((f) => f.sources.some((s) => expected.has(s.path)));
  const longest = [...citing].sort((a, b) => (b.span.end - b.span.start) - (a.span.end - a.span.start))[0];
  const others = new Set(ws.filter((f) => !citing.includes(f)).map((f) => f.sources[0].path));
  return {
    label: k.label, checked: k.checked, expected: k.expected,
    words: countWords(text),
    sharedWords: sharedRunWords(text, k.expected.filter((p) => byPath.has(p)).map((p) => byPath.get(p)!.text)),
    warnings: citing.length,
    warningsFirst: citing.filter((f) => expected.has(f.sources[0].path)).length,
    flaggedWords: wordsIn(text, citing.map((f) => f.span)),
    bestSimilarity: Math.max(0, ...citing.flatMap((f) => f.sources.filter((s) => expected.has(s.path)).map((s) => s.similarity))),
    says: longest?.message ?? '(no warning names it)',
    otherSources: [...others].sort(),
  };
}

/** Words of `text` in the union of `spans`. */
function wordsIn(text: string, spans: readonly Span[]): number {
  const merged: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else merged.push(s);
  }
  return unionLength(merged) && merged.reduce((n, s) => n + countWords(text.slice(s.start, s.end)), 0);
}

/** Words of `text` inside a run of 12 words that one of `others` also holds (own normalisation, not the detector's). */
export function sharedRunWords(text: string, others: readonly string[]): number {
  const n = 12;
  const runs = new Set<string>();
  for (const o of others) {
    const w = normalWords(o);
    for (let i = 0; i + n <= w.length; i++) runs.add(w.slice(i, i + n).join(' '));
  }
  const w = normalWords(text);
  const covered = new Uint8Array(w.length);
  for (let i = 0; i + n <= w.length; i++) if (runs.has(w.slice(i, i + n).join(' '))) covered.fill(1, i, i + n);
  return covered.reduce((a, b) => a + b, 0);
}
