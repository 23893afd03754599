// The openings/closings part of the benchmark: the archive facts (mined formulas) built cold on a
// worker thread as the server does, read back from their cache, and completion latency in a long
// draft as the server answers it (core completion plus the LSP conversion). Called by run.ts; runs
// alone as `node out/bench/completion.js` (after npm run build) on UNGDC with its 2024 statements
// as the draft.
import { existsSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FormulaSet } from '../server/src/core/formula-types';
import type { StatementMeta } from '../server/src/core/types';
import { runFactsJob, type FactsResult } from '../server/src/node/archive-facts';
import { factsCacheFile } from '../server/src/node/archive-facts-cache';
import type { CorpusSpec } from '../server/src/node/statement-files';
import { FormulaCompletions } from '../server/src/lsp/completion';
import { latency, seededRandom, type Latency } from './stats';

export interface CompletionBench {
  facts: {
    statements: number;
    /** A run with no cache, on a worker thread: list, read and extract every statement, merge, write the cache. */
    cold: { ms: number; extractMs: number; mergeMs: number };
    /** A run with the cache current: read it back, list the files, merge. */
    cached: { ms: number; loadMs: number; mergeMs: number };
    cacheBytes: number;
    formulas: number;
  };
  draftWords: number;
  /** Every call; and only the calls on a fresh empty line (the slowest: the draft's blocks are read). */
  latency: { all: Latency; emptyLine: Latency };
}

export interface CompletionBenchInput {
  spec: CorpusSpec;
  statements: readonly { path: string; meta: StatementMeta }[];
  workerScript: string;
  cacheDir: string;
  draft: string;
  log: (m: string) => void;
}

export async function benchCompletion(input: CompletionBenchInput): Promise<CompletionBench> {
  const { spec, cacheDir, workerScript, log } = input;
  rmSync(cacheDir, { recursive: true, force: true });
  const job = { spec, cacheDir, statements: input.statements.map((s) => ({ path: s.path, meta: s.meta })) };
  const timed = async () => { const t0 = performance.now(); const r = await runFactsJob(job, workerScript); return { r, ms: performance.now() - t0 }; };
  const cold = await timed();
  const cached = await timed();
  const cacheBytes = statSync(factsCacheFile(cacheDir, spec)).size;
  rmSync(cacheDir, { recursive: true, force: true });
  const set = cold.r.tables.formulas;
  log(`archive facts: cold ${(cold.ms / 1000).toFixed(2)} s on a worker (${cold.r.statements} statements, extract ${(cold.r.extractMillis / 1000).toFixed(2)} s, merge ${cold.r.mergeMillis.toFixed(0)} ms); from the cache ${(cached.ms / 1000).toFixed(2)} s (read ${cached.r.loadMillis?.toFixed(0)} ms, ${(cacheBytes / 1048576).toFixed(1)} MB); ${set.formulas.length} formulas`);
  const completions = new FormulaCompletions();
  const lat = completionLatency(input.draft, (doc, offset) => completions.complete(doc, set, doc.positionAt(offset)));
  log(`completion: p50 ${lat.all.median.toFixed(3)} ms, p99 ${lat.all.p99.toFixed(2)} ms, max ${lat.all.max.toFixed(2)} ms over ${lat.all.runs} calls; on an empty line p99 ${lat.emptyLine.p99.toFixed(2)} ms`);
  const figures = (r: FactsResult) => ({ extractMs: r.extractMillis, mergeMs: r.mergeMillis, loadMs: r.loadMillis ?? NaN });
  return {
    facts: {
      statements: cold.r.statements,
      cold: { ms: cold.ms, extractMs: figures(cold.r).extractMs, mergeMs: figures(cold.r).mergeMs },
      cached: { ms: cached.ms, loadMs: figures(cached.r).loadMs, mergeMs: figures(cached.r).mergeMs },
      cacheBytes, formulas: set.formulas.length,
    },
    draftWords: input.draft.split(/\s+/).filter(Boolean).length,
    latency: lat,
  };
}

/**
 * Completion at 3,000 places in a draft: a third on a fresh empty line at a random paragraph break
 * (openings or closings by place), a third at a random offset, a third after a typed trigger word.
 * The first 100 calls warm the JIT up and are not counted.
 */
export function completionLatency(draft: string, complete: (doc: TextDocument, offset: number) => unknown): { all: Latency; emptyLine: Latency } {
  const breaks = [...draft.matchAll(/\n\n/g)].map((m) => m.index! + 2);
  const rng = seededRandom(42);
  const all: number[] = [], emptyLine: number[] = [];
  for (let i = 0; i < 3100; i++) {
    let text = draft, offset: number;
    const mode = i % 3;
    if (mode === 0) {
      const at = rng.pick(breaks);
      text = `${draft.slice(0, at)}\n\n${draft.slice(at)}`;
      offset = at + 1;
    } else if (mode === 1) {
      offset = rng.int(0, draft.length);
    } else {
      const at = rng.pick(breaks);
      const word = rng.pick(['closing', 'opening', 'thanks', 'salutation', 'closi']);
      text = `${draft.slice(0, at)}${word}\n\n${draft.slice(at)}`;
      offset = at + word.length;
    }
    const doc = TextDocument.create('file:///draft.statement', 'statement', 1, text);
    const t0 = performance.now();
    complete(doc, offset);
    const ms = performance.now() - t0;
    if (i < 100) continue;
    all.push(ms);
    if (mode === 0) emptyLine.push(ms);
  }
  return { all: latency(all), emptyLine: latency(emptyLine) };
}

export function completionMarkdown(r: CompletionBench | undefined): string[] {
  if (!r) return [];
  const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
  const f = r.facts;
  return ['## Openings and closings (archive facts and completion)', '',
    '| measure | target | measured |', '|---|---|---|',
    `| completion latency p99 (${r.latency.all.runs} calls in a ${r.draftWords.toLocaleString('en')}-word draft, core + LSP conversion) | ≤ 10 ms | ${ms(r.latency.all.p99)} (median ${ms(r.latency.all.median)}, max ${ms(r.latency.all.max)}); on a fresh empty line p99 ${ms(r.latency.emptyLine.p99)} |`,
    `| archive facts, cold build on a worker thread (${f.statements.toLocaleString('en')} statements: list, read, extract, merge, write the cache) | off the request path | ${ms(f.cold.ms)} (extract ${ms(f.cold.extractMs)}, merge ${ms(f.cold.mergeMs)}) |`,
    `| archive facts from their cache (${(f.cacheBytes / 1048576).toFixed(1)} MB): read back, list the files, merge | – | ${ms(f.cached.ms)} (cache read ${ms(f.cached.loadMs)}, merge ${ms(f.cached.mergeMs)}) |`,
    '', `${f.formulas} formulas kept. Completion calls: a third on a fresh empty line at a random paragraph break, a third at a random offset, a third after a typed trigger word.`, ''];
}

/** Alone: UNGDC (or LECTERN_UNGDC), its 2024 statements held out as the draft's text. */
async function standalone(): Promise<void> {
  const { loadCorpus } = await import('../server/src/node/load-corpus');
  const { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_BYTES, listStatementFiles, readStatement } = await import('../server/src/node/statement-files');
  const { loadavg } = await import('node:os');
  const repo = resolve(__dirname, '../..');
  const folder = process.env.LECTERN_UNGDC ?? join(repo, '../shared/corpora/ungdc');
  if (!existsSync(join(folder, 'manifest.tsv'))) { console.error(`UNGDC not found at ${folder}: set LECTERN_UNGDC to its folder`); process.exit(2); }
  const spec = { folders: [folder], include: DEFAULT_INCLUDE, exclude: [...DEFAULT_EXCLUDE, '2024/**'], maxFileBytes: DEFAULT_MAX_FILE_BYTES };
  const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
  log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; indexing ${folder} for the statements' metadata`);
  const { index } = await loadCorpus(spec);
  const paragraphs: string[] = [];
  const { files } = await listStatementFiles({ ...spec, exclude: DEFAULT_EXCLUDE });
  for (const s of files.filter((f) => f.path.includes('/2024/'))) {
    const r = readStatement(s.path);
    if ('text' in r) paragraphs.push(...r.text.split(/\n+/).map((l) => l.trim()).filter((l) => l.split(' ').length > 8));
    if (paragraphs.join(' ').split(' ').length > 5000) break;
  }
  const draft = `# Statement to the General Assembly\n\n${paragraphs.join('\n\n')}\n`;
  const r = await benchCompletion({ spec, statements: index.statements, workerScript: join(repo, 'dist/archive-facts-worker.js'), cacheDir: join(repo, 'bench/tmp/facts-cache'), draft, log });
  console.log(completionMarkdown(r).join('\n'));
  log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

if (process.argv[1]?.endsWith('completion.js')) void standalone();
