// The extensionTestsPath module: VS Code's extension host calls run() once the window is up and the extension
// under development is installed. Rejecting makes the run exit non-zero.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  // Say which editor build this is: the log is the record of which VS Code the tier ran in.
  console.log(`[lectern] running in VS Code ${vscode.version} (${vscode.env.appName}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, `
    + `extension host ${vscode.env.remoteName ? `remote:${vscode.env.remoteName}` : 'local'}, node ${process.version})`);
  // The reuse test waits up to 60 s for the first diagnostics (the server indexes the corpus first).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000 });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // runTest.ts looks for "N passed, N failed" and repeats it as the tier's last line
      console.log(`[lectern] vscode suite: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} tests failed.`)); else resolve();
    });
  });
}
