// The benchmark's corpus, index and drafts, shared by the whole benchmark (bench/run.ts) and the quick keystroke
// benchmark (bench/keystroke.ts): UNGDC with the 2024 session held out, or the bundled corpus/ when UNGDC is absent.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import type { CorpusIndex } from '../server/src/core/corpus-index';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_BYTES, listStatementPaths, readStatement, type CorpusSpec } from '../server/src/node/statement-files';
import { chooseCopies, makeDrafts, type BenchDraft, type Copy, type DraftPlan } from './drafts';
import { seededRandom } from './stats';

export const SEED = 79;

export interface BenchCorpus {
  readonly label: string;
  readonly folder: string;
  readonly fallback: boolean;
  /** Statements kept out of the index: the drafts' own text comes from them. */
  readonly heldOut: readonly string[];
  readonly heldOutLabel: string;
  readonly plan: DraftPlan;
}

export function chooseCorpus(repoRoot: string): BenchCorpus {
  const ungdc = process.env.LECTERN_UNGDC ?? join(repoRoot, '../shared/corpora/ungdc');
  if (existsSync(join(ungdc, 'manifest.tsv'))) {
    return {
      label: 'UNGDC (UN General Debate statements 1946-2024)', folder: ungdc, fallback: false,
      heldOut: ['2024/**'], heldOutLabel: 'the 2024 session (79th)',
      plan: { drafts: 10, words: 5000, perKind: 4, copyWords: [40, 150] },
    };
  }
  const sample = join(repoRoot, 'corpus');
  const last = readdirSync(sample).filter((f) => f.endsWith('.txt')).sort().pop()!;
  console.log(`\n*** UNGDC corpus not found at ${ungdc} (set LECTERN_UNGDC to its folder).`);
  console.log('*** Running the same benchmark on the bundled 5-statement corpus/ instead: its figures say nothing about scale.\n');
  return {
    label: 'bundled sample corpus/ (5 statements): FALLBACK, UNGDC not found', folder: sample, fallback: true,
    heldOut: [last], heldOutLabel: `the statement ${last}`,
    plan: { drafts: 1, words: 1000, perKind: 1, copyWords: [25, 150] },
  };
}

export function spec(folder: string, exclude: readonly string[] = []): CorpusSpec {
  return { folders: [folder], include: DEFAULT_INCLUDE, exclude: [...DEFAULT_EXCLUDE, ...exclude], maxFileBytes: DEFAULT_MAX_FILE_BYTES };
}

export function readText(path: string): string | undefined {
  const r = readStatement(path);
  return 'text' in r ? r.text : undefined;
}

/** The held-out statements' paths (the drafts' own text comes from them). */
export async function heldOutPaths(corpus: BenchCorpus): Promise<string[]> {
  const listed = (await listStatementPaths(spec(corpus.folder))).files.map((f) => f.path);
  const isHeldOut = picomatch([...corpus.heldOut]);
  return listed.filter((p) => isHeldOut(p.slice(corpus.folder.length + 1)));
}

/** The seeded drafts: the same copies planted in each, from the statements `index` holds. */
export function benchDrafts(corpus: BenchCorpus, index: CorpusIndex, heldOut: readonly string[]): { copies: Copy[]; drafts: BenchDraft[] } {
  const rng = seededRandom(SEED);
  const copies = chooseCopies(index.statements.map((s) => s.path), corpus.plan, rng);
  return { copies, drafts: makeDrafts(heldOut, copies, corpus.plan, rng) };
}
