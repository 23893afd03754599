// Hovers on what the archive knows: an acronym (its expansions, the team glossary's word on it, how many statements
// used it and when) and a multi-word name (its use and spelling variants). Markdown only; the lookups are the core's.
import { acronymAt, type AcronymHover } from '../core/acronym-table';
import type { ArchiveTables } from '../core/archive-extractors';
import type { Glossary } from '../core/glossary';
import { isNoExpansion } from '../core/glossary';
import { formatDate } from '../core/metadata';
import { termAt, variantKey, type TermHover } from '../core/terms';
import type { Span } from '../core/types';
import { escapeMarkdown } from './hover';
import { formatCount } from '../core/format';

export interface ArchiveHover { readonly span: Span; readonly markdown: string }

/** The acronym or, failing that, the archive name under `offset`. */
export function archiveHover(text: string, offset: number, tables: Pick<ArchiveTables, 'acronyms' | 'terms'>, glossary: Glossary): ArchiveHover | undefined {
  const a = acronymAt(text, offset, tables.acronyms, glossary);
  if (a) return { span: a.span, markdown: acronymMarkdown(a) };
  const t = termAt(text, offset, tables.terms);
  if (t) return { span: t.span, markdown: termMarkdown(t) };
  return undefined;
}

const plural = (n: number, what: string) => `${formatCount(n)} ${what}${n === 1 ? '' : 's'}`;
const when = (first: string, last: string) => (!first ? '' : first === last ? ` (${formatDate(first)})` : `, first ${formatDate(first)}, last ${formatDate(last)}`);

export function acronymMarkdown(h: AcronymHover): string {
  const lines = [`**Lectern · ${escapeMarkdown(h.acronym)}**${h.preferred ? ` — ${escapeMarkdown(h.preferred)}` : ''}`, ''];
  const g = h.glossary;
  if (g) {
    if (isNoExpansion(g)) lines.push(`Team glossary: said without expansion${g.notes ? ` — ${escapeMarkdown(g.notes)}` : ''}.`);
    else {
      const parts = [g.expansion && `expansion “${escapeMarkdown(g.expansion)}”`, g.preferred && `preferred form “${escapeMarkdown(g.preferred)}”`, g.notes && escapeMarkdown(g.notes)].filter(Boolean);
      lines.push(`Team glossary (wins over the archive): ${parts.join('; ')}.`);
    }
    lines.push('');
  }
  const e = h.entry;
  if (e) {
    lines.push(`Archive: used in ${plural(e.statements, 'statement')}${when(e.first, e.last)}.`);
    if (!e.expansions.length) lines.push('', 'The archive never expands it.');
    else {
      lines.push('', h.conflicting ? '**The archive gives conflicting expansions:**' : 'Expansion in the archive:', '');
      for (const x of e.expansions) {
        const how = [x.definedIn && `defined in ${plural(x.definedIn, 'statement')}`, x.alongsideIn && `written out alongside it in ${plural(x.alongsideIn, 'statement')}`].filter(Boolean).join(', ');
        const also = x.variants.length ? ` (also “${x.variants.map(escapeMarkdown).join('”, “')}”)` : '';
        lines.push(`- ${escapeMarkdown(x.text)}${also} — ${how}${x.first ? `, ${formatDate(x.first)}${x.last !== x.first ? `–${formatDate(x.last)}` : ''}` : ''}`);
      }
    }
  } else lines.push('The archive does not use it.');
  const archiveKeys = new Set((e?.expansions ?? []).map((x) => variantKey(x.text)));
  if (g && !isNoExpansion(g) && archiveKeys.size && ![g.expansion, g.preferred].some((t) => t && archiveKeys.has(variantKey(t)))) lines.push('', 'The glossary’s form is not one the archive uses: the glossary wins.');
  return lines.join('\n');
}

export function termMarkdown(h: TermHover): string {
  const e = h.entry;
  const lines = [`**Lectern · ${escapeMarkdown(e.text)}**`, '', `Used in ${plural(e.statements, 'statement')} of the archive${when(e.first, e.last)}.`];
  if (e.variants.length > 1) {
    lines.push('', 'Spellings in the archive:', '');
    for (const v of e.variants) lines.push(`- ${escapeMarkdown(v.text)} — ${plural(v.statements, 'statement')}`);
  }
  return lines.join('\n');
}
