// `npm run test:nvim`: the built language server (dist/server.js) driven by headless Neovim's LSP client
// (test/nvim/smoke.lua) on the fixture draft. Last line: "1 passed, 0 failed" or "0 passed, 1 failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const server = join(root, 'dist/server.js');
const nvim = process.env.NVIM_BIN || 'nvim';
const timeoutMs = Number(process.env.NVIM_TEST_TIMEOUT_MS || 90_000); // whole run; smoke.lua waits 30 s for diagnostics

function finish(ok, why) {
  if (why) console.error(`[nvim] ${why}`);
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(ok ? 0 : 1);
}

const probe = spawnSync(nvim, ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) finish(false, `Neovim not found ('${nvim} --version' failed): apt-get install neovim (CI's .ci/run does)`);
console.log(`[nvim] ${probe.stdout.split('\n')[0]}`);
if (!existsSync(server)) finish(false, `${server} missing: run npm run build`);

// --clean skips user config and plugins; the XDG folders keep shada, swap and LSP logs out of $HOME.
const xdg = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'lectern-nvim-'));
const env = {
  ...process.env,
  XDG_CONFIG_HOME: join(xdg, 'config'), XDG_DATA_HOME: join(xdg, 'data'), XDG_STATE_HOME: join(xdg, 'state'), XDG_CACHE_HOME: join(xdg, 'cache'),
  LSP_SERVER: server,
  LSP_FILE: join(root, 'test/fixtures/workspace/draft.statement'),
  LSP_ROOT: join(root, 'test/fixtures/workspace'),
  LSP_CORPUS: join(root, 'corpus'),
};
const t0 = Date.now();
const child = spawn(nvim, ['--headless', '--clean', '-c', `luafile ${join(root, 'test/nvim/smoke.lua')}`],
  { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
const timer = setTimeout(() => { console.error(`[nvim] no result within ${timeoutMs} ms; stopping nvim`); child.kill('SIGKILL'); }, timeoutMs);
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  rmSync(xdg, { recursive: true, force: true });
  console.log(`[nvim] exited with ${code ?? signal} after ${Date.now() - t0} ms`);
  finish(code === 0);
});
