// Bundles the extension client, the language server, its index and archive-facts workers and the CLI into dist/,
// and the test suites into out/test/ (node --test and the VS Code extension host run plain JS).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };

function testFiles(dir, suffix = '.test.ts') {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'fixtures' && name !== 'vscode-host') out = out.concat(testFiles(p, suffix)); }
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
}

rmSync('out', { recursive: true, force: true });
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/node/index-worker.ts'], outfile: 'dist/index-worker.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/node/archive-facts-worker.ts'], outfile: 'dist/archive-facts-worker.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // core and protocol tests: each file bundled on its own so `node --test` runs them in isolation
  esbuild.build({ ...common, entryPoints: [...testFiles('test/core'), ...testFiles('test/protocol')], outdir: 'out/test', outbase: 'test' }),
  // the real-VS Code tier: mocha and vscode come from the extension host
  esbuild.build({ ...common, entryPoints: [...testFiles('test/vscode/suite'), 'test/vscode/suite/index.ts'], outdir: 'out/test/vscode/suite', external: ['vscode', 'mocha'] }),
  esbuild.build({ ...common, entryPoints: ['test/vscode/runTest.ts'], outfile: 'out/test/vscode/runTest.js', external: ['@vscode/test-electron'] }),
  // the quality evaluation and the benchmark (run on the UNGDC corpus in ../shared)
  ...['eval/run.ts', 'bench/run.ts', 'bench/completion.ts', 'bench/keystroke.ts'].filter((f) => existsSync(f)).map((f) =>
    esbuild.build({ ...common, entryPoints: [f], outfile: `out/${f.replace(/\.ts$/, '.js')}` })),
]);
