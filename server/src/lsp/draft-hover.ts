// The hover on a draft, in order of what the writer most needs: a reused passage (its sources), an acronym or a
// name the archive knows, a section heading or the title (speaking time). Used by the server and the benchmark.
import type { Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArchiveTables } from '../core/archive-extractors';
import type { Glossary } from '../core/glossary';
import type { CheckOptions, LecternService } from '../core/service';
import { archiveHover } from './archive-hover';
import { spanToRange, uriToPath, type SourceDocument } from './convert';
import { findingHover, type HoverCommands } from './hover';
import { sectionHover, type SpeakingTimes } from './speaking-time';

export interface DraftHoverContext {
  readonly service: LecternService | undefined;
  readonly options: Partial<CheckOptions>;
  readonly tables: Pick<ArchiveTables, 'acronyms' | 'terms'> | undefined;
  readonly glossary: Glossary;
  readonly times: SpeakingTimes;
  readonly wordsPerMinute: number;
  readonly sourceDoc: SourceDocument;
  readonly commands?: HoverCommands;
}

export function draftHover(doc: TextDocument, offset: number, ctx: DraftHoverContext): Hover | null {
  const info = ctx.service?.hover({ path: uriToPath(doc.uri), text: doc.getText(), key: doc.uri }, offset, ctx.options);
  if (info) return { contents: { kind: 'markdown', value: findingHover(doc, info.finding, ctx.sourceDoc, ctx.commands) }, range: spanToRange(doc, info.span) };
  const archive = ctx.tables && archiveHover(doc.getText(), offset, ctx.tables, ctx.glossary);
  if (archive) return { contents: { kind: 'markdown', value: archive.markdown }, range: spanToRange(doc, archive.span) };
  const section = sectionHover(doc, ctx.times.of(doc, ctx.wordsPerMinute), offset);
  return section ? { contents: { kind: 'markdown', value: section.markdown }, range: section.range } : null;
}
