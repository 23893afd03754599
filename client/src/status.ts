// The status bar item: what the server is doing and how big the indexed archive is.
import * as vscode from 'vscode';

export interface ServerStatus {
  state: 'starting' | 'indexing' | 'ready' | 'error' | 'stopped';
  statements: number;
  words: number;
  skipped: number;
  problems: string[];
  message: string;
}

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lectern.status', vscode.StatusBarAlignment.Left, 0);
  readonly history: ServerStatus[] = [];

  constructor() {
    this.item.name = 'Lectern';
    this.item.command = 'lectern.showLog';
    this.item.show();
  }

  update(s: ServerStatus): void {
    this.history.push(s);
    if (this.history.length > 200) this.history.shift();
    const icon = { starting: '$(loading~spin)', indexing: '$(sync~spin)', ready: '$(book)', error: '$(error)', stopped: '$(debug-stop)' }[s.state];
    const text = s.state === 'ready' ? `${s.statements.toLocaleString('en')} statements` : s.message;
    this.item.text = `${icon} Lectern: ${text}`;
    const skipped = s.skipped ? `\n\n${s.skipped} file(s) skipped:\n${s.problems.slice(0, 10).map((p) => `- ${p}`).join('\n')}` : '';
    this.item.tooltip = new vscode.MarkdownString(`**Lectern** — ${s.message}${s.words ? ` (${s.words.toLocaleString('en')} words)` : ''}${skipped}\n\nClick to show the log.`);
    this.item.backgroundColor = s.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : s.skipped ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void { this.item.dispose(); }
}
