#!/usr/bin/env node
// Screenshots of what a user sees: code-server with Lectern installed (a symlink in a fresh --extensions-dir, as
// `code --install-extension` would leave it), the fixture draft open with its reuse squiggle, the hover card and
// the Problems panel. Not a test tier; a way to look at the real UI (and to refresh the README's screenshots).
// Needs `npm run build` (dist/) and bash test/vscode-host/setup.sh.
//
// Environment (all optional; defaults fit this repository):
//   CODE_SERVER  test/vscode-host/node_modules/.bin/code-server     EXT_DEV_PATH  the repository root
//   WORKSPACE    EXT_DEV_PATH/test/fixtures/workspace               OPEN_FILE     draft.statement (in WORKSPACE)
//   HOVER_AT     text at the start of the line to hover ('Turning to the main agenda')
//   HOVER_TEXT   text the hover card must show ('Kit Malthouse'; '' skips the hover shot)
//   HOVER_WORD   hover this word of that line instead of the line's start (in its first visual line)
//   TRIGGER_COMPLETION_AT  text at the start of a line: a new empty line after it, then the completion list with
//                          its details (06-completion; '' skips it) ('We will continue': the last paragraph)
//   COMPLETION_TEXT        text an item of that list must show, focused for the shot ('In closing': mined from 001, 002)
//   SHOTS        folder for the PNGs (EXT_DEV_PATH/out/ui-shots)    INSTALL_MODE=vsix installs EXT/<name>-<version>.vsix
//   CHROMIUM     /usr/bin/chromium                                   PFX   file name prefix for the PNGs
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '../..');
const CODE_SERVER = path.resolve(process.env.CODE_SERVER || path.join(__dirname, 'node_modules/.bin/code-server'));
const EXT = path.resolve(process.env.EXT_DEV_PATH || REPO);
const PKG = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
const WORKSPACE = path.resolve(process.env.WORKSPACE || path.join(EXT, 'test/fixtures/workspace'));
const OPEN_FILE = process.env.OPEN_FILE || 'draft.statement';
const HOVER_AT = process.env.HOVER_AT || 'Turning to the main agenda';
const HOVER_TEXT = process.env.HOVER_TEXT ?? 'Kit Malthouse';
const HOVER_WORD = process.env.HOVER_WORD || '';
const TRIGGER_COMPLETION_AT = process.env.TRIGGER_COMPLETION_AT ?? 'We will continue';
const COMPLETION_TEXT = process.env.COMPLETION_TEXT || 'In closing';
const SHOTS = path.resolve(process.env.SHOTS || path.join(EXT, 'out/ui-shots'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PFX = process.env.PFX || '';
const shot = (name) => path.join(SHOTS, `${PFX}${name}.png`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (!fs.existsSync(CODE_SERVER)) { console.error(`code-server not found at ${CODE_SERVER}: run  bash test/vscode-host/setup.sh`); process.exit(1); }
if (!fs.existsSync(path.join(EXT, PKG.main || 'dist/client.js'))) { console.error(`${EXT} is not built: run  npm run build`); process.exit(1); }
const { chromium } = require(require.resolve('playwright-core', { paths: [path.resolve(path.dirname(CODE_SERVER), '../..'), __dirname] }));

fs.mkdirSync(SHOTS, { recursive: true });
const ROOT = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'lectern-ui-'));
const EXTS = path.join(ROOT, 'exts'); fs.mkdirSync(EXTS);
// keep code-server, VS Code and Chromium out of $HOME
const xdg = { XDG_CONFIG_HOME: path.join(ROOT, 'config'), XDG_DATA_HOME: path.join(ROOT, 'data'), XDG_CACHE_HOME: path.join(ROOT, 'cache'),
  XDG_STATE_HOME: path.join(ROOT, 'state'), XDG_RUNTIME_DIR: path.join(ROOT, 'run') };
Object.values(xdg).forEach((d) => fs.mkdirSync(d, { recursive: true, mode: 0o700 }));
const env = { ...process.env, ...xdg, EXTENSIONS_GALLERY: '{}' }; // no gallery: open-vsx.org is unreachable
const common = ['--user-data-dir', path.join(ROOT, 'user'), '--extensions-dir', EXTS];
// a first-run profile would otherwise cover the editor with notifications (the repository's .git is a parent folder)
fs.mkdirSync(path.join(ROOT, 'user/User'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'user/User/settings.json'), JSON.stringify({
  'git.openRepositoryInParentFolders': 'never', 'files.autoSave': 'off', 'extensions.ignoreRecommendations': true, 'telemetry.telemetryLevel': 'off',
}, null, 1));

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address(); await new Promise((r) => srv.close(r)); return port;
}

(async () => {
  if (process.env.INSTALL_MODE === 'vsix') {
    const vsix = path.join(EXT, `${PKG.name}-${PKG.version}.vsix`);
    const r = spawnSync(CODE_SERVER, [...common, '--install-extension', vsix], { encoding: 'utf8', env });
    console.log('install-extension rc=' + r.status, (r.stdout + r.stderr).trim().slice(0, 500));
  } else {
    fs.symlinkSync(EXT, path.join(EXTS, `${PKG.publisher}.${PKG.name}-${PKG.version}`));
  }
  const port = Number(process.env.PORT || 0) || await freePort();
  const cs = spawn(CODE_SERVER, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', ...common, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', '--log', 'warn'],
  { stdio: ['ignore', 'inherit', 'inherit'], env, detached: true });
  // detached (its own process group, so stopping it also stops the extension host and language server) means a
  // Ctrl+C in the terminal no longer reaches it: pass signals on
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { try { process.kill(-cs.pid, 'SIGKILL'); } catch {} process.exit(130); });
  let browser;
  let page;
  try {
    for (let i = 0; i < 150; i++) { try { await fetch(`http://127.0.0.1:${port}/healthz`); break; } catch { await sleep(200); } }
    browser = await chromium.launch({ executablePath: CHROMIUM, env, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(WORKSPACE)}`);
    await page.waitForSelector('.monaco-workbench .explorer-folders-view .monaco-list-row', { timeout: 60000 });
    console.log('workbench ready in', Date.now() - t0, 'ms');
    await page.screenshot({ path: shot('02-workbench') });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: OPEN_FILE }).click();
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
    // the squiggle appears once the server has indexed the corpus and published its reuse.verbatim Warning
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 });
    console.log('warning squiggle visible after', Date.now() - t0, 'ms');
    await page.screenshot({ path: shot('03-file-with-diagnostics') });
    if (HOVER_TEXT) {
      // cursor to the start of the reused paragraph, then "Show Hover" from the keyboard (Ctrl+K Ctrl+I)
      const line = page.locator('.monaco-editor .view-line', { hasText: HOVER_AT }).first();
      await line.click({ position: { x: 4, y: 8 } });
      await page.keyboard.press('Home');
      const column = HOVER_WORD ? (await line.innerText()).replace(/\u00a0/g, ' ').indexOf(HOVER_WORD) + 1 : 0;
      for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Control+K'); await page.keyboard.press('Control+I');
      const hov = page.locator('.monaco-hover').getByText(HOVER_TEXT).first();
      await hov.waitFor({ timeout: 15000 });
      console.log('hover text:', JSON.stringify((await hov.innerText()).slice(0, 200)));
      await sleep(600); // the hover card fades in: a screenshot at once catches it half transparent
      await page.screenshot({ path: shot('04-hover') });
    }
    await page.keyboard.press('Escape');
    if (TRIGGER_COMPLETION_AT) {
      await page.locator('.monaco-editor .view-line', { hasText: TRIGGER_COMPLETION_AT }).first().click();
      // End twice: the first stops at the end of a wrapped line's first row
      await page.keyboard.press('End'); await page.keyboard.press('End');
      await page.keyboard.press('Enter'); await page.keyboard.press('Enter');
      // the mined formulas arrive once the server has mined the archive (after its index): ask again until they do
      const item = page.locator('.suggest-widget .monaco-list-row', { hasText: COMPLETION_TEXT }).first();
      for (let tries = 0; ; tries++) {
        await page.keyboard.press('Control+Space');
        try { await item.waitFor({ timeout: 3000 }); break; } catch (e) { if (tries >= 20) throw e; await page.keyboard.press('Escape'); }
      }
      // focus the item (a click would accept it): down the list from the first row
      const rows = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
      for (let i = rows.findIndex((t) => t.includes(COMPLETION_TEXT)); i > 0; i--) await page.keyboard.press('ArrowDown');
      // the details pane beside the list: the formula, its placeholders, the statements that used it
      if (!(await page.locator('.suggest-details-container .suggest-details').isVisible().catch(() => false))) await page.keyboard.press('Control+Space');
      await page.locator('.suggest-details', { hasText: 'Used in' }).first().waitFor({ timeout: 10000 }).catch(() => console.log('(no details pane)'));
      // moving the focus away and back lays the details pane out again at the height of its rendered Markdown
      await page.keyboard.press('ArrowDown'); await page.keyboard.press('ArrowUp');
      await page.locator('.suggest-details', { hasText: 'Used in' }).first().waitFor({ timeout: 10000 }).catch(() => {});
      console.log('completion rows:', JSON.stringify((await page.locator('.suggest-widget .monaco-list-row').allInnerTexts()).slice(0, 6).map((t) => t.replace(/\s+/g, ' '))));
      await page.screenshot({ path: shot('06-completion') });
      // leave the fixture as it was: undo the two new lines
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Z'); await page.keyboard.press('Control+Z');
    }
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 15000 });
    const problems = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    console.log('problems rows:', JSON.stringify(problems.map((p) => p.replace(/\s+/g, ' '))));
    await page.screenshot({ path: shot('05-problems') });
    console.log('screenshots in', SHOTS);
  } catch (e) {
    console.error('ERROR', e.message);
    if (page) await page.screenshot({ path: shot('error') }).catch(() => {});
    process.exitCode = 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    await new Promise((r) => { if (cs.exitCode !== null) r(); else { cs.once('exit', r); cs.kill('SIGTERM'); setTimeout(r, 5000); } });
    try { process.kill(-cs.pid, 'SIGKILL'); } catch {} // whatever it left in its process group
    fs.rmSync(ROOT, { recursive: true, force: true });
  }
})();
