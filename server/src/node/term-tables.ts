// The archive's acronym and name tables for one corpus: facts extracted statement by statement (on a worker thread
// for a large archive, so the server keeps answering), kept per statement so that a changed file costs one
// extraction and a merge. The tables are the seam the hovers and checks read (core/archive-tables.ts).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ArchiveTablesBuilder, EMPTY_TABLES, termFacts, type ArchiveTables, type TermFacts } from '../core/archive-tables';
import { readStatement } from './statement-files';

export interface DatedStatement { readonly path: string; readonly date: string }
export interface TermsRequest { readonly statements: readonly DatedStatement[]; readonly maxFileBytes: number }
export interface TermsMessage { facts: (TermFacts | undefined)[] }

/** Reads and extracts each statement; an unreadable one is undefined (the index already reported it). */
export function extractTermFacts(req: TermsRequest): (TermFacts | undefined)[] {
  return req.statements.map((s) => {
    const read = readStatement(s.path, req.maxFileBytes);
    return 'text' in read ? termFacts(read.text, s.date) : undefined;
  });
}

/** Below this many statements a worker's start-up costs more than it saves (as for the index). */
const WORKER_MIN_STATEMENTS = 400;

export class TermTables {
  private builder = new ArchiveTablesBuilder();
  tables: ArchiveTables = EMPTY_TABLES;

  constructor(private readonly maxFileBytes: number, private readonly workerScript?: string) {}

  /** Extracts every statement (replacing what was there) and merges the tables. */
  async build(statements: readonly DatedStatement[]): Promise<ArchiveTables> {
    const facts = this.workerScript && existsSync(this.workerScript) && statements.length >= WORKER_MIN_STATEMENTS
      ? await onWorkers(this.workerScript, statements, this.maxFileBytes)
      : extractTermFacts({ statements, maxFileBytes: this.maxFileBytes });
    this.builder = new ArchiveTablesBuilder();
    statements.forEach((s, i) => this.builder.set(s.path, facts[i]));
    this.builder.built();
    return (this.tables = this.builder.tables());
  }

  /** Takes in statement files created, changed or deleted on disk. */
  update(changed: readonly DatedStatement[], deleted: readonly string[]): ArchiveTables {
    for (const p of deleted) this.builder.set(p, undefined);
    extractTermFacts({ statements: changed, maxFileBytes: this.maxFileBytes }).forEach((f, i) => this.builder.set(changed[i].path, f));
    return (this.tables = this.builder.tables());
  }
}

/** On up to two worker threads (one per core), interleaved as the index does: statements of all years on each. */
async function onWorkers(script: string, statements: readonly DatedStatement[], maxFileBytes: number): Promise<(TermFacts | undefined)[]> {
  const n = Math.max(1, Math.min(2, availableParallelism()));
  const parts = await Promise.all(Array.from({ length: n }, (_, w) => runWorker(script, { statements: statements.filter((_, i) => i % n === w), maxFileBytes })));
  return statements.map((_, i) => parts[i % n][Math.floor(i / n)]);
}

function runWorker(script: string, request: TermsRequest): Promise<(TermFacts | undefined)[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    worker.on('message', (m: TermsMessage) => { resolve(m.facts); void worker.terminate(); });
    worker.on('error', reject);
    worker.on('exit', (code) => { if (code !== 0) reject(new Error(`term tables worker exited with code ${code}`)); });
    worker.postMessage(request);
  });
}
