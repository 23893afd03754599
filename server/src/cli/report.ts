// How `lectern check` prints findings: readable text for people, stable JSON for CI.
import { relative } from 'node:path';
import { formatDate } from '../core/metadata';
import type { Finding } from '../core/types';

interface FileResult { display: string; text: string; findings: readonly Finding[] }

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify({
    files: results.map((r) => ({
      path: r.display,
      findings: r.findings.map((f) => ({
        code: f.code, severity: f.severity, message: f.message, start: f.span.start, end: f.span.end,
        line: lineCol(r.text, f.span.start).line,
        ...(f.statementCount !== undefined ? { statementCount: f.statementCount } : {}),
        sources: f.sources.map((s) => ({
          path: s.path, start: s.span.start, end: s.span.end,
          title: s.meta.title, speaker: s.meta.speaker, date: s.meta.date, venue: s.meta.venue,
          similarity: Math.round(s.similarity * 1000) / 1000,
        })),
      })),
    })),
  }, null, 2) + '\n';
}

export function formatText(results: readonly FileResult[], sourceText: (path: string) => string, corpusSize: number): string {
  const out: string[] = [];
  let total = 0;
  for (const r of results) {
    for (const f of r.findings) {
      total++;
      const { line, col } = lineCol(r.text, f.span.start);
      out.push(`${r.display}:${line}:${col}: ${f.severity} [${f.code}] ${f.message}`);
      out.push(`    ${excerpt(r.text.slice(f.span.start, f.span.end))}`);
      for (const s of f.sources) {
        const at = lineCol(sourceText(s.path), s.span.start);
        const meta = [s.meta.speaker, s.meta.date && formatDate(s.meta.date)].filter(Boolean).join(', ');
        out.push(`    source: ${relative(process.cwd(), s.path)}:${at.line}:${at.col} (${Math.round(s.similarity * 100)}%)${meta ? ` ${meta}` : ''}`);
      }
    }
  }
  out.push(`${total} finding${total === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'} (corpus: ${corpusSize} statements)`);
  return out.join('\n') + '\n';
}

function excerpt(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `“${flat.slice(0, 60)} … ${flat.slice(-35)}”` : `“${flat}”`;
}

export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1, last = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; last = i + 1; }
  return { line, col: offset - last + 1 };
}
