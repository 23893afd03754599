// The UN General Debate corpus (UNGDC) the evaluation runs on: 10,952 statements as
// `YEAR/ISO_SESSION_YEAR.txt` plus manifest.tsv. Read once into memory (~215 MB of text): the cases
// are cut from it and the detector reads its sources back from it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inferMeta, mergeMeta, parseManifest } from '../server/src/core/metadata';
import type { StatementMeta } from '../server/src/core/types';
import type { Random } from './random';

export interface Statement {
  /** Corpus-relative path, `1972/FJI_27_1972.txt`: the id the index and the report use. */
  readonly path: string;
  readonly text: string;
  readonly meta: StatementMeta;
  /** ISO 3166 alpha-3 code of the speaking country (the file name's prefix; `EU` for the Union). */
  readonly iso: string;
  readonly year: number;
}

/** Where the corpus is: $LECTERN_UNGDC, else `../shared/corpora/ungdc` beside the repository. */
export function ungdcFolder(repoRoot: string): string {
  return process.env.LECTERN_UNGDC ?? join(repoRoot, '../shared/corpora/ungdc');
}

export function isUngdcFolder(folder: string): boolean {
  return existsSync(join(folder, 'manifest.tsv'));
}

export function isoOf(path: string): string {
  return (path.split('/').pop() ?? path).split('_')[0];
}

export function yearOf(path: string): number {
  return Number(/(\d{4})\.txt$/.exec(path)?.[1] ?? path.slice(0, 4));
}

/** Every statement, sorted by path, with its metadata merged as the indexer does (manifest, then header lines). */
export function loadUngdc(folder: string): Statement[] {
  const manifest = parseManifest(readFileSync(join(folder, 'manifest.tsv'), 'utf8'));
  const out: Statement[] = [];
  const years = readdirSync(folder).filter((d) => /^\d{4}$/.test(d)).sort();
  for (const year of years) {
    for (const name of readdirSync(join(folder, year)).filter((f) => f.endsWith('.txt')).sort()) {
      const path = `${year}/${name}`;
      const text = readFileSync(join(folder, path), 'utf8');
      out.push({ path, text, meta: mergeMeta(manifest.get(path), inferMeta(text)), iso: isoOf(path), year: yearOf(path) });
    }
  }
  return out;
}

/**
 * The held-out statements: about `size` of them, drawn from every year in proportion to its
 * number of statements (at least one a year), so the new text of the drafts spans the whole
 * period and its three text layouts.
 */
export function drawHeldOut(statements: readonly Statement[], size: number, rnd: Random): Set<string> {
  const byYear = new Map<number, Statement[]>();
  for (const s of statements) {
    const list = byYear.get(s.year);
    if (list) list.push(s); else byYear.set(s.year, [s]);
  }
  const held = new Set<string>();
  for (const [, list] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const quota = Math.max(1, Math.round((size * list.length) / statements.length));
    for (const s of rnd.sample(list, quota)) held.add(s.path);
  }
  return held;
}
