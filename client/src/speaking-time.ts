// The status bar item with the active draft's speaking time. The server computes it as the user types and sends it
// (lectern/speakingTime); this only shows the value for the editor in front.
import * as vscode from 'vscode';

export const SPEAKING_TIME_NOTIFICATION = 'lectern/speakingTime';

export interface SpeakingTimeStatus { uri: string; words: number; seconds: number; targetSeconds: number; text: string; tooltip: string }

export class SpeakingTimeItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lectern.speakingTime', vscode.StatusBarAlignment.Right, 100);
  private readonly byUri = new Map<string, SpeakingTimeStatus>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.item.name = 'Lectern speaking time';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.show()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    ];
  }

  update(s: SpeakingTimeStatus): void {
    this.byUri.set(s.uri, s);
    this.show();
  }

  /** What the item shows now (for the integration tests). */
  get text(): string | undefined { return this.current() && this.item.text; }

  private current(): SpeakingTimeStatus | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    return uri === undefined ? undefined : this.byUri.get(uri);
  }

  private show(): void {
    const s = this.current();
    if (!s) { this.item.hide(); return; }
    this.item.text = `$(clock) ${s.text}`;
    this.item.tooltip = s.tooltip;
    this.item.backgroundColor = s.targetSeconds && s.seconds > s.targetSeconds ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void { this.item.dispose(); for (const d of this.subscriptions) d.dispose(); }
}
