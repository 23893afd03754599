#!/usr/bin/env node
// Runs Lectern's extension test suite inside a real VS Code (1.100.3, from code-server) without downloading
// VS Code: code-server serves the workbench, headless Debian Chromium (driven by playwright-core) opens it, and the
// suite runs in code-server's Node remote extension host, where the LanguageClient starts dist/server.js exactly as
// on the desktop. Exit code = the suite's result.
//
// Environment (all optional; defaults fit this repository):
//   CODE_SERVER     test/vscode-host/node_modules/.bin/code-server (install it: bash test/vscode-host/setup.sh)
//   EXT_DEV_PATH    the extension's folder: the repository root
//   EXT_TESTS_PATH  the built mocha entry: EXT_DEV_PATH/out/test/vscode/suite
//   WORKSPACE       the folder VS Code opens: EXT_DEV_PATH/test/fixtures/workspace
//   CHROMIUM        /usr/bin/chromium
//   TEST_TIMEOUT_MS 240000 for the whole run; VERBOSE=1 shows code-server stdout and browser console; SHOT=x.png
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const util = require('util');

const REPO = path.resolve(__dirname, '../..');
const CODE_SERVER = path.resolve(process.env.CODE_SERVER || path.join(__dirname, 'node_modules/.bin/code-server'));
const EXT = path.resolve(process.env.EXT_DEV_PATH || REPO);
const TESTS = path.resolve(process.env.EXT_TESTS_PATH || path.join(EXT, 'out/test/vscode/suite'));
const WORKSPACE = path.resolve(process.env.WORKSPACE || path.join(EXT, 'test/fixtures/workspace'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 240000);
const VERBOSE = !!process.env.VERBOSE;
const say = (...a) => console.log('[vscode-host]', ...a);

function preflight() {
  const problems = [];
  if (!fs.existsSync(CODE_SERVER)) problems.push(`code-server not found at ${CODE_SERVER}: run  bash test/vscode-host/setup.sh`);
  if (!fs.existsSync(CHROMIUM)) problems.push(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM)`);
  // VS Code waits forever for a test runner that is not there, so check it now instead of timing out later
  if (!fs.existsSync(TESTS) && !fs.existsSync(TESTS + '.js')) problems.push(`no extension tests at ${TESTS}: run  npm run build`);
  if (!fs.existsSync(WORKSPACE)) problems.push(`workspace folder ${WORKSPACE} does not exist`);
  if (problems.length) { problems.forEach((p) => console.error('[vscode-host] ' + p)); process.exit(1); }
}

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

async function waitHttp(url, ms, cs) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (cs.exitCode !== null) throw new Error(`code-server exited with code ${cs.exitCode} before serving`);
    try { const r = await fetch(url); if (r.status < 500) return; } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('code-server did not come up: ' + url);
}

async function main() {
  preflight();
  // playwright-core lives beside code-server (this folder's package.json), not in the extension's dependencies
  const { chromium } = require(require.resolve('playwright-core', { paths: [path.resolve(path.dirname(CODE_SERVER), '../..'), __dirname] }));
  const t0 = Date.now();
  const port = Number(process.env.PORT || 0) || await freePort();
  const tmp = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'lectern-vscode-'));
  // code-server, VS Code and Chromium all write config, logs, machine ids and crash dumps under $HOME otherwise
  const xdg = { XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_DATA_HOME: path.join(tmp, 'data'), XDG_CACHE_HOME: path.join(tmp, 'cache'),
    XDG_STATE_HOME: path.join(tmp, 'state'), XDG_RUNTIME_DIR: path.join(tmp, 'run') };
  Object.values(xdg).forEach((d) => fs.mkdirSync(d, { recursive: true, mode: 0o700 }));
  // The workbench otherwise queries the extension gallery (open-vsx.org, unreachable) and logs the failure;
  // EXTENSIONS_GALLERY='{}' (no serviceUrl) below switches the gallery off altogether.
  fs.mkdirSync(path.join(tmp, 'user/User'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'user/User/settings.json'), JSON.stringify({
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'workbench.enableExperiments': false,
  }, null, 1));
  // An empty --extensions-dir is this host's --disable-extensions: only built-ins and the extension under test load.
  // --log info: below that, the extension host's console (mocha's output) never reaches codeAutomationLog.
  // detached: its own process group, so cleanup can end the extension host and language server it starts too.
  const cs = spawn(CODE_SERVER, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', path.join(tmp, 'user'), '--extensions-dir', path.join(tmp, 'exts'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', '--disable-proxy', '--log', process.env.CS_LOG || 'info',
  ], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...xdg, CS_DISABLE_FILE_DOWNLOADS: '1', EXTENSIONS_GALLERY: '{}' } });
  cs.stdout.on('data', (d) => { if (VERBOSE) process.stderr.write('[cs] ' + d); });
  let stopping = false; // code-server's shutdown chatter (watchers being terminated) is not news
  cs.stderr.on('data', (d) => { if (!stopping || VERBOSE) process.stderr.write('[cs] ' + d); });

  let browser;
  let cleaning;
  // one cleanup, however many callers (a signal can arrive while main() is finishing): all wait for the same one
  const cleanup = () => (cleaning ??= (async () => {
    if (browser) await browser.close().catch(() => {});
    stopping = true;
    if (cs.exitCode === null && cs.signalCode === null) {
      const gone = new Promise((r) => { cs.once('exit', r); setTimeout(r, 5000); });
      cs.kill('SIGTERM');
      await gone;
    }
    // then whatever it left behind in its process group (ESRCH when nothing is left)
    try { process.kill(-cs.pid, 'SIGKILL'); } catch {}
    fs.rmSync(tmp, { recursive: true, force: true });
  })());
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { say(`${sig}: stopping`); cleanup().then(() => process.exit(130)); });

  let exitCode = 1;
  try {
    await waitHttp(`http://127.0.0.1:${port}/healthz`, 30000, cs);
    say(`code-server up after ${Date.now() - t0} ms`);
    browser = await chromium.launch({
      executablePath: CHROMIUM, env: { ...process.env, ...xdg },
      // playwright would exit(130) on a signal before code-server is stopped; cleanup() stops both
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The workbench reports through these two hooks when it runs extension tests (what Electron's main process
    // does on the desktop): the suite's console output, then its exit code.
    let resolveDone;
    const done = new Promise((resolve) => { resolveDone = resolve; });
    await page.exposeFunction('codeAutomationExit', (code) => resolveDone(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (type === 'info' || type === 'error' || VERBOSE) console.log(util.format(...args));
    });
    if (VERBOSE) page.on('console', (m) => console.log('[browser]', m.text().slice(0, 400)));

    // code-server refuses --extensionDevelopmentPath on its command line; the workbench URL's payload carries it.
    const host = `127.0.0.1:${port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${host}${EXT}`],
      ['extensionTestsPath', `vscode-remote://${host}${TESTS}`],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(`http://${host}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(payload)}`);
    let timer;
    const timeout = new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`tests did not finish within ${TIMEOUT_MS} ms`)), TIMEOUT_MS); });
    exitCode = await Promise.race([done, timeout]);
    clearTimeout(timer);
    if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT }).catch(() => {});
    say(`extension tests finished with code ${exitCode} after ${Date.now() - t0} ms`);
  } catch (e) {
    console.error('[vscode-host] ERROR', e && e.stack || e);
    exitCode = 1;
  } finally {
    await cleanup();
  }
  process.exit(exitCode);
}

main();
