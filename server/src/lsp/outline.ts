// The statement's sections as LSP document symbols (Outline view, breadcrumbs, Go to Symbol) and
// folding ranges, from the core's outline.
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { foldingRanges, outline, type Section } from '../core/outline';
import { spanToRange } from './convert';
import { formatCount } from '../core/format';

export function documentSymbols(doc: TextDocument): DocumentSymbol[] {
  const toSymbol = (s: Section): DocumentSymbol => ({
    name: s.title || '(untitled)',
    detail: `${formatCount(s.words)} words`,
    kind: SymbolKind.String,
    range: spanToRange(doc, s.span),
    selectionRange: spanToRange(doc, s.headingSpan),
    children: s.children.map(toSymbol),
  });
  return outline(doc.getText()).map(toSymbol);
}

export function folding(doc: TextDocument): FoldingRange[] {
  return foldingRanges(doc.getText()).flatMap((span) => {
    const range = spanToRange(doc, span);
    // a range ending at the start of a line folds up to the line before
    const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
    return endLine > range.start.line ? [{ startLine: range.start.line, endLine, kind: FoldingRangeKind.Region }] : [];
  });
}
