// "Compare with source": a side-by-side diff of a draft passage and the source passage it reuses.
// Each side is a read-only virtual document holding just that passage, so the diff shows the
// words that changed rather than two whole speeches.
import * as vscode from 'vscode';

export const COMPARE_COMMAND = 'lectern.compareWithSource';
const SCHEME = 'lectern-passage';

interface PassageRef { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }

class PassageProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = JSON.parse(uri.query) as PassageRef;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
    const r = ref.range;
    // one sentence per line: a diff of prose reads best when line breaks fall between sentences
    return doc.getText(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character))
      .replace(/\s+/g, ' ').replace(/([.!?;:]["”’]?) (?=\S)/g, '$1\n').trim() + '\n';
  }
}

function passageUri(name: string, ref: PassageRef): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: `/${name}`, query: JSON.stringify(ref) });
}

export function registerCompare(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, new PassageProvider()),
    vscode.commands.registerCommand(COMPARE_COMMAND, async (draftUri: string, draftRange: PassageRef['range'], sourceUri: string, sourceRange: PassageRef['range'], label = 'source') => {
      const left = passageUri(`source — ${vscode.Uri.parse(sourceUri).path.split('/').pop()}`, { uri: sourceUri, range: sourceRange });
      const right = passageUri(`draft — ${vscode.Uri.parse(draftUri).path.split('/').pop()}`, { uri: draftUri, range: draftRange });
      await vscode.commands.executeCommand('vscode.diff', left, right, `${label} ↔ draft`);
    }),
  );
}
