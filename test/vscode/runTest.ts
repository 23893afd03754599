// Entry point of the real-VS Code tier (`npm run test:vscode`, bundled to out/test/vscode/runTest.js).
// Which VS Code runs the suite:
//   VSCODE_EXECUTABLE_PATH set           -> that executable (a desktop VS Code, or any shim taking its command line)
//   test/vscode-host installed           -> test/vscode-host/vscode-shim.js: VS Code 1.100.3 from code-server in
//                                           headless Chromium, no download (CI; bash test/vscode-host/setup.sh)
//   neither                              -> @vscode/test-electron downloads VS Code stable into .vscode-test/
// The last line printed is the tier's tally, "N passed, N failed".
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '../../..'); // out/test/vscode -> repository root
const hostShim = path.join(root, 'test/vscode-host/vscode-shim.js');
const hostInstalled = fs.existsSync(path.join(root, 'test/vscode-host/node_modules/.bin/code-server'));
// The VS Code that test/vscode-host pins (code-server 4.100.3 bundles VS Code 1.100.3).
const HOST_VSCODE_VERSION = '1.100.3';

// The suite's tally travels as a log line from the extension host through VS Code's (or the shim's) stdout;
// watch our stdout for it so it can be repeated as the very last line, after the launchers' own messages.
const TALLY = /\b(\d+) passed, (\d+) failed\b/;
let tally: { passed: number; failed: number } | undefined;
let partial = '';
const write = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const lines = (partial + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))).split('\n');
  partial = lines.pop() ?? '';
  for (const line of lines) {
    const m = TALLY.exec(line);
    if (m) tally = { passed: Number(m[1]), failed: Number(m[2]) };
  }
  return write(chunk, ...rest);
}) as typeof process.stdout.write;

async function main(): Promise<number> {
  const explicit = process.env.VSCODE_EXECUTABLE_PATH || undefined;
  const vscodeExecutablePath = explicit ?? (hostInstalled ? hostShim : undefined);
  const expect = process.env.LECTERN_EXPECT_VSCODE ?? (!explicit && hostInstalled ? HOST_VSCODE_VERSION : undefined);
  console.log(`[runTest] VS Code: ${vscodeExecutablePath ?? 'download (test-electron)'}${expect ? `, expecting ${expect}` : ''}`);
  let ok = true;
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/vscode/suite'),
      launchArgs: [path.join(root, 'test/fixtures/workspace'), '--disable-extensions'],
      // reaches the extension host's process.env (through the shim and code-server when offline)
      extensionTestsEnv: expect ? { LECTERN_EXPECT_VSCODE: expect } : {},
    });
  } catch (e) {
    console.error('[runTest] test run failed:', (e as Error).message);
    ok = false;
  }
  if (partial) { const m = TALLY.exec(partial); if (m) tally = { passed: Number(m[1]), failed: Number(m[2]) }; }
  const passed = tally?.passed ?? 0;
  // A failed run always counts as a failure, even when mocha never got to report (VS Code did not start, etc.).
  const failed = ok ? (tally?.failed ?? 0) : Math.max(tally?.failed ?? 0, 1);
  if (!tally) console.error('[runTest] the suite reported no tally');
  console.log(`${passed} passed, ${failed} failed`);
  return ok && tally && failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
