// The bundled sample corpus, read once for core tests (the core itself never reads files).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractFacts } from '../../server/src/core/archive-facts';
import { ARCHIVE_EXTRACTORS, archiveTables, type ArchiveTables } from '../../server/src/core/archive-extractors';
import { inferMeta, mergeMeta, parseManifest } from '../../server/src/core/metadata';
import { createLecternService, indexStatements, type LecternService } from '../../server/src/core/service';
import type { StatementMeta } from '../../server/src/core/types';

export const CORPUS_DIR = process.env.LECTERN_CORPUS ?? join(__dirname, "../../../corpus");

export interface FixtureStatement { path: string; text: string; meta: StatementMeta }

export function sampleCorpus(): FixtureStatement[] {
  const manifest = parseManifest(readFileSync(join(CORPUS_DIR, 'manifest.tsv'), 'utf8'));
  return readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => {
    const text = readFileSync(join(CORPUS_DIR, f), 'utf8');
    return { path: f, text, meta: mergeMeta(manifest.get(f), inferMeta(text)) };
  });
}

export function statement(prefix: string): FixtureStatement {
  const s = sampleCorpus().find((x) => x.path.startsWith(prefix));
  if (!s) throw new Error(`no corpus statement ${prefix}`);
  return s;
}

/** A service over in-memory statements. */
export function serviceOver(statements: FixtureStatement[]): LecternService {
  const byPath = new Map(statements.map((s) => [s.path, s.text]));
  return createLecternService({ index: indexStatements(statements), reader: { readText: (p) => byPath.get(p) } });
}

/** The archive tables (formulas, acronyms, names) of the sample corpus, mined as the server mines them. */
export function sampleTables(): ArchiveTables {
  return archiveTables(sampleCorpus().map((s) => ({ path: s.path, meta: s.meta, facts: extractFacts(ARCHIVE_EXTRACTORS, s.text, s.meta).facts })));
}
