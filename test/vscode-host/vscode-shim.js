#!/usr/bin/env node
// Stands in for a VS Code executable so that @vscode/test-electron's runTests({ vscodeExecutablePath }) works
// unchanged offline: it takes the command line runTests builds (--extensionDevelopmentPath=, --extensionTestsPath=,
// the workspace folder as the first positional argument) and runs run-ext-tests.js with the same paths.
// Flags that only mean something to desktop Electron (--no-sandbox, --user-data-dir=, --disable-extensions, ...)
// are ignored: run-ext-tests.js already gives each run a fresh profile and an empty extensions folder.
const path = require('path');
const { spawn } = require('child_process');

const args = process.argv.slice(2);
const get = (k) => { const a = args.find((x) => x.startsWith(`--${k}=`)); return a && a.slice(k.length + 3); };
const positional = args.filter((a) => !a.startsWith('-'));
const env = { ...process.env };
if (get('extensionDevelopmentPath')) env.EXT_DEV_PATH = get('extensionDevelopmentPath');
if (get('extensionTestsPath')) env.EXT_TESTS_PATH = get('extensionTestsPath');
if (positional[0]) env.WORKSPACE = positional[0];
console.log('[vscode-shim] args:', args.join(' '));

const child = spawn(process.execPath, [path.join(__dirname, 'run-ext-tests.js')], { env, stdio: 'inherit' });
// runTests stops "VS Code" with SIGINT on Ctrl+C; pass it on so run-ext-tests.js can stop code-server and Chromium.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
