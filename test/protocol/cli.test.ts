// `lectern check` and `lectern index` as a CI job runs them: the bundled dist/cli.js in a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from './lsp-client';

const CLI = join(ROOT, 'dist/cli.js');
const DRAFT = 'examples/draft-statement.statement';
const UK_2021 = 'corpus/000_0d605f3011f179aa.txt';

function lectern(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: scratch } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding { code: string; line: number; message: string; sources: { path: string; similarity: number }[] }
const findings = (stdout: string): JsonFinding[] => JSON.parse(stdout).files[0].findings;

const scratch = mkdtempSync(join(tmpdir(), 'lectern-cli-'));

describe('lectern on the command line', () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('reports the reused passages of the example draft with their sources', () => {
    const r = lectern('check', '--corpus', 'corpus', DRAFT);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /:17:1: warning \[reuse\.verbatim\] Reused verbatim from “Kit Malthouse/);
    assert.match(r.stdout, /source: corpus\/002_527f5d6f7f83fa1b\.txt:4:1 \(100%\)/);
    assert.match(r.stdout, /^4 findings in 1 file \(corpus: 5 statements\)$/m);
  });

  it('prints JSON for CI, and never reports a corpus statement against itself', () => {
    const r = lectern('check', '--corpus', 'corpus', '--format', 'json', UK_2021);
    assert.equal(r.status, 0, r.stderr);
    const codes = findings(r.stdout).map((f) => f.code);
    assert.ok(!codes.some((c) => c.startsWith('reuse.')), codes.join(', '));
  });

  it('runs the speechwriter’s checks: speaking time over the target, unexpanded acronyms, house spelling', () => {
    const r = lectern('check', '--corpus', 'corpus', '--format', 'json', '--house-spelling', 'american', UK_2021);
    assert.equal(r.status, 0, r.stderr);
    const found = findings(r.stdout);
    assert.match(found.find((f) => f.code === 'timing.over')!.message, /over the 3 min target/);
    assert.ok(found.some((f) => f.code === 'acronym.unexpanded' && f.message.includes('SOCnet')));
    assert.ok(found.some((f) => f.code === 'spelling.house' && f.message.includes('organized')));
    const faster = findings(lectern('check', '--corpus', 'corpus', '--format', 'json', '--words-per-minute', '200', UK_2021).stdout);
    assert.ok(!faster.some((f) => f.code === 'timing.over'), 'at 200 words a minute the statement fits its 3 minutes');
  });

  it('reads the team glossary given, and reports a row it cannot read', () => {
    const glossary = join(scratch, 'glossary.md');
    writeFileSync(glossary, '| term | expansion |\n| --- | --- |\n| SOCnet | Serious and Organised Crime network |\n|  | a row without its term |\n');
    const r = lectern('check', '--corpus', 'corpus', '--format', 'json', '--glossary', glossary, UK_2021);
    assert.equal(r.status, 0, r.stderr);
    assert.match(findings(r.stdout).find((f) => f.code === 'acronym.unexpanded')!.message, /Serious and Organised Crime network/);
    assert.match(r.stderr, /glossary\.md:4: /);
  });

  it('builds the persisted index, then updates it without re-reading unchanged files', () => {
    const cache = join(scratch, 'cache');
    assert.match(lectern('index', '--corpus', 'corpus', '--cache', cache).stdout, /^built the index in .*; 5 statements/);
    assert.match(lectern('index', '--corpus', 'corpus', '--cache', cache).stdout, /^updated the index in .*: 0 file\(s\) re-read, 0 removed/);
  });

  it('exits 2 with a message on bad usage and unreadable input', () => {
    for (const args of [['check'], ['check', '--house-spelling', 'yes', DRAFT], ['check', '--words-per-minute', 'fast', DRAFT], ['check', 'no-such-draft.statement'], ['check', '--corpus', 'no-such-folder', DRAFT], ['frobnicate']]) {
      const r = lectern(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, /^lectern: /, args.join(' '));
    }
  });
});
