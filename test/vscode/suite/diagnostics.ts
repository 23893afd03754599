// Lectern's diagnostics as a real VS Code holds them, for the suites: filter them, and wait for them without a
// sleep (the server publishes when its index is ready and after each edit).
import * as vscode from 'vscode';

const TIMEOUT_MS = 60_000;

export const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

/** The document's lectern diagnostics, or only those of `code`. */
export const lecternDiagnostics = (uri: vscode.Uri, code?: string): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'lectern' && (code === undefined || codeOf(d) === code));

/** Every diagnostic of the document in brief, for a failure message. */
export const describeDiagnostics = (uri: vscode.Uri): string => JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) =>
  ({ source: d.source, code: codeOf(d), range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], message: d.message.slice(0, 120) })));

/** Resolves with the lectern diagnostics (of `code` only, when given) once `done` holds for them, checked now and on every change of them. */
export function waitForDiagnostics(uri: vscode.Uri, done: (ds: vscode.Diagnostic[]) => boolean, what: string, code?: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => { const ds = lecternDiagnostics(uri, code); if (done(ds)) { clearTimeout(timer); sub.dispose(); resolve(ds); } };
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`${what}: not within ${TIMEOUT_MS / 1000} s; diagnostics now: ${describeDiagnostics(uri)}`)); }, TIMEOUT_MS);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === uri.toString())) check(); });
    check();
  });
}
