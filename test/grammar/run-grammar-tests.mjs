// Grammar tests for syntaxes/statement.tmLanguage.json with vscode-tmgrammar-test:
// - every test/grammar/*.statement file (assertions in the tool's comment format, `<!--` as the
//   comment token since statements have no line comments);
// - a generated 1 MB single line of prose and pathological input (unclosed emphasis, quotes,
//   brackets), which must tokenize within the time limit: a pattern that backtracks
//   catastrophically would hang here;
// - a self-check: a file with a wrong assertion must fail, or the harness proves nothing.
// Prints one line per test and a final `N passed, N failed`; exits 1 if any failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const GRAMMAR = 'syntaxes/statement.tmLanguage.json';
const HUGE_LINE_TIMEOUT_MS = 20_000;
const FILE_TIMEOUT_MS = 30_000;

function toolPath() {
  try {
    return join(dirname(createRequire(join(ROOT, 'package.json')).resolve('vscode-tmgrammar-test/package.json')), 'dist/unit.js');
  } catch {
    console.error('vscode-tmgrammar-test is not installed: run `npm ci` (it is a devDependency).');
    process.exit(1);
  }
}

/** Runs the tool on one file; resolves with its exit code (null when killed at the timeout), output and time. */
function runTool(tool, file, timeoutMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [tool, '--compact', '--grammar', GRAMMAR, file], { cwd: ROOT, timeout: timeoutMs });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code, signal) => resolve({ code: signal ? null : code, output, ms: Date.now() - started }));
  });
}

/** A 1 MiB line: real prose with every inline construct, then runs of unclosed delimiters. */
function hugeLineCase(dir) {
  const size = 1 << 20;
  const prose = 'Let me start by **thanking** the *Government of Japan* for hosting [PAUSE] “this” event ~3 minutes <!-- note --> and __all__ of you. ';
  const traps = ['*', '_a ', '“', '"a ', '[A', '**a ', '~1 ', '<!- '];
  const part = Math.floor(size / (traps.length + 2));
  // whole sentences only: a comment cut in half would (rightly) run on into the next line
  let line = prose.repeat(Math.floor((2 * part) / prose.length));
  for (const t of traps) line += t.repeat(Math.ceil(part / t.length)).slice(0, part);
  line = line.padEnd(size, '.');
  const file = join(dir, 'huge-line.statement');
  writeFileSync(file, [
    '<!-- SYNTAX TEST "text.statement" "a 1 MiB single line tokenizes in linear time"',
    line,
    '<!--            ^^ markup.bold.statement punctuation.definition.bold.statement',
    '<!--                              ^^^^^^^^^^^^^^^^^^^ markup.italic.statement',
    'Closing remarks',
    '<!-- <--------------- markup.heading.section.statement entity.name.section.statement',
    '',
  ].join('\n'));
  return file;
}

function wrongAssertionCase(dir) {
  const file = join(dir, 'self-check.statement');
  writeFileSync(file, '<!-- SYNTAX TEST "text.statement" "must fail"\nIntroduction\n<!-- <------------ markup.bold.statement\n');
  return file;
}

async function main() {
  const tool = toolPath();
  const dir = mkdtempSync(join(tmpdir(), 'lectern-grammar-'));
  const cases = readdirSync(join(ROOT, 'test/grammar')).filter((f) => f.endsWith('.statement')).sort()
    .map((f) => ({ name: `test/grammar/${f}`, file: join(ROOT, 'test/grammar', f), timeout: FILE_TIMEOUT_MS, expectPass: true }));
  cases.push({ name: '1 MiB single line (generated)', file: hugeLineCase(dir), timeout: HUGE_LINE_TIMEOUT_MS, expectPass: true });
  cases.push({ name: 'self-check: a wrong assertion is reported', file: wrongAssertionCase(dir), timeout: FILE_TIMEOUT_MS, expectPass: false });
  let passed = 0, failed = 0;
  // two at a time: the machines this runs on have two cores
  const queue = [...cases];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const r = await runTool(tool, c.file, c.timeout);
      const ok = r.code === null ? false : (r.code === 0) === c.expectPass;
      if (ok) passed++; else failed++;
      const why = r.code === null ? ` (killed after ${c.timeout} ms: the grammar hangs)` : '';
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.name} (${r.ms} ms)${why}`);
      if (!ok && r.code !== null) console.log(r.output.trim().split('\n').slice(0, 20).map((l) => `     ${l.slice(0, 300)}`).join('\n'));
    }
  };
  await Promise.all([worker(), worker()]);
  rmSync(dir, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
