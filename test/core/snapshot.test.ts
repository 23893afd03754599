// Golden snapshots of the findings on real statements: each flagged span is shown with a caret
// line under it and its sources. Regenerate with LECTERN_UPDATE_SNAPSHOTS=1 and review the diff.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/core/types';
import { sampleCorpus, sampleTables, serviceOver } from './corpus-fixture';

const SNAPSHOTS = join(__dirname, '../../../test/core/snapshots');
const ROOT = join(__dirname, '../../..');
const service = serviceOver(sampleCorpus());
// the speechwriter's checks read the archive's tables, as in the server
const draft = { tables: sampleTables() };

function render(name: string, text: string, findings: readonly Finding[]): string {
  const out = [`# ${name}: ${findings.length} finding(s)`];
  for (const f of findings) {
    const lineStart = text.lastIndexOf('\n', f.span.start - 1) + 1;
    const lineEnd = text.indexOf('\n', f.span.start);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const lineNo = text.slice(0, f.span.start).split('\n').length;
    const from = f.span.start - lineStart;
    const to = Math.min(line.length, f.span.end - lineStart);
    const shown = line.length > 100 ? line.slice(0, 100) + '…' : line;
    out.push('', `${f.code} at ${lineNo}:${from + 1}, ${f.span.end - f.span.start} chars${f.statementCount ? `, in ${f.statementCount} statements` : ''}`);
    out.push(`  | ${shown}`, `  | ${' '.repeat(from)}${'^'.repeat(Math.max(1, Math.min(to, 100) - from))}${f.span.end - lineStart > line.length ? ' (continues)' : ''}`);
    for (const s of f.sources) out.push(`  <- ${s.path} [${s.span.start}, ${s.span.end}) ${Math.round(s.similarity * 100)}%`);
  }
  return out.join('\n') + '\n';
}

describe('golden findings', () => {
  const cases: [string, string, string | undefined][] = [
    ...sampleCorpus().map((s): [string, string, string] => [`corpus/${s.path}`, s.text, s.path]),
    ['examples/draft-statement.statement', readFileSync(join(ROOT, 'examples/draft-statement.statement'), 'utf8'), undefined],
    ['test/fixtures/workspace/edited.statement', readFileSync(join(ROOT, 'test/fixtures/workspace/edited.statement'), 'utf8'), undefined],
  ];
  for (const [name, text, path] of cases) {
    it(name, () => {
      const file = join(SNAPSHOTS, `${name.replace(/[/\\]/g, '__')}.snap`);
      const actual = render(name, text, service.check({ path, text }, { draft }).findings);
      if (process.env.LECTERN_UPDATE_SNAPSHOTS || !existsSync(file)) { writeFileSync(file, actual); return; }
      assert.equal(actual, readFileSync(file, 'utf8'), `${file} differs; rerun with LECTERN_UPDATE_SNAPSHOTS=1 and review the diff`);
    });
  }
});
