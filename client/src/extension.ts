// The VS Code client: starts and restarts the language server, shows its status, registers the
// commands. It does no analysis.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMPARE_COMMAND, registerCompare } from './compare';
import { SPEAKING_TIME_NOTIFICATION, SpeakingTimeItem, type SpeakingTimeStatus } from './speaking-time';
import { registerInsertFormula } from './insert-formula';
import { StatusItem, type ServerStatus } from './status';

const STATUS_NOTIFICATION = 'lectern/status';
const REINDEX_REQUEST = 'lectern/reindex';

let client: LanguageClient | undefined;

/** What the extension offers other extensions (and its own integration tests). */
export interface LecternApi {
  /** Every status the server has reported since activation, oldest first. */
  statusHistory(): readonly ServerStatus[];
  /** The speaking-time status bar text for the active editor, if shown. */
  speakingTime(): string | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<LecternApi> {
  const output = vscode.window.createOutputChannel('Lectern', { log: true });
  const status = new StatusItem();
  const speakingTime = new SpeakingTimeItem();
  context.subscriptions.push(output, status, speakingTime);

  async function start(): Promise<void> {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { language: 'statement' },
        { language: 'markdown', scheme: 'file' },
        { language: 'plaintext', scheme: 'file' },
        { language: 'markdown', scheme: 'untitled' },
        { language: 'plaintext', scheme: 'untitled' },
      ],
      synchronize: { configurationSection: 'lectern' },
      outputChannel: output,
      // hovers carry command links (open, compare, mark as intentional): run only these
      markdown: { isTrusted: { enabledCommands: ['lectern.openSource', 'lectern.markIntentional', COMPARE_COMMAND] } },
      initializationOptions: { storagePath: context.storageUri?.fsPath, globalStoragePath: context.globalStorageUri.fsPath, clientCommands: [COMPARE_COMMAND] },
    };
    client = new LanguageClient('lectern', 'Lectern', serverOptions, clientOptions);
    client.onNotification(STATUS_NOTIFICATION, (s: ServerStatus) => status.update(s));
    client.onNotification(SPEAKING_TIME_NOTIFICATION, (s: SpeakingTimeStatus) => speakingTime.update(s));
    status.update({ state: 'starting', statements: 0, words: 0, skipped: 0, problems: [], message: 'starting' });
    await client.start();
  }

  async function stop(): Promise<void> {
    const c = client;
    client = undefined;
    status.update({ state: 'stopped', statements: 0, words: 0, skipped: 0, problems: [], message: 'server stopped' });
    if (c) await c.stop();
  }

  registerCompare(context);
  registerInsertFormula(context, () => client);
  context.subscriptions.push(
    vscode.commands.registerCommand('lectern.restartServer', async () => { await stop(); await start(); }),
    vscode.commands.registerCommand('lectern.reindex', async () => {
      if (!client) { void vscode.window.showWarningMessage('Lectern: the server is not running.', 'Restart server').then((a) => a && vscode.commands.executeCommand('lectern.restartServer')); return; }
      await client.sendRequest(REINDEX_REQUEST);
    }),
    vscode.commands.registerCommand('lectern.showLog', () => output.show(true)),
  );

  try {
    await start();
  } catch (e) {
    output.error(`server failed to start: ${(e as Error).message}`);
    void vscode.window.showErrorMessage('Lectern: the language server failed to start.', 'Show log').then((a) => a && output.show(true));
  }
  return { statusHistory: () => status.history, speakingTime: () => speakingTime.text };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
