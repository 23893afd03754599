// A minimal LSP client for protocol tests: spawns the bundled server over stdio and speaks LSP to
// it with vscode-languageserver-protocol. Tests wait on notifications, never on fixed sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, PublishDiagnosticsNotification, ShutdownRequest, ExitNotification,
  ConfigurationRequest, type ProtocolConnection, type Diagnostic, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const ROOT = join(__dirname, '../../..');
export const SERVER = join(ROOT, 'dist/server.js');

export interface Status { state: string; statements: number; skipped: number; problems: string[]; message: string }

export class TestClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  readonly statuses: Status[] = [];
  readonly logs: string[] = [];
  /** lectern/speakingTime notifications, oldest first. */
  readonly speakingTimes: { uri: string; text: string; seconds: number; targetSeconds: number }[] = [];
  /** Work-done progress tokens the server created, and whether each has ended. */
  readonly progress = new Map<string | number, 'created' | 'begun' | 'ended'>();
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  stderr = '';
  private ownCache: string | undefined;

  /** `settings`: the lectern section for every folder, or a function of the folder's scopeUri. */
  /** `server`: the bundled server to spawn (the benchmark passes its own, bundled elsewhere). */
  constructor(private readonly settings: unknown, server = SERVER) {
    this.child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('lectern/status', (s: Status) => { this.statuses.push(s); this.wake(); });
    this.connection.onNotification('lectern/speakingTime', (t: TestClient['speakingTimes'][number]) => { this.speakingTimes.push(t); this.wake(); });
    this.connection.onNotification('window/logMessage', (m: { message: string }) => { this.logs.push(m.message); this.wake(); });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => { this.diagnostics.set(p.uri, p); this.wake(); });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (typeof this.settings === 'function' ? this.settings(item.scopeUri) : this.settings)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => { this.progress.set(p.token, 'created'); return null; });
    this.connection.onNotification('$/progress', (p: { token: string | number; value: { kind: string } }) => {
      if (p.value.kind !== 'report') this.progress.set(p.token, p.value.kind === 'end' ? 'ended' : 'begun');
      this.wake();
    });
    this.connection.onNotification('window/showMessage', (m: { message: string }) => { this.logs.push(`showMessage: ${m.message}`); this.wake(); });
    this.connection.listen();
  }

  /** Each client gets its own index cache folder unless a test passes one. */
  async initialize(workspace: string | string[], options: Record<string, unknown> = {}): Promise<void> {
    this.ownCache ??= options.cacheDir ? undefined : mkdtempSync(join(tmpdir(), 'lectern-cache-'));
    const initializationOptions = { cacheDir: this.ownCache, ...options };
    const folders = Array.isArray(workspace) ? workspace : [workspace];
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: URI.file(folders[0]).toString(), initializationOptions,
      workspaceFolders: folders.map((f, i) => ({ uri: URI.file(f).toString(), name: `ws${i}` })),
      capabilities: { workspace: { configuration: this.settings !== undefined, workspaceFolders: true }, textDocument: { publishDiagnostics: { relatedInformation: true } }, window: { workDoneProgress: true } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves when `test` holds, checked after every message from the server. */
  until<T>(test: () => T | undefined | false, what: string, ms = 20000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; statuses: ${JSON.stringify(this.statuses.slice(-3))}; stderr: ${this.stderr.slice(-500)}`)), ms);
      const check = () => {
        const v = test();
        if (v) { clearTimeout(timer); this.waiters = this.waiters.filter((w) => w !== check); resolve(v); }
      };
      this.waiters.push(check);
      check();
    });
  }

  ready(): Promise<Status> {
    return this.until(() => this.statuses.find((s) => s.state === 'ready'), 'the index to be ready');
  }

  async open(path: string, text: string, languageId = 'statement'): Promise<string> {
    const uri = URI.file(path).toString();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The diagnostics last published for `uri`. */
  latest(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri)?.diagnostics;
  }

  /** Diagnostics published for `uri` at `version` or later. */
  diagnosticsFor(uri: string, version = 1): Promise<Diagnostic[]> {
    return this.until(() => { const p = this.diagnostics.get(uri); return p && (p.version ?? version) >= version ? p.diagnostics : undefined; }, `diagnostics for ${uri} v${version}`);
  }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch { /* already gone */ }
    this.connection.dispose();
    await new Promise<void>((r) => { if (this.child.exitCode !== null) r(); else { this.child.once('exit', () => r()); setTimeout(() => { this.child.kill(); r(); }, 3000); } });
    if (this.ownCache) rmSync(this.ownCache, { recursive: true, force: true });
  }

  private wake(): void { for (const w of [...this.waiters]) w(); }
}
