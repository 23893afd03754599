// Hover text (Markdown) for what lies under the cursor.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatDate } from '../core/metadata';
import type { Finding, SourceMatch } from '../core/types';
import { pathToUri, type SourceDocument } from './convert';

const HEADINGS: Record<Finding['code'], string> = {
  'reuse.verbatim': 'Reused verbatim',
  'reuse.edited': 'Reused with edits',
  'reuse.common': 'Common passage',
  'reuse.internal': 'Repeated in this draft',
};

export function findingHover(f: Finding, sourceDoc: SourceDocument): string {
  const lines = [`**Lectern: ${HEADINGS[f.code]}**`, ''];
  if (f.code === 'reuse.common') lines.push(`This passage appears in about ${f.statementCount} statements of the archive: a stock formula rather than a copy of one statement.`);
  if (f.code === 'reuse.internal') lines.push('An earlier paragraph of this draft says the same thing.');
  f.sources.forEach((s, i) => lines.push(sourceLine(s, i, sourceDoc(s.path))));
  return lines.join('\n');
}

function sourceLine(s: SourceMatch, i: number, doc: TextDocument | undefined): string {
  const m = s.meta;
  const title = m.title || s.path.split(/[\\/]/).pop() || s.path;
  const who = [m.speaker, m.role].filter(Boolean).join(', ');
  const when = [m.date && formatDate(m.date), m.venue, m.occasion].filter(Boolean).join(' · ');
  const line = doc ? doc.positionAt(s.span.start).line + 1 : 0;
  const link = `${pathToUri(s.path)}${line ? `#L${line}` : ''}`;
  const details = [who, when].filter(Boolean).join(' — ');
  return `${i + 1}. **${escape(title)}**${details ? ` — ${escape(details)}` : ''} — ${Math.round(s.similarity * 100)}% similar — [open source](${link})`;
}

function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
}
