// The team glossary: the terms a team has settled, by hand, in a file of the workspace. It wins over the archive.
/**
 * The team glossary is a Markdown table a speechwriter edits by hand (prose around it is ignored), or the same columns
 * as TSV. Columns are found by their header, in any order; only Term is required:
 *
 *   | Term     | Expansion                                | Preferred form               | Notes                     |
 *   |----------|------------------------------------------|------------------------------|---------------------------|
 *   | UNODC    | United Nations Office on Drugs and Crime | UN Office on Drugs and Crime | "on", not "of"            |
 *   | INTERPOL | -                                        |                              | a name: never expanded    |
 *
 * Expansion is the full name; Preferred form is how statements should say it at first use (the Expansion when
 * empty). An Expansion of "-" (or empty, with no Preferred form) marks a term that needs no expansion. Where the
 * glossary and the archive disagree, the glossary wins.
 */
export interface GlossaryEntry {
  readonly term: string;
  readonly expansion: string;
  readonly preferred: string;
  readonly notes: string;
  /** 1-based line in the glossary file. */
  readonly line: number;
}

export interface Glossary {
  readonly entries: ReadonlyMap<string, GlossaryEntry>;
  /** Rows skipped, with why. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

export const EMPTY_GLOSSARY: Glossary = Object.freeze({ entries: new Map(), problems: [] });

const COLUMNS: Record<string, keyof Omit<GlossaryEntry, 'line'>> = {
  term: 'term', acronym: 'term', expansion: 'expansion', 'long form': 'expansion', 'stands for': 'expansion',
  'preferred form': 'preferred', preferred: 'preferred', notes: 'notes', note: 'notes',
};

export function parseGlossary(text: string): Glossary {
  const entries = new Map<string, GlossaryEntry>();
  const problems: { line: number; message: string }[] = [];
  let columns: (keyof Omit<GlossaryEntry, 'line'> | undefined)[] | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const cells = splitRow(raw);
    if (!cells) { columns = undefined; return; }
    if (cells.every((c) => /^:?-{2,}:?$/.test(c))) return;
    if (!columns) {
      const named = cells.map((c) => COLUMNS[c.toLowerCase()]);
      if (named.includes('term')) columns = named;
      return;
    }
    const row = { term: '', expansion: '', preferred: '', notes: '', line: i + 1 };
    columns.forEach((col, k) => { if (col) row[col] = cells[k] ?? ''; });
    if (!row.term) { problems.push({ line: i + 1, message: 'row without a term: skipped' }); return; }
    if (entries.has(row.term)) { problems.push({ line: i + 1, message: `"${row.term}" is already in the glossary (line ${entries.get(row.term)!.line}): this row is skipped` }); return; }
    entries.set(row.term, row);
  });
  return { entries, problems };
}

/** Cells of a Markdown table row or a TSV line; undefined for anything else. */
function splitRow(line: string): string[] | undefined {
  const t = line.trim();
  if (t.startsWith('|')) return t.replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
  if (line.includes('\t')) return line.split('\t').map((c) => c.trim());
  return undefined;
}

export function glossaryEntry(glossary: Glossary, acronym: string): GlossaryEntry | undefined {
  return glossary.entries.get(acronym) ?? [...glossary.entries.values()].find((e) => e.term.toLowerCase() === acronym.toLowerCase());
}

/** The glossary marks the term as one that needs no expansion. */
export const isNoExpansion = (g: GlossaryEntry | undefined): boolean => !!g && !g.preferred && (!g.expansion || /^[-–—]$/.test(g.expansion));
