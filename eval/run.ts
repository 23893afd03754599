// `npm run eval`: the quality evaluation of the reuse detector on the UN General Debate corpus.
//
//  1. Split the archive: ~300 held-out statements (never indexed) give the new text of drafts;
//     all the others form the index.
//  2. Draw passages from indexed statements, skip stock formulas, note which other statements
//     hold the same text (twins: as right a source as the one the passage was cut from). Note
//     which held-out paragraphs share a 12-word run with the index: the others are new text.
//  3. Negatives: check drafts of held-out text alone; sort their warnings into probable
//     self-reuse and false warnings.
//  4. Positives: plant each passage, changed as its kind says, among new held-out paragraphs;
//     check each draft and score it (metrics.ts).
//  5. The whole archive checked against itself, and the known cases of reuse in it.
//  6. Write eval/results.md and eval/results.json.
//
// Everything drawn is seeded: two runs build the same cases, so a change in the numbers is a
// change in the detector. The detector is used as the language server uses it (the service,
// default options); nothing here tunes it.
import { writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type CorpusIndex, IndexBuilder } from '../server/src/core/corpus-index';
import { createLecternService, DEFAULT_CHECK_OPTIONS } from '../server/src/core/service';
import type { Finding } from '../server/src/core/types';
import { drawPassages, KINDS, negativeDrafts, newParagraphs, plantCases, spreadInIndex, STOCK_STATEMENTS, WINDOW, type Kind, type NewParagraph, type SourcePassage, type Spread } from './cases';
import { archiveService, checkShare, KNOWN_CASES, summarizeChecks, type StatementCheck } from './corpus-check';
import { aggregate, median, scoreCase, type CaseOutcome } from './metrics';
import { checkNegatives, longestCommonText } from './negatives';
import { excerpt } from './text';
import { Random } from './random';
import { caseSample, pickMisses, spread, writeResults, type EvalResults } from './report';
import { drawHeldOut, isUngdcFolder, loadUngdc, ungdcFolder, type Statement } from './ungdc';

/** LECTERN_EVAL_SEED draws other cases and held-out statements (to check that thresholds set on one draw hold on another). */
const SEED = Number(process.env.LECTERN_EVAL_SEED ?? 20250917);
const HELD_OUT = 300;
const CASES_PER_KIND = 220;
/** Passages drawn per kind before stock formulas are skipped. */
const DRAWN_PER_KIND = 300;
/** New paragraphs used around planted passages: shorter ones are headings and salutations, longer ones swamp the passage. */
const CONTEXT_WORDS = { min: 20, max: 220 };
const MISS_SAMPLES_PER_KIND = 5;
/** LECTERN_EVAL_QUICK=1: for trying a change; skips the archive self-check, writes samples to QUICK_OUT only. */
const QUICK = process.env.LECTERN_EVAL_QUICK === '1';
const QUICK_OUT = '/tmp/lectern-eval-quick.json';

const started = performance.now();
const seconds = (since: number) => (performance.now() - since) / 1000;
const log = (message: string) => console.log(`[${seconds(started).toFixed(1).padStart(6)} s] ${message}`);

async function main(): Promise<void> {
  const repoRoot = join(__dirname, '..', '..');
  const folder = ungdcFolder(repoRoot);
  if (!isUngdcFolder(folder)) {
    console.log(`The quality evaluation needs the UNGDC corpus (folders of YEAR/ISO_SESSION_YEAR.txt and manifest.tsv) at ${folder}; ` +
      'set LECTERN_UNGDC to its folder if it is elsewhere. Nothing was evaluated and no results were written.');
    return;
  }
  // the worker reads and indexes the whole archive now, and checks its share of it in step 5
  const archive = QUICK ? undefined : startArchiveWorker(folder);
  try {
    await evaluate(folder, repoRoot, archive);
  } finally {
    await archive?.stop(); // also when the evaluation failed: a waiting worker would keep the process alive
  }
}

async function evaluate(folder: string, repoRoot: string, archive: ArchiveWorker | undefined): Promise<void> {
  // 1. the archive and the split
  log(`reading ${folder}`);
  let t = performance.now();
  const all = loadUngdc(folder);
  const byPath = new Map(all.map((s) => [s.path, s]));
  const textOf = (path: string) => byPath.get(path)!.text;
  const readSeconds = seconds(t);
  const heldOutPaths = drawHeldOut(all, HELD_OUT, new Random(SEED, 'held-out'));
  const indexed = all.filter((s) => !heldOutPaths.has(s.path));
  const heldOut = all.filter((s) => heldOutPaths.has(s.path));
  log(`${all.length} statements: ${indexed.length} to index, ${heldOut.length} held out`);

  t = performance.now();
  const index = buildIndex(indexed);
  const indexSeconds = seconds(t);
  const reader = { readText: (path: string) => byPath.get(path)?.text };
  const service = createLecternService({ index, reader });
  log(`indexed ${indexed.length} statements in ${indexSeconds.toFixed(1)} s`);

  // 2. passages and new text, and which indexed statements hold their runs of words
  t = performance.now();
  const drawn = drawPassages(indexed, DRAWN_PER_KIND, new Random(SEED, 'passages'));
  const flat = KINDS.flatMap((k) => drawn.get(k)!);
  const paragraphs: NewParagraph[] = [];
  for (const st of heldOut) paragraphs.push(...newParagraphs(st, paragraphs.length));
  const spreads = spreadInIndex([
    ...flat.map((p) => ({ text: textOf(p.path).slice(p.span.start, p.span.end), own: p.path })),
    ...paragraphs.map((p) => ({ text: p.text })),
  ], indexed);
  const spreadOf = new Map(flat.map((p, i) => [p, spreads[i]]));
  const paragraphSpread = paragraphs.map((_, i) => spreads[flat.length + i]);
  const paragraphShares = paragraphSpread.map((x) => x.sharers.length > 0);
  const chosen = new Map<Kind, { passage: SourcePassage; twins: string[] }[]>();
  const selection = {} as EvalResults['selection'];
  for (const kind of KINDS) {
    const list = drawn.get(kind)!;
    const usable = list.filter((p) => spreadOf.get(p)!.maxSharing < STOCK_STATEMENTS);
    const used = usable.slice(0, CASES_PER_KIND).map((passage) => ({ passage, twins: spreadOf.get(passage)!.twins }));
    chosen.set(kind, used);
    selection[kind] = { drawn: list.length, stock: list.length - usable.length, used: used.length, withTwins: used.filter((u) => u.twins.length).length };
  }
  const context = paragraphs.filter((p) => !paragraphShares[p.id] && p.words >= CONTEXT_WORDS.min && p.words <= CONTEXT_WORDS.max);
  const spreadSeconds = seconds(t);
  log(`passages: ${KINDS.map((k) => `${k} ${selection[k].used}`).join(', ')} (stock skipped: ${KINDS.reduce((n, k) => n + selection[k].stock, 0)})`);
  log(`new text: ${paragraphs.length} held-out paragraphs, ${paragraphShares.filter(Boolean).length} share a ${WINDOW}-word run with the index, ${context.length} used around passages`);

  // 3. negatives: new text (held-out paragraphs sharing no 12-word run with the index: text that
  //    is not in the corpus), and all held-out text (which really reuses indexed statements too)
  const newTextDrafts = negativeDrafts(paragraphs.filter((p) => !paragraphShares[p.id]));
  log(`new text: checking ${newTextDrafts.length} drafts`);
  const newText = checkNegatives(service, newTextDrafts, textOf);
  log(`new text: ${newText.warnings.length} warnings, ${newText.falseWarnings} false (${newText.falsePer10k.toFixed(2)} per 10,000 words)`);
  const negDrafts = negativeDrafts(paragraphs);
  log(`held-out text: checking ${negDrafts.length} drafts`);
  const negatives = checkNegatives(service, negDrafts, textOf);
  log(`held-out text: ${negatives.warnings.length} warnings, ${negatives.falseWarnings} with another country's source first (${negatives.falsePer10k.toFixed(2)} per 10,000 words)`);

  // 4. positives
  const cases = plantCases(chosen, context, SEED);
  log(`positives: checking ${cases.length} drafts`);
  const findingsOf: (readonly Finding[])[] = [];
  const outcomes: CaseOutcome[] = [];
  const positiveMillis: number[] = [];
  for (const c of cases) {
    const start = performance.now();
    const { findings } = service.check({ text: c.draft });
    positiveMillis.push(performance.now() - start);
    findingsOf.push(findings);
    outcomes.push(scoreCase(c, findings));
  }
  const byKind = {} as EvalResults['byKind'];
  for (const kind of KINDS) byKind[kind] = aggregate(outcomes.filter((_, i) => cases[i].kind === kind));
  const overall = aggregate(outcomes);
  for (const kind of KINDS) log(`  ${kind.padEnd(10)} recall ${byKind[kind].recall.toFixed(3)}  plagdet ${byKind[kind].plagdet.toFixed(3)}  top-1 ${byKind[kind].top1.toFixed(3)}`);
  log(`  overall    recall ${overall.recall.toFixed(3)}  precision ${overall.charPrecision.toFixed(3)}  plagdet ${overall.plagdet.toFixed(3)}  top-1 ${overall.top1.toFixed(3)}`);

  if (!archive) {
    const strays = cases.flatMap((c) => outcomes[c.id].stray.map((f) => caseSample(c, outcomes[c.id], findingsOf[c.id], textOf, f)));
    const misses = cases.filter((c) => !outcomes[c.id].found || outcomes[c.id].detections > 1).map((c) => caseSample(c, outcomes[c.id], findingsOf[c.id], textOf));
    const drafts = cases.map((c) => ({ id: c.id, kind: c.kind, draft: c.draft, plantedSpan: c.planted }));
    writeFileSync(QUICK_OUT, JSON.stringify({ overall, byKind, newText: newText.warnings, heldOut: negatives.warnings, strays, misses, drafts }, null, 1));
    log(`quick run: no archive self-check and no results files; samples in ${QUICK_OUT}`);
    return;
  }

  // 5. the archive against itself, shared with the worker thread started at the beginning
  archive.start();
  log(`archive: checking all ${all.length} statements against the others (two threads)`);
  t = performance.now();
  const fullService = archiveService(all);
  const archiveIndexSeconds = seconds(t);
  let reported = 0;
  const mine = checkShare(fullService, all, archive.counter, (claimed) => {
    if (claimed >= reported + 1000) { reported = claimed - (claimed % 1000); log(`  ${reported} / ${all.length}`); }
  });
  const corpusCheck = summarizeChecks(all, [...mine, ...(await archive.checks)]);
  log(`archive: ${corpusCheck.withWarnings} statements with warnings, ${corpusCheck.withEarlierSameCountrySource} with an earlier same-country source`);
  for (const k of corpusCheck.known) log(`  ${k.label}: ${k.warnings} warnings name ${k.expected.join(' / ')}, ${k.flaggedWords} of ${k.sharedWords} shared words flagged; the tool says: ${k.says}`);
  const missingKnown = KNOWN_CASES.filter((k) => !byPath.has(k.checked));
  if (missingKnown.length) log(`  known cases not in this corpus: ${missingKnown.map((k) => k.checked).join(', ')}`);

  // 6. results
  const sample = (id: number, only?: Finding) => caseSample(cases[id], outcomes[id], findingsOf[id], textOf, only);
  const top1Misses = cases.filter((c) => outcomes[c.id].top1 === false).map((c) => c.id);
  const strays = cases.flatMap((c) => outcomes[c.id].stray.map((f) => ({ id: c.id, f })));
  const results: EvalResults = {
    startedAt: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}` },
    node: process.version,
    corpus: { folder: folder, statements: all.length, words: fullService.corpus.layers[0].index.totalWords, indexed: indexed.length, heldOut: heldOut.length },
    parameters: {
      seed: SEED, heldOut: HELD_OUT, casesPerKind: CASES_PER_KIND, passagesDrawnPerKind: DRAWN_PER_KIND,
      window: WINDOW, stockStatements: STOCK_STATEMENTS, minWords: DEFAULT_CHECK_OPTIONS.minWords,
      contextWords: `${CONTEXT_WORDS.min}-${CONTEXT_WORDS.max}`,
    },
    selection, overall, byKind,
    newText: {
      drafts: newText.drafts, words: newText.words, warnings: newText.warnings, selfReuse: newText.selfReuse,
      falseWarnings: newText.falseWarnings, falsePer10k: newText.falsePer10k,
    },
    negatives: {
      drafts: negatives.drafts, words: negatives.words, warnings: negatives.warnings, selfReuse: negatives.selfReuse,
      falseWarnings: negatives.falseWarnings, falsePer10k: negatives.falsePer10k,
      paragraphs: paragraphSummary(paragraphs, paragraphSpread, negatives.warned, context.length, textOf),
    },
    cases: cases.map((c, i) => ({
      id: c.id, kind: c.kind, source: c.source.path, words: c.source.words,
      found: outcomes[i].found, coverage: Number(outcomes[i].coverage.toFixed(3)), detections: outcomes[i].detections, top1: outcomes[i].top1, failure: outcomes[i].failure,
    })),
    misses: pickMisses(cases, outcomes, MISS_SAMPLES_PER_KIND).map((id) => sample(id)),
    top1Misses: spread(top1Misses, 10).map((id) => sample(id)),
    strayWarnings: spread(strays, 10).map(({ id, f }) => sample(id, f)),
    corpusCheck,
    timing: {
      readSeconds, indexSeconds, spreadSeconds, archiveIndexSeconds,
      positiveCheckMillis: sum(positiveMillis), positiveMedianMillis: median(positiveMillis),
      negativeCheckMillis: sum(negatives.checkMillis), negativeMedianMillis: median(negatives.checkMillis),
      corpusCheckMillis: corpusCheck.totalMillis, corpusMedianMillis: corpusCheck.medianMillis,
      wallSeconds: seconds(started),
    },
  };
  const md = join(repoRoot, 'eval', 'results.md');
  writeResults(results, md, join(repoRoot, 'eval', 'results.json'));
  log(`wrote ${md} and results.json`);
}

/**
 * The second thread of step 5: it builds its own index of the whole archive while the main thread
 * evaluates, and starts checking when told to (so the drafts' timings are not shared with it).
 */
type ArchiveWorker = ReturnType<typeof startArchiveWorker>;

function startArchiveWorker(folder: string) {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(__filename, { workerData: { folder, counter } });
  const checks = new Promise<StatementCheck[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the archive worker stopped (exit code ${code}) before sending its checks`)));
  });
  checks.catch(() => undefined); // awaited in step 5; not an unhandled rejection before then
  return {
    counter,
    checks,
    start: () => worker.postMessage('start'),
    stop: async () => { await worker.terminate(); },
  };
}

function archiveWorker(): void {
  const { folder, counter } = workerData as { folder: string; counter: Int32Array };
  const all = loadUngdc(folder);
  const service = archiveService(all);
  parentPort!.once('message', () => parentPort!.postMessage(checkShare(service, all, counter)));
}

/**
 * Held-out paragraphs by what they share with the index (nothing; a 12-word run found in a few
 * statements; a stock run found in many) and whether the tool warned on them: real reuse in real
 * text, and a sample of paragraphs with a run particular to a few statements and no warning.
 */
function paragraphSummary(paragraphs: readonly NewParagraph[], spreads: readonly Spread[], warned: ReadonlySet<number>, context: number, textOf: (path: string) => string): EvalResults['negatives']['paragraphs'] {
  const group = (p: NewParagraph) => (!spreads[p.id].sharers.length ? 'none' : spreads[p.id].maxSharing < STOCK_STATEMENTS ? 'particular' : 'stock');
  const count = (g: string, w?: boolean) => paragraphs.filter((p) => group(p) === g && (w === undefined || warned.has(p.id) === w)).length;
  // the longest shared runs first: 12-15 words are mostly names of institutions and Charter phrases
  const unwarned = paragraphs.filter((p) => group(p) === 'particular' && !warned.has(p.id)).map((p) => {
    const holder = spreads[p.id].sharers[0];
    return { statement: p.path, paragraph: excerpt(p.text, 400), holder, shared: longestCommonText(p.text, textOf(holder)) };
  }).sort((a, b) => b.shared.split(' ').length - a.shared.split(' ').length);
  return {
    total: paragraphs.length, context,
    none: count('none'), noneWarned: count('none', true),
    particular: count('particular'), particularWarned: count('particular', true),
    stock: count('stock'), stockWarned: count('stock', true),
    particularUnwarnedLong: unwarned.filter((u) => u.shared.split(' ').length >= 20).length,
    particularUnwarned: unwarned.slice(0, 10).map((u) => ({ ...u, shared: excerpt(u.shared, 300), sharedWords: u.shared.split(' ').length })),
  };
}

function buildIndex(statements: readonly Statement[]): CorpusIndex {
  const b = new IndexBuilder();
  for (const s of statements) b.add(s.path, s.text, s.meta);
  return b.finish();
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

if (isMainThread) {
  main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
} else {
  archiveWorker();
}
