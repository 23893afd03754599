// The one place where core spans (UTF-16 offsets) become LSP ranges and back, and findings become
// LSP diagnostics. TextDocument does the offset<->position arithmetic (UTF-16 columns, CRLF).
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Finding, Severity, Span } from '../core/types';
import { sourceLabel } from '../core/service';

export function spanToRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function rangeToSpan(doc: TextDocument, range: Range): Span {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** Text of a corpus statement as a TextDocument, to place source spans. */
export type SourceDocument = (path: string) => TextDocument | undefined;

export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

export function uriToPath(uri: string): string | undefined {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : undefined;
}

export function toDiagnostic(doc: TextDocument, f: Finding, sourceDoc: SourceDocument): Diagnostic {
  const relatedInformation: DiagnosticRelatedInformation[] = [];
  for (const s of f.sources) {
    const src = sourceDoc(s.path);
    if (!src) continue;
    relatedInformation.push({
      location: { uri: pathToUri(s.path), range: spanToRange(src, s.span) },
      message: `${Math.round(s.similarity * 100)}% similar: ${sourceLabel(s.meta, s.path)}`,
    });
  }
  if (f.internalSpan) relatedInformation.push({ location: { uri: doc.uri, range: spanToRange(doc, f.internalSpan) }, message: 'first occurrence in this draft' });
  return {
    range: spanToRange(doc, f.span),
    severity: SEVERITY[f.severity],
    source: 'lectern',
    code: f.code,
    message: f.message,
    ...(relatedInformation.length ? { relatedInformation } : {}),
  };
}
