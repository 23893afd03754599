// `npm run bench`: Lectern's speed and memory on the UNGDC corpus (10,952 statements), and two
// tools a speechwriter would use instead, on the same drafts and the same corpus. Writes
// bench/results.md and bench/results.json. Without ../shared/corpora/ungdc it runs the same
// benchmark on the bundled 5-statement corpus/ and says so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCorpus, openCorpus } from '../server/src/node/load-corpus';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../server/src/node/statement-files';
import { benchDrafts, chooseCorpus, heldOutPaths as listHeldOut, readText, SEED, spec, type BenchCorpus } from './bench-corpus';
import { benchCompletion } from './completion';
import type { BenchDraft } from './drafts';
import { BUILD_FLAG, buildInChild, measureBuild, type BuildMode, type BuildRequest, type BuildResult } from './index-build';
import { checkDraft, fullChecks, type CheckPlan, type DraftResult, type Indexed } from './lectern-checks';
import { JSCPD_ARGS, jscpdDraft, ripgrepDraft, type PeerCorpus, type PeerDraftResult } from './peers';
import { toolVersion } from './processes';
import { profile, type ProfileLine } from './profile';
import { measureHoverKinds, mineFacts, serverChecks } from './hover-kinds';
import { measureScale, type ScaleResult } from './scale';
import { formatTally, tally } from './scoring';
import { median, memoryAfterGc, memoryJitter } from './stats';
import { writeResults, type BenchResults } from './write-results';

const CHECKS: CheckPlan = { warmup: 5, runs: 100, keystrokes: 50, hovers: 100 };
const RG_RUNS = 3;
const JSCPD_DRAFTS = Number(process.env.LECTERN_BENCH_JSCPD_DRAFTS ?? 2);
const JSCPD_TIMEOUT_MS = 1000 * Number(process.env.LECTERN_BENCH_JSCPD_TIMEOUT_S ?? 180);
const IN_PROCESS_BUILDS = 3;
/** `npm run bench -- --scale 10` (or LECTERN_BENCH_SCALE=10) adds the corpus copied 10 times; opt-in, it takes minutes and ~3 GB of memory. */
const SCALE = Number(process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1] : process.env.LECTERN_BENCH_SCALE ?? 1);
const SCALED_CHECKS: CheckPlan = { warmup: 3, runs: 50, keystrokes: 25, hovers: 50 };
/** Generated corpora and caches of the scale figures: never inside the repository. */
const SCALE_TMP = process.env.LECTERN_BENCH_SCALE_TMP ?? '/tmp/lectern-bench';

const repoRoot = resolve(__dirname, '../..');
const benchDir = join(repoRoot, 'bench');
const tmpDir = join(benchDir, 'tmp');
const started = performance.now();

function log(message: string): void {
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}

async function main(): Promise<void> {
  if (process.argv[2] === BUILD_FLAG) {
    console.log(JSON.stringify(await measureBuild(JSON.parse(process.argv[3]) as BuildRequest)));
    return;
  }
  mkdirSync(tmpDir, { recursive: true });
  const loadAtStart = loadavg();
  const corpus = chooseCorpus(repoRoot);
  log(`corpus: ${corpus.label} at ${corpus.folder}`);
  const jitter = memoryJitter();
  log(`machine noise: a fixed memory-bound loop takes median ${jitter.median.toFixed(2)} ms, p99 ${jitter.p99.toFixed(2)} ms, max ${jitter.max.toFixed(2)} ms`);

  // 1. the whole corpus, built from nothing, each build in a fresh process
  const builds: BuildResult[] = [];
  const buildErrors: string[] = [];
  const wholeSpec = spec(corpus.folder);
  const cacheDir = join(tmpDir, 'index-cache');
  const workerScript = join(repoRoot, 'dist/index-worker.js');
  const build = (mode: BuildMode) => {
    const r = buildInChild(__filename, { mode, spec: wholeSpec, cacheDir, workerScript });
    if ('error' in r) { buildErrors.push(`${mode}: ${r.error}`); log(`build (${mode}) FAILED: ${r.error}`); return; }
    builds.push(r);
    log(`build (${mode}): ${(r.ms / 1000).toFixed(2)} s, ${r.statements} statements, ${(r.words / 1e6).toFixed(1)} M words, index ${(r.indexBytes / 1048576).toFixed(1)} MB, RSS after gc ${r.rssMB.toFixed(0)} MB${r.source ? `, ${r.source}` : ''}`);
  };
  for (let i = 0; i < IN_PROCESS_BUILDS; i++) build('in-process');
  build('workers');
  build('cache');
  rmSync(cacheDir, { recursive: true, force: true });

  // 2. the index the drafts are checked against: the corpus without the held-out statements
  const heldOutPaths = await listHeldOut(corpus);
  const t0 = performance.now();
  const loaded = await loadCorpus(spec(corpus.folder, corpus.heldOut));
  const draftsIndex = { ms: performance.now() - t0, statements: loaded.index.statements.length, words: loaded.index.totalWords, heldOut: heldOutPaths.length };
  log(`index for the drafts: ${draftsIndex.statements} statements (${heldOutPaths.length} held out: ${corpus.heldOutLabel}) in ${(draftsIndex.ms / 1000).toFixed(1)} s`);
  const memoryWithIndex = await memoryAfterGc();

  // 3. drafts
  const indexedPaths = loaded.index.statements.map((s) => s.path);
  const { copies, drafts } = benchDrafts(corpus, loaded.index, heldOutPaths);
  mkdirSync(join(tmpDir, 'drafts'), { recursive: true });
  for (const d of drafts) writeFileSync(join(tmpDir, 'drafts', `${d.name}.txt`), d.text);
  log(`${drafts.length} draft(s) of ${Math.min(...drafts.map((d) => d.words))}-${Math.max(...drafts.map((d) => d.words))} words, each with the same ${copies.length} planted copies (written to bench/tmp/drafts/)`);

  // 4. Lectern; the archive's tables first, as the server mines them: its per-keystroke work reads them
  const mined = await mineFacts(loaded.index, spec(corpus.folder, corpus.heldOut), join(repoRoot, 'dist/archive-facts-worker.js'));
  log(`archive facts mined in ${(mined.ms / 1000).toFixed(1)} s`);
  const lectern: DraftResult[] = [];
  for (const d of drafts) {
    const r = checkDraft(loaded.index, readText, d, CHECKS, serverChecks(mined.facts.tables));
    lectern.push(r);
    const k = (ks: DraftResult['keystrokes']) => ks.map((s) => `${s.where} p99 ${s.incremental.p99.toFixed(2)} ms${s.differences.length ? ` (${s.differences.length} differences from a full check!)` : ''}`).join('; ');
    log(`lectern ${d.name}: first check ${r.firstCheckMs.toFixed(1)} ms, full check median ${r.full.median.toFixed(2)} / p99 ${r.full.p99.toFixed(2)} ms; keystroke: ${k(r.keystrokes)}; with the server's checks: ${k(r.serverKeystrokes ?? [])}; hover p99 ${r.hover.keyed.p99.toFixed(2)} ms; found ${formatTally(tally(r.copies))}`);
  }
  // the server's corpus: built on index workers (or read back from its cache) it keeps one layer per
  // worker, and a check looks every k-gram up in each layer
  const served = (await openCorpus(spec(corpus.folder, corpus.heldOut), { workerScript })).corpus;
  const servedChecks = drafts.map((d) => ({ draft: d.name, full: fullChecks(served, readText, d, CHECKS) }));
  log(`lectern against the corpus as the server holds it (${served.layers.length} layer(s)): full check median ${median(servedChecks.map((c) => c.full.median)).toFixed(2)} ms, p99 (worst draft) ${Math.max(...servedChecks.map((c) => c.full.p99)).toFixed(2)} ms`);

  const hoverKinds = await measureHoverKinds(loaded.index, mined, { readText }, drafts);
  log(`hover p99 by kind: ${hoverKinds.hovers.map((h) => `${h.kind} ${h.latency.p99.toFixed(2)} ms`).join(', ')}; keystroke checks median ${median(hoverKinds.draftChecks.map((c) => c.latency.median)).toFixed(2)} ms`);
  const completion = await benchCompletion({ spec: spec(corpus.folder, corpus.heldOut), statements: loaded.index.statements, workerScript: join(repoRoot, 'dist/archive-facts-worker.js'), cacheDir: join(tmpDir, 'facts-cache'), draft: drafts[0].text, log });

  const profileLines = process.env.LECTERN_BENCH_PROFILE ? await profileChecks(loaded.index, drafts[0]) : undefined;

  // the language server process (warm start, one corpus file changed) on a hard-linked copy, and the corpus N times
  const verbatim = copies.find((c) => c.kind === 'verbatim') ?? copies[0];
  const scaleInputs = { script: __filename, repoRoot, tmp: SCALE_TMP, corpus: corpus.folder, heldOut: corpus.heldOut, spec, drafts, copy: verbatim, readText, log };
  const scale: ScaleResult[] = [await measureScale(scaleInputs, 1)];
  if (SCALE > 1) scale.push(await measureScale(scaleInputs, SCALE, SCALED_CHECKS));
  rmSync(SCALE_TMP, { recursive: true, force: true });

  // 5. peers, on exactly the statements Lectern indexed
  const peerCorpus = peerView(corpus, new Set(indexedPaths), new Set(heldOutPaths));
  const rgVersion = toolVersion('rg');
  const rg: PeerDraftResult[] = [];
  if (rgVersion) {
    for (const d of drafts) {
      const r = await ripgrepDraft(d, peerCorpus, join(tmpDir, 'rg'), RG_RUNS);
      rg.push(r);
      log(`ripgrep ${d.name}: ${r.ms.toFixed(0)} ms (median of ${r.runsMs.length}), peak RSS ${r.peakRssMB?.toFixed(0) ?? '?'} MB; found ${formatTally(tally(r.copies))}${r.error ? `; ${r.error}` : ''}`);
    }
  } else log('ripgrep (rg) is not installed: skipped');
  const jscpdBin = join(repoRoot, 'node_modules/.bin/jscpd');
  const jscpdVersion = existsSync(jscpdBin) ? toolVersion(jscpdBin) : undefined;
  const jscpd: (PeerDraftResult & { sources?: number; clones?: number })[] = [];
  if (jscpdVersion) {
    for (const d of drafts.slice(0, JSCPD_DRAFTS)) {
      log(`jscpd ${d.name}: running (limit ${JSCPD_TIMEOUT_MS / 1000} s)...`);
      const r = await jscpdDraft(jscpdBin, d, peerCorpus, join(tmpDir, 'jscpd'), JSCPD_TIMEOUT_MS);
      jscpd.push(r);
      log(`jscpd ${d.name}: ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.peakRssMB?.toFixed(0) ?? '?'} MB, ${r.sources ?? '?'} files read; found ${formatTally(tally(r.copies))}${r.error ? `; ${r.error}` : ''}`);
    }
  } else log('jscpd is not installed (npm install --save-exact -D jscpd@5.3.2): skipped');

  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD');
  const uncommitted = git('status', '--porcelain', '--', 'server').split('\n').filter(Boolean).length;
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: totalmem() / 1024 ** 3, os: `${osType()} ${release()}`, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg(), memoryJitter: jitter },
    versions: { node: process.version, lectern: pkg.version, commit: commit || 'unknown', uncommittedServerFiles: uncommitted, ripgrep: rgVersion, jscpd: jscpdVersion },
    corpus: { label: corpus.label, folder: corpus.folder, fallback: corpus.fallback, heldOut: corpus.heldOutLabel },
    builds, buildErrors, draftsIndex, memoryWithIndex,
    drafts: {
      seed: SEED, plan: corpus.plan,
      list: drafts.map((d) => ({ name: d.name, words: d.words, from: d.from.map((p) => p.slice(corpus.folder.length + 1)) })),
      copies: copies.map((c) => ({ id: c.id, kind: c.kind, variant: c.variant, source: c.sourcePath.slice(corpus.folder.length + 1), words: c.text.split(/\s+/).filter(Boolean).length })),
    },
    checks: CHECKS, lectern,
    servedCorpus: { layers: served.layers.length, perDraft: servedChecks },
    completion,
    scale,
    peers: {
      rg: { runsPerDraft: RG_RUNS, perDraft: rg },
      jscpd: { args: JSCPD_ARGS, draftsRun: jscpd.length, timeoutS: JSCPD_TIMEOUT_MS / 1000, perDraft: jscpd },
    },
    hoverKinds,
    ...(profileLines ? { profile: profileLines } : {}),
    benchSeconds: (performance.now() - started) / 1000,
  };
  writeResults(benchDir, results);
  log(`wrote bench/results.md and bench/results.json (${results.benchSeconds.toFixed(0)} s in all)`);
}

/** The indexed statements as whole folders where possible (jscpd takes paths, not exclude globs). */
function peerView(corpus: BenchCorpus, indexed: ReadonlySet<string>, heldOut: ReadonlySet<string>): PeerCorpus {
  const holds = (dir: string): boolean => [...heldOut].some((p) => p.startsWith(`${dir}/`));
  const paths = (dir: string): string[] => readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return holds(p) ? paths(p) : [p];
    return indexed.has(p) ? [p] : [];
  });
  return {
    folder: corpus.folder,
    rgGlobs: [...DEFAULT_INCLUDE, ...[...DEFAULT_EXCLUDE, ...corpus.heldOut].map((g) => `!${g}`)],
    paths: paths(corpus.folder),
  };
}

async function profileChecks(index: Indexed, draft: BenchDraft): Promise<ProfileLine[]> {
  const file = join(tmpDir, 'lectern-checks.cpuprofile');
  const lines = await profile(file, () => checkDraft(index, readText, draft, { warmup: 0, runs: 200, keystrokes: 100, hovers: 100 }));
  log(`CPU profile of ${draft.name}'s checks written to ${file}; most self time:`);
  for (const l of lines.slice(0, 12)) log(`  ${(100 * l.share).toFixed(1).padStart(5)}%  ${l.selfMs.toFixed(0).padStart(6)} ms  ${l.fn} (${l.where})`);
  return lines;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
