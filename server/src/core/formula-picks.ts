// The formulas a writer picks from ("Insert opening" / "Insert closing"): the archive's mined
// formulas and the built-in ones of snippets/statement.code-snippets, each with the words a quick
// pick filters on (kind, how often and when used, venues, occasions, statement titles).
import { KIND_NAMES, summary, useLine } from './formula-completion';
import { FORMULA_KINDS, type Formula, type FormulaKind, type FormulaSet } from './formula-types';

export type PickGroup = 'opening' | 'closing';

/** Kinds offered by "Insert opening" and "Insert closing". */
export const PICK_KINDS: Record<PickGroup, readonly FormulaKind[]> = { opening: ['salutation', 'thanks', 'opening'], closing: ['closing'] };

export interface FormulaPick {
  readonly kind: FormulaKind;
  readonly source: 'archive' | 'built-in';
  /** The formula as it reads. */
  readonly label: string;
  /** Kind, and for a mined formula how many statements used it and when last. */
  readonly description: string;
  /** Where it was used (statement, date, venue, occasion), or what a built-in one is for. */
  readonly detail: string;
  /** LSP/VS Code snippet syntax. */
  readonly snippet: string;
}

/** A built-in formula: a snippet of statement.code-snippets. */
export interface BuiltinFormula { readonly kind: FormulaKind; readonly label: string; readonly snippet: string; readonly description: string }

/** The snippets of a `.code-snippets` file whose first prefix is a formula kind ("reply" opens a statement too). */
export function parseBuiltinFormulas(json: string): BuiltinFormula[] {
  const file = JSON.parse(json) as Record<string, { prefix?: string | string[]; body?: string | string[]; description?: string }>;
  const out: BuiltinFormula[] = [];
  for (const [name, s] of Object.entries(file)) {
    const prefix = ([] as string[]).concat(s.prefix ?? [])[0] ?? '';
    const kind = (FORMULA_KINDS as readonly string[]).includes(prefix) ? prefix as FormulaKind : prefix === 'reply' ? 'opening' : undefined;
    const snippet = ([] as string[]).concat(s.body ?? []).join('\n');
    if (!kind || !snippet) continue;
    out.push({ kind, label: snippetText(snippet), snippet, description: s.description || name });
  }
  return out;
}

/** A snippet as it reads once inserted: each placeholder's default, a choice's first option, no tab stops. */
export function snippetText(snippet: string): string {
  let text = snippet, before;
  do {
    before = text;
    text = text.replace(/\$\{\d+:((?:\\.|[^\\${}])*)\}/g, '$1');
  } while (text !== before);
  return text
    .replace(/\$\{\d+\|((?:\\.|[^\\|,])*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([\\$},|])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Mined formulas first (most used first), then the built-in ones, of the group's kinds. */
export function formulaPicks(group: PickGroup, mined: FormulaSet, builtins: readonly BuiltinFormula[]): FormulaPick[] {
  const kinds = PICK_KINDS[group];
  const fromArchive = mined.formulas.filter((f) => kinds.includes(f.kind)).sort((a, b) => b.count - a.count).map(minedPick);
  const builtIn = builtins.filter((b) => kinds.includes(b.kind)).map((b): FormulaPick => ({
    kind: b.kind, source: 'built-in', label: b.label, snippet: b.snippet,
    description: `${KIND_NAMES[b.kind]} · built-in`, detail: b.description,
  }));
  return [...fromArchive, ...builtIn];
}

function minedPick(f: Formula): FormulaPick {
  const places = [...new Set(f.usedIn.flatMap((u) => [u.venue, u.occasion]).filter(Boolean))];
  return {
    kind: f.kind, source: 'archive', label: f.label, snippet: f.snippet,
    description: summary(f),
    detail: [...places, ...f.usedIn.map((u) => useLine({ ...u, venue: '' }))].join(' · '),
  };
}
