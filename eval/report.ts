// eval/results.md (for people: what was measured, against which target, and samples to read) and
// eval/results.json (the same numbers and samples, for tools and for comparing runs).
import { writeFileSync } from 'node:fs';
import type { Finding } from '../server/src/core/types';
import { KIND_LABEL, KINDS, type Case, type Kind } from './cases';
import type { CorpusCheckResults } from './corpus-check';
import { overlap, type CaseOutcome, type FailureMode, type Scores } from './metrics';
import type { NegativeResults, NegativeWarning } from './negatives';
import { countWords, excerpt } from './text';

/** Targets from the issue; a kind without a recall target is reported but not judged. */
export const TARGETS = {
  recall: { verbatim: 0.99, formatting: 0.99, edited: 0.95, reordered: 0.95, partial: 0.9 } as Partial<Record<Kind, number>>,
  charPrecision: 0.99,
  plagdet: 0.95,
  top1: 0.99,
  falsePer10k: 1,
};

/** A case as a person reads it when checking a miss: what was planted, where from, what the tool said. */
export interface CaseSample {
  readonly id: number;
  readonly kind: Kind;
  readonly failure?: FailureMode;
  readonly changes: readonly string[];
  readonly planted: string;
  readonly expectedSource: string;
  readonly twins: readonly string[];
  readonly sourceExcerpt: string;
  readonly coverage: number;
  /** Findings over the planted passage (or, for stray warnings, the warning itself); sources with their similarity and the words of their passage. */
  readonly found: readonly { code: Finding['code']; covers: number; text: string; sources: readonly string[] }[];
  /** The whole draft and where the passage is in it, to reproduce the case (results.json only). */
  readonly draft: string;
  readonly plantedSpan: { start: number; end: number };
}

export function caseSample(c: Case, o: CaseOutcome, findings: readonly Finding[], textOf: (path: string) => string, only?: Finding): CaseSample {
  const size = c.planted.end - c.planted.start;
  const over = only ? [only] : findings.filter((f) => overlap(f.span, c.planted) > 0);
  return {
    id: c.id, kind: c.kind, failure: o.failure, changes: c.changes,
    planted: excerpt(c.draft.slice(c.planted.start, c.planted.end), 500),
    expectedSource: c.source.path, twins: c.twins,
    sourceExcerpt: excerpt(textOf(c.source.path).slice(c.source.span.start, c.source.span.end), 500),
    coverage: o.coverage,
    found: over.map((f) => ({
      code: f.code,
      covers: overlap(f.span, c.planted) / size,
      text: excerpt(c.draft.slice(f.span.start, f.span.end), 300),
      sources: f.code === 'reuse.common' ? [`(in about ${f.statementCount} statements)`]
        : f.sources.slice(0, 4).map((s) => `${s.path} (${pct(s.similarity)}, ${countWords(textOf(s.path).slice(s.span.start, s.span.end))} words)`),
    })),
    draft: c.draft,
    plantedSpan: c.planted,
  };
}

export interface EvalResults {
  readonly startedAt: string;
  readonly machine: { cpu: string; cores: number; memoryGB: number; os: string };
  readonly node: string;
  readonly corpus: { folder: string; statements: number; words: number; indexed: number; heldOut: number };
  readonly parameters: Record<string, string | number>;
  readonly selection: Record<Kind, { drawn: number; stock: number; used: number; withTwins: number }>;
  readonly overall: Scores;
  readonly byKind: Record<Kind, Scores>;
  /** Drafts of new text only (held-out paragraphs sharing no 12-word run with the index): the false-warning target. */
  readonly newText: Omit<NegativeResults, 'warned' | 'checkMillis' | 'paragraphs'>;
  /** Drafts of all held-out text, which really reuses indexed statements too. */
  readonly negatives: Omit<NegativeResults, 'warned' | 'checkMillis'> & {
    /**
     * Held-out paragraphs: sharing no 12-word run with an indexed statement, one found in fewer than
     * STOCK_STATEMENTS statements (particular), or one found in more (stock); how many of each the tool
     * warned on; how many were used as new text; samples of particular ones with no warning.
     */
    paragraphs: {
      total: number; context: number;
      none: number; noneWarned: number; particular: number; particularWarned: number; stock: number; stockWarned: number;
      /** Particular ones with no warning whose longest run shared with one statement is 20 words or more; the 10 longest. */
      particularUnwarnedLong: number;
      particularUnwarned: { statement: string; paragraph: string; holder: string; shared: string; sharedWords: number }[];
    };
  };
  /** Every case in brief, to compare two runs case by case (results.json). */
  readonly cases: readonly { id: number; kind: Kind; source: string; words: number; found: boolean; coverage: number; detections: number; top1?: boolean; failure?: FailureMode }[];
  readonly misses: readonly CaseSample[];
  readonly top1Misses: readonly CaseSample[];
  readonly strayWarnings: readonly CaseSample[];
  readonly corpusCheck: CorpusCheckResults;
  readonly timing: Record<string, number>;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number, d = 3) => x.toFixed(d);
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const code = (s: string) => `\`${s}\``;
/** Text inside a Markdown table cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function writeResults(r: EvalResults, mdPath: string, jsonPath: string): void {
  writeFileSync(jsonPath, JSON.stringify(r, null, 1) + '\n');
  writeFileSync(mdPath, markdown(r));
}

function markdown(r: EvalResults): string {
  const out: string[] = [];
  const p = (...lines: string[]) => out.push(...lines);
  const o = r.overall;
  const t = r.timing;
  p('# Lectern quality evaluation on UNGDC', '',
    `Generated by \`npm run eval\` (eval/run.ts) on ${r.startedAt}: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGB} GB, ${r.machine.os}, Node ${r.node}. ` +
    `Whole run ${num(t.wallSeconds, 0)} s.`, '',
    `Corpus: ${r.corpus.statements.toLocaleString('en')} statements, ${r.corpus.words.toLocaleString('en')} words (${code(r.corpus.folder)}). ` +
    `Index: ${r.corpus.indexed.toLocaleString('en')} statements; held out (never indexed, the source of new text): ${r.corpus.heldOut}.`, '',
    'Parameters: ' + Object.entries(r.parameters).map(([k, v]) => `${k} = ${v}`).join('; ') + '.', '');

  p('## Headline', '', '| measure | value | target | met |', '| --- | ---: | ---: | :---: |');
  for (const kind of KINDS) {
    const target = TARGETS.recall[kind];
    const v = r.byKind[kind].recall;
    p(`| recall, ${KIND_LABEL[kind]} | ${num(v)} | ${target === undefined ? '—' : `≥ ${target}`} | ${target === undefined ? '' : mark(v >= target)} |`);
  }
  p(`| recall, all kinds | ${num(o.recall)} | | |`,
    `| character precision (PAN, micro) | ${num(o.charPrecision)} | ≥ ${TARGETS.charPrecision} | ${mark(o.charPrecision >= TARGETS.charPrecision)} |`,
    `| character recall (PAN, micro) | ${num(o.charRecall)} | | |`,
    `| character precision of the warnings that detect a case (span fit) | ${num(o.spanPrecision)} | | |`,
    `| granularity (PAN) | ${num(o.granularity)} | | |`,
    `| plagdet (PAN) | ${num(o.plagdet)} | ≥ ${TARGETS.plagdet} | ${mark(o.plagdet >= TARGETS.plagdet)} |`,
    `| top-1 source accuracy (found cases) | ${num(o.top1)} | ≥ ${TARGETS.top1} | ${mark(o.top1 >= TARGETS.top1)} |`,
    `| false warnings per 10,000 words of new text (negatives) | ${num(r.newText.falsePer10k, 2)} | ≤ ${TARGETS.falsePer10k} | ${mark(r.newText.falsePer10k <= TARGETS.falsePer10k)} |`,
    `| warnings naming another country's statement first, per 10,000 words of all held-out text | ${num(r.negatives.falsePer10k, 2)} | | |`,
    '');
  p('A case is **found** when one warning (`reuse.verbatim` or `reuse.edited`) covers at least half of the planted characters and lists the statement the passage came from ' +
    'or one holding the same passage word for word (twins). The PAN measures count draft characters; a warning detects a case when it overlaps it and lists such a source. ' +
    '*Together* = recall when several warnings naming the source may share the case. Top-1: the found warning\'s first source is the statement or a twin.', '');

  p('## By kind', '', '| kind | cases | found | recall | together | char precision | char recall | granularity | plagdet | top-1 | top-1 ties | span precision | source span P / R | stray warnings |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const kind of KINDS) p(kindRow(KIND_LABEL[kind], r.byKind[kind]));
  p(kindRow('**all**', o), '');
  p('*Top-1 ties*: top-1 wrong although the true statement is listed with the same similarity as the first source (sources are ordered by similarity, then the more recent ' +
    'first; the samples below give the words each source matched). ' +
    '*Span precision*: character precision of the warnings that detect a case only (how well they fit the passage; the PAN precision also counts warnings on the new text). ' +
    '*Source span P / R*: characters of the source passage the found warning points to in the true statement, against the passage that was copied. ' +
    '*Stray warnings*: warnings in positive drafts that detect no case; in brackets those whose first source is the same country as the new paragraph they lie on (probable real reuse of edited text).', '');

  p('### Why cases were missed', '', `| kind | ${FAILURES.join(' | ')} |`, `| --- | ${FAILURES.map(() => '---:').join(' | ')} |`);
  for (const kind of KINDS) p(`| ${KIND_LABEL[kind]} | ${FAILURES.map((f) => r.byKind[kind].failures[f] ?? 0).join(' | ')} |`);
  p('', '- *fragmented*: warnings naming the source cover half the passage only together; *partly flagged*: less than half even together; ' +
    '*wrong source*: a warning covers it but names neither the statement nor a twin; *reported as common*: only a `reuse.common` information covers it; *not flagged*: nothing does.', '');

  p('### How the cases were drawn', '', '| kind | passages drawn | skipped as stock | used | with twins |', '| --- | ---: | ---: | ---: | ---: |');
  for (const kind of KINDS) {
    const s = r.selection[kind];
    p(`| ${KIND_LABEL[kind]} | ${s.drawn} | ${s.stock} | ${s.used} | ${s.withTwins} |`);
  }
  p('', `Passages are runs of 2-4 sentences (20-120 words) of one paragraph of an indexed statement drawn at random (partial: 1-2 sentences of 12+ words). ` +
    `A passage with a ${r.parameters.window}-word run found in ${r.parameters.stockStatements} or more indexed statements is a stock formula, not a copy of one statement, and is skipped. ` +
    'Twins: other indexed statements holding the whole passage. Each case is its own draft: two new paragraphs, the passage, two new paragraphs, blank-line separated ' +
    '(partial: the copied sentences between two sentences of a new paragraph). ' +
    `New paragraphs are paragraphs of held-out statements (${r.parameters.contextWords} words) that share no ${r.parameters.window}-word run with any indexed statement. ` +
    'Passages, changes and drafts depend only on the seed and the corpus, not on the detector.', '');

  const nt = r.newText;
  const n = r.negatives;
  p('## Negatives', '',
    `**New text** (the target): ${nt.drafts} drafts of held-out paragraphs that share no ${r.parameters.window}-word run with any indexed statement (text that is not in the corpus; six paragraphs per draft), ` +
    `${nt.words.toLocaleString('en')} words. Warnings: ${nt.warnings.length} — ${nt.selfReuse} whose first source is the same country (edited self-reuse, probably), ` +
    `**${nt.falseWarnings} false warnings** (another country) = **${num(nt.falsePer10k, 2)} per 10,000 words** (target ≤ ${TARGETS.falsePer10k}).`, '',
    `**All held-out text**: ${n.drafts} drafts of every held-out paragraph, ${n.words.toLocaleString('en')} words, including paragraphs that really reuse indexed statements ` +
    '(countries repeat their own paragraphs; some copy or quote others, or deliver joint texts). ' +
    `Warnings: ${n.warnings.length} — ${n.selfReuse} probable self-reuse (the first source is the same country), ` +
    `${n.falseWarnings} whose first source is another country (${num(n.falsePer10k, 2)} per 10,000 words: an upper bound on false warnings, samples below). ` +
    `Of those, ${n.warnings.filter((w) => w.verdict === 'false warning' && w.sameCountryListed).length} list the draft's own country further down, and ` +
    `${n.warnings.filter((w) => w.verdict === 'false warning' && w.code === 'reuse.verbatim').length} are verbatim (often a quoted resolution or a joint text: read them); ` +
    `${n.warnings.filter((w) => w.verdict === 'false warning' && w.longestCommonRun < 8).length} have no run of 8 words in common with their source.`,
    '', '| held-out paragraphs | count | drew a warning |', '| --- | ---: | ---: |',
    `| sharing no ${r.parameters.window}-word run with any indexed statement (new text; ${n.paragraphs.context} of ${r.parameters.contextWords} words used around planted passages) | ${n.paragraphs.none} | ${n.paragraphs.noneWarned} |`,
    `| sharing a ${r.parameters.window}-word run with 1-${Number(r.parameters.stockStatements) - 1} indexed statements (particular) | ${n.paragraphs.particular} | ${n.paragraphs.particularWarned} |`,
    `| sharing a ${r.parameters.window}-word run with ${r.parameters.stockStatements}+ indexed statements (stock formulas) | ${n.paragraphs.stock} | ${n.paragraphs.stockWarned} |`, '',
    'A warning on a paragraph that shares no 12-word run with the whole index is a fuzzy match (edited reuse, or a false warning), or a run across two paragraphs of the draft. ' +
    'A paragraph with a particular shared run and no warning is reuse the tool did not report: a short institutional phrase, or a real miss (samples below).', '');
  negativeSamples(p, 'False warnings on new text', nt.warnings.filter((w) => w.verdict === 'false warning'), 12);
  p('### All held-out text', '');
  p('By length of the warned passage:', '', '| words | false, verbatim | false, edited | self-reuse, verbatim | self-reuse, edited |', '| --- | ---: | ---: | ---: | ---: |');
  for (const [lo, hi] of LENGTH_BANDS) {
    const band = n.warnings.filter((w) => w.words >= lo && w.words <= hi);
    const count = (verdict: NegativeWarning['verdict'], c: string) => band.filter((w) => w.verdict === verdict && w.code === c).length;
    p(`| ${hi === Infinity ? `${lo}+` : `${lo}-${hi}`} | ${count('false warning', 'reuse.verbatim')} | ${count('false warning', 'reuse.edited')} | ` +
      `${count('probable self-reuse', 'reuse.verbatim')} | ${count('probable self-reuse', 'reuse.edited')} |`);
  }
  p('');
  negativeSamples(p, 'Warnings naming another country first (all held-out text)', n.warnings.filter((w) => w.verdict === 'false warning'), 12);
  negativeSamples(p, 'Probable self-reuse (first source the same country)', n.warnings.filter((w) => w.verdict === 'probable self-reuse'), 6);
  p(`### Paragraphs with a run particular to a few indexed statements and no warning: ${n.paragraphs.particular - n.paragraphs.particularWarned}`, '',
    `Of these, ${n.paragraphs.particularUnwarnedLong} share a run of 20 words or more with one statement; the ${n.paragraphs.particularUnwarned.length} longest ` +
    '(runs of 12-15 words are mostly names of institutions and Charter phrases):', '');
  for (const u of n.paragraphs.particularUnwarned) {
    p(`- **${code(u.statement)}** shares ${u.sharedWords} words with ${code(u.holder)}: “${u.shared}”`, `  - paragraph: “${u.paragraph}”`);
  }
  p('');

  p('## Samples of misses', '');
  caseSamples(p, r.misses);
  p('## Samples of wrong first sources', '');
  caseSamples(p, r.top1Misses);
  p('## Samples of stray warnings in positive drafts', '');
  caseSamples(p, r.strayWarnings);

  const c = r.corpusCheck;
  p('## The archive checked against itself', '',
    `Every statement checked against an index of all ${c.statements.toLocaleString('en')} (itself excluded): ${num(c.totalMillis / 1000, 1)} s of checking on two threads, median ${num(c.medianMillis, 1)} ms a statement.`, '',
    '| | statements | share |', '| --- | ---: | ---: |',
    `| with a warning | ${c.withWarnings} | ${pct(c.withWarnings / c.statements)} |`,
    `| with a warning whose first source is an earlier statement | ${c.withEarlierSource} | ${pct(c.withEarlierSource / c.statements)} |`,
    `| with a warning whose first source is the same country | ${c.withSameCountrySource} | ${pct(c.withSameCountrySource / c.statements)} |`,
    `| with a warning whose first source is an earlier statement of the same country | ${c.withEarlierSameCountrySource} | ${pct(c.withEarlierSameCountrySource / c.statements)} |`,
    '',
    `Warnings: ${c.warnings}; first source earlier: ${c.firstSourceEarlier}, same year: ${c.firstSourceSameYear}, later: ${c.firstSourceLater} ` +
    `(of which ${c.laterFirstWithEarlierListed} also list an earlier statement: on equal similarity the tool names the more recent statement first). ` +
    `Common-passage informations: ${c.commonPassages}.`, '',
    '| decade | statements | with a warning | with an earlier same-country source |', '| --- | ---: | ---: | ---: |',
    ...c.byDecade.map((d) => `| ${d.decade}s | ${d.statements} | ${d.withWarnings} | ${d.withEarlierSameCountry} |`), '');
  p('### Known cases', '',
    '| checked | expected source | words | shared 12-word runs (reference) | warnings naming it (first) | words flagged | similarity | what the tool says |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const k of c.known) {
    p(`| ${k.label}: ${code(k.checked)} | ${k.expected.map(code).join(', ')} | ${k.words} | ${k.sharedWords} | ${k.warnings} (${k.warningsFirst}) | ` +
      `${k.flaggedWords} (${pct(k.sharedWords ? k.flaggedWords / k.sharedWords : 0)} of shared) | ${k.warnings ? pct(k.bestSimilarity) : '—'} | ${cell(k.says)} |`);
  }
  p('', '*Shared 12-word runs*: words of the checked statement inside a run of 12 words that an expected statement also holds (own normalisation, independent of the detector): what a perfect tool would flag at the default shortest passage.', '');

  p('## Timing', '', '| step | value |', '| --- | ---: |',
    `| reading the corpus | ${num(t.readSeconds, 1)} s |`,
    `| indexing the ${r.corpus.indexed} statements of the evaluation | ${num(t.indexSeconds, 1)} s |`,
    `| indexing the whole archive (for checking it against itself; the worker thread builds its own meanwhile) | ${num(t.archiveIndexSeconds, 1)} s |`,
    `| drawing passages and new text; which indexed statements share their 12-word runs (one pass over the index's text) | ${num(t.spreadSeconds, 1)} s |`,
    `| positive drafts: ${o.cases} checks | ${num(t.positiveCheckMillis / 1000, 1)} s, median ${num(t.positiveMedianMillis, 2)} ms a draft |`,
    `| negative drafts: ${n.drafts} checks | ${num(t.negativeCheckMillis / 1000, 1)} s, median ${num(t.negativeMedianMillis, 2)} ms a draft |`,
    `| the archive against itself: ${c.statements} checks on two threads | ${num(c.totalMillis / 1000, 1)} s of checking, median ${num(c.medianMillis, 1)} ms a statement |`,
    `| whole run | ${num(t.wallSeconds, 0)} s |`, '');
  return out.join('\n');
}

const LENGTH_BANDS: readonly [number, number][] = [[0, 15], [16, 20], [21, 30], [31, 50], [51, Infinity]];

const FAILURES: readonly FailureMode[] = ['fragmented', 'partly flagged', 'wrong source', 'reported as common', 'not flagged'];

function kindRow(label: string, s: Scores): string {
  return `| ${label} | ${s.cases} | ${s.found} | ${num(s.recall)} | ${num(s.recallTogether)} | ${num(s.charPrecision)} | ${num(s.charRecall)} | ${num(s.granularity)} | ` +
    `${num(s.plagdet)} | ${num(s.top1)} | ${s.top1Ties} | ${num(s.spanPrecision)} | ${num(s.sourceSpanPrecision, 2)} / ${num(s.sourceSpanRecall, 2)} | ${s.strayWarnings} (${s.straySelfReuse}) |`;
}

function negativeSamples(p: (...l: string[]) => void, title: string, ws: readonly NegativeWarning[], max: number): void {
  p(`### ${title}: ${ws.length}${ws.length > max ? `, ${max} shown` : ''}`, '');
  if (!ws.length) { p('None.', ''); return; }
  for (const w of spread(ws, max)) {
    p(`- **${code(w.statement)}** ${w.code}, ${w.words} words (longest common run ${w.longestCommonRun}), ${pct(w.similarity)} similar to ${code(w.source)}` +
      (w.sources.length > 1 ? ` (also: ${w.sources.slice(1, 4).map(code).join(', ')})` : ''),
    `  - draft: “${w.draftExcerpt}”`,
    `  - source: “${w.sourceExcerpt}”`);
  }
  p('');
}

function caseSamples(p: (...l: string[]) => void, samples: readonly CaseSample[]): void {
  if (!samples.length) { p('None.', ''); return; }
  for (const s of samples) {
    p(`- **case ${s.id}, ${KIND_LABEL[s.kind]}**${s.failure ? ` — ${s.failure}` : ''}; best coverage ${pct(s.coverage)}; source ${code(s.expectedSource)}` +
      (s.twins.length ? ` (twins: ${s.twins.map(code).join(', ')})` : '') + (s.changes.length ? `; changes: ${s.changes.join('; ')}` : ''),
    `  - planted: “${s.planted}”`,
    `  - source: “${s.sourceExcerpt}”`);
    if (!s.found.length) p('  - found: nothing over the passage');
    for (const f of s.found) p(`  - found: ${f.code} over ${pct(f.covers)} of it, “${f.text}” ← ${f.sources.join(', ')}`);
  }
  p('');
}

/** At most `max` items spread evenly over the list (so samples are not all from one statement). */
export function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]);
}

/** Miss samples: per kind, one per failure mode first, then more, up to `perKind`. */
export function pickMisses(cases: readonly Case[], outcomes: readonly CaseOutcome[], perKind: number): number[] {
  const ids: number[] = [];
  for (const kind of KINDS) {
    const misses = cases.filter((c) => c.kind === kind && !outcomes[c.id].found).map((c) => c.id);
    const byMode = FAILURES.map((f) => misses.filter((id) => outcomes[id].failure === f)).filter((l) => l.length);
    const picked: number[] = [];
    for (let round = 0; picked.length < Math.min(perKind, misses.length); round++) {
      for (const list of byMode) if (list[round] !== undefined && picked.length < perKind) picked.push(list[round]);
    }
    ids.push(...picked);
  }
  return ids;
}

