// The team glossary file of a workspace folder (lectern.glossary.file): read from the editor when it is open there,
// else from disk; re-read when it changes. A missing file is no glossary; a row it cannot read is reported and skipped.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { EMPTY_GLOSSARY, parseGlossary, type Glossary } from '../core/glossary';
import { readStatement } from '../node/statement-files';

export interface GlossaryFile {
  readonly path: string;
  readonly glossary: Glossary;
  /** What to tell the writer: unreadable file, skipped rows. */
  readonly problems: readonly string[];
}

export function glossaryPath(root: string, setting: string): string {
  return isAbsolute(setting) ? setting : resolve(root, setting);
}

/** `openText` is the file's text in the editor, when it is open there (unsaved edits count). */
export function loadGlossary(path: string, openText: string | undefined): GlossaryFile {
  if (openText === undefined && !existsSync(path)) return { path, glossary: EMPTY_GLOSSARY, problems: [] };
  const read = openText !== undefined ? { text: openText } : readStatement(path);
  if (!('text' in read)) return { path, glossary: EMPTY_GLOSSARY, problems: [`${path}: ${read.problem}; no team glossary is used`] };
  const glossary = parseGlossary(read.text);
  const problems = glossary.problems.map((p) => `${path}:${p.line}: ${p.message}`);
  if (!glossary.entries.size && read.text.trim()) problems.push(`${path}: no glossary table found (a Markdown or TSV table with a "Term" column)`);
  return { path, glossary, problems };
}
