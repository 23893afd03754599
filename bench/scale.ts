// The figures that need a corpus the benchmark may change or enlarge: the language server process
// (cold build, warm start, one corpus file changed) on a hard-linked copy of the corpus, and the
// whole benchmark's main figures again on the corpus copied N times (`npm run bench -- --scale N`).
import { join, relative } from 'node:path';
import { openCorpus } from '../server/src/node/load-corpus';
import type { CorpusSpec } from '../server/src/node/statement-files';
import type { BenchDraft, Copy } from './drafts';
import { buildInChild, type BuildRequest, type BuildResult } from './index-build';
import { checkDraft, type CheckPlan, type DraftResult } from './lectern-checks';
import { makeScaledCorpus, type ScaledCorpus } from './scaled-corpus';
import { measureServer, type ServerRunResult } from './server-process';
import { memoryAfterGc, type MemoryAfterGc } from './stats';

export interface ScaleInputs {
  readonly script: string;
  readonly repoRoot: string;
  readonly tmp: string;
  /** The original corpus folder and the held-out globs (relative to it). */
  readonly corpus: string;
  readonly heldOut: readonly string[];
  readonly spec: (folder: string, exclude?: readonly string[]) => CorpusSpec;
  readonly drafts: readonly BenchDraft[];
  /** A planted copy: its source file (in copy 0) is the one the file-change figure rewrites. */
  readonly copy: Copy;
  readonly readText: (path: string) => string | undefined;
  readonly log: (m: string) => void;
}

export interface ScaleResult {
  readonly copies: number;
  readonly corpus: ScaledCorpus;
  readonly build?: BuildResult;
  readonly reopen?: BuildResult;
  readonly errors: string[];
  readonly checks?: { plan: CheckPlan; perDraft: DraftResult[]; memoryWithIndex: MemoryAfterGc; statements: number; words: number };
  readonly server?: ServerRunResult;
}

/** The draft's first paragraph of 40 words or more that is its own text (in no corpus statement). */
function ownParagraph(draft: BenchDraft): string {
  for (const m of draft.text.matchAll(/[^\n]+(?:\n[^\n]+)*/g)) {
    const start = m.index!, end = start + m[0].length;
    if (m[0].split(/\s+/).length >= 40 && !draft.planted.some((p) => p.span.start < end && start < p.span.end)) return m[0];
  }
  throw new Error(`${draft.name} has no paragraph of its own of 40 words`);
}

/** The language server process on a hard-linked copy of the corpus (copies = 1), or on the corpus N times with everything else. */
export async function measureScale(inputs: ScaleInputs, copies: number, checks?: CheckPlan): Promise<ScaleResult> {
  const { log } = inputs;
  const folder = join(inputs.tmp, `${copies}x`);
  const corpus = makeScaledCorpus(inputs.corpus, folder, copies);
  log(`${copies}× corpus: ${corpus.files.toLocaleString('en')} files, ${(corpus.bytes / 1e9).toFixed(2)} GB as hard links under ${folder} in ${(corpus.ms / 1000).toFixed(1)} s`);
  // held-out globs hold in every copy
  const heldOut = copies === 1 ? [...inputs.heldOut] : inputs.heldOut.map((g) => `copy-*/${g}`);
  const errors: string[] = [];
  let build: BuildResult | undefined, reopen: BuildResult | undefined;
  let scaledChecks: ScaleResult['checks'];
  if (checks) {
    const request: BuildRequest = { mode: 'workers', spec: inputs.spec(folder), cacheDir: join(inputs.tmp, `cache-${copies}x`), workerScript: join(inputs.repoRoot, 'dist/index-worker.js') };
    for (const mode of ['workers', 'cache'] as const) {
      const r = buildInChild(inputs.script, { ...request, mode });
      if ('error' in r) { errors.push(`${mode}: ${r.error}`); log(`${copies}× build (${mode}) FAILED: ${r.error}`); continue; }
      if (mode === 'workers') build = r; else reopen = r;
      log(`${copies}× build (${mode}): ${(r.ms / 1000).toFixed(2)} s, ${r.statements} statements, index ${(r.indexBytes / 1048576).toFixed(0)} MB, RSS after gc ${r.rssMB.toFixed(0)} MB, peak ${r.peakRssMB.toFixed(0)} MB${r.cacheBytes ? `, cache ${(r.cacheBytes / 1048576).toFixed(0)} MB written in ${r.saveMs!.toFixed(0)} ms` : ''}`);
    }
    const opened = await openCorpus(inputs.spec(folder, heldOut), { workerScript: request.workerScript, cacheDir: join(inputs.tmp, `cache-${copies}x-drafts`) });
    const memoryWithIndex = await memoryAfterGc();
    const perDraft = inputs.drafts.map((d) => {
      const r = checkDraft(opened.corpus, inputs.readText, d, checks);
      log(`${copies}× ${d.name}: full check median ${r.full.median.toFixed(2)} / p99 ${r.full.p99.toFixed(2)} ms; keystroke p99 ${r.keystrokes.map((k) => k.incremental.p99.toFixed(2)).join(' / ')} ms`);
      return r;
    });
    const c = opened.corpus.layers.reduce((n, l) => ({ statements: n.statements + l.index.statements.length, words: n.words + l.index.totalWords }), { statements: 0, words: 0 });
    scaledChecks = { plan: checks, perDraft, memoryWithIndex, ...c };
  }
  let server: ServerRunResult | undefined;
  try {
    const base = copies === 1 ? folder : join(folder, 'copy-0');
    const source = join(base, relative(inputs.corpus, inputs.copy.sourcePath));
    server = await measureServer({
      server: join(inputs.repoRoot, 'dist/server.js'), corpus: folder, exclude: heldOut, cacheDir: join(inputs.tmp, `server-cache-${copies}x`),
      workspace: join(inputs.tmp, 'workspace'), draft: inputs.drafts[0].text, changed: { path: source, addition: ownParagraph(inputs.drafts[0]) },
      warmRuns: copies === 1 ? 5 : 3, fileChanges: copies === 1 ? 20 : 10, timeoutMs: copies === 1 ? 120_000 : 600_000,
    });
    log(`${copies}× server: cold ${(server.coldMs / 1000).toFixed(2)} s; warm start to first diagnostics ${server.warmMs.map((m) => m.toFixed(0)).join(', ')} ms (${server.warmLogs[0]}); one corpus file changed: median ${server.fileChange.median.toFixed(1)} ms, p99 ${server.fileChange.p99.toFixed(1)} ms`);
  } catch (e) {
    errors.push(`server: ${(e as Error).message.slice(0, 500)}`);
    log(`${copies}× server FAILED: ${(e as Error).message.slice(0, 500)}`);
  }
  return { copies, corpus, build, reopen, errors, checks: scaledChecks, server };
}
