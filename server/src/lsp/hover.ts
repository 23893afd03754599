// Hover text (Markdown) for a finding: its sources with who, when and where, a word diff of the
// draft passage against the best source, and links to act on it.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatDate } from '../core/metadata';
import type { Finding, SourceMatch } from '../core/types';
import { wordDiff, type DiffPart } from '../core/word-diff';
import { pathToUri, spanToRange, type SourceDocument } from './convert';

const HEADINGS: Record<Finding['code'], string> = {
  'reuse.verbatim': 'Reused verbatim',
  'reuse.edited': 'Reused with edits',
  'reuse.common': 'Common passage',
  'reuse.internal': 'Repeated in this draft',
  'acronym.unexpanded': 'Acronym not expanded',
  'spelling.house': 'Not the house spelling',
  'timing.over': 'Over the target time',
};

/** Commands the client runs from hover links (VS Code): absent for other editors. */
export interface HoverCommands { open: string; compare?: string; markIntentional?: string }

export function findingHover(doc: TextDocument, f: Finding, sourceDoc: SourceDocument, commands?: HoverCommands): string {
  const best = f.sources[0];
  const similar = best ? ` — ${Math.round(best.similarity * 100)}% similar to ${f.sources.length === 1 ? 'an earlier statement' : `${f.sources.length} earlier statements`}` : '';
  const lines = [`**Lectern · ${HEADINGS[f.code]}**${similar}`, ''];
  if (f.code === 'reuse.common') lines.push(`This passage appears in about ${f.statementCount} statements of the archive: a stock formula rather than a copy of one statement.`);
  if (f.code === 'reuse.internal') lines.push('An earlier paragraph of this draft says the same thing.');
  const src = best && sourceDoc(best.path);
  if (best && src && f.code === 'reuse.edited') {
    // what changed comes first: it is what the writer has to judge
    lines.push(`Changes from the source (~~removed~~, **added**): ${renderDiff(wordDiff(doc.getText(spanToRange(doc, f.span)), src.getText(spanToRange(src, best.span))))}`, '');
  }
  f.sources.forEach((s, i) => lines.push(sourceLine(doc, f, s, i, sourceDoc(s.path), commands)));
  if (commands?.markIntentional && f.code !== 'reuse.common' && f.code !== 'reuse.internal') {
    lines.push('', `[Mark this reuse as intentional](${commandLink(commands.markIntentional, [doc.uri, spanToRange(doc, f.span).end])})`);
  }
  return lines.join('\n');
}

function sourceLine(doc: TextDocument, f: Finding, s: SourceMatch, i: number, src: TextDocument | undefined, commands?: HoverCommands): string {
  const m = s.meta;
  const title = m.title || s.path.split(/[\\/]/).pop() || s.path;
  const who = [m.speaker, m.role].filter(Boolean).join(', ');
  // the occasion often repeats the title ("Remarks to the 27th session of the Commission …")
  const occasion = m.occasion && !title.toLowerCase().includes(m.occasion.toLowerCase().replace(/^\d+\w*\s+/, '')) ? m.occasion : '';
  const when = [m.date && formatDate(m.date), m.venue, occasion].filter(Boolean).join(' · ');
  const details = [who, when].filter(Boolean).join(' — ');
  const links: string[] = [];
  if (src) {
    const range = spanToRange(src, s.span);
    links.push(`[open source](${pathToUri(s.path)}#L${range.start.line + 1})`);
    if (commands?.compare) links.push(`[compare side by side](${commandLink(commands.compare, [doc.uri, spanToRange(doc, f.span), src.uri, range, title])})`);
  }
  return `${i + 1}. **${escapeMarkdown(title)}**${details ? ` — ${escapeMarkdown(details)}` : ''} — ${Math.round(s.similarity * 100)}% similar${links.length ? ` — ${links.join(' · ')}` : ''}`;
}

/** Unchanged stretches longer than this many words are shortened to their ends. */
const KEEP = 8;

function renderDiff(parts: readonly DiffPart[]): string {
  return parts.map((p) => {
    if (p.kind === 'added') return `**${escapeMarkdown(p.text)}**`;
    if (p.kind === 'removed') return `~~${escapeMarkdown(p.text)}~~`;
    const w = p.text.split(' ');
    return escapeMarkdown(w.length > 2 * KEEP ? `${w.slice(0, KEEP).join(' ')} … ${w.slice(-KEEP).join(' ')}` : p.text);
  }).join(' ');
}

function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|~])/g, '\\$1');
}
