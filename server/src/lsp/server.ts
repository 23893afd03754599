// The LSP adapter: the only code that knows LSP. It turns requests into calls on the core service
// and core findings into LSP results. Handlers stay short: find the document, delegate, convert.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind,
  type CodeAction, type Command, type Connection, type Hover, type InitializeParams, type InitializeResult, type Location,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { approvedPassages, type ApprovedPassages } from '../core/approved';
import type { CorpusIndex } from '../core/corpus-index';
import { IndexBuilder } from '../core/corpus-index';
import { createLecternService, type CheckOptions, type LecternService } from '../core/service';
import type { Logger, Problem } from '../core/types';
import { loadCorpus } from '../node/load-corpus';
import { DEFAULT_MAX_FILE_BYTES, readStatement, resolveFolders } from '../node/statement-files';
import { spanToRange, toDiagnostic, uriToPath, pathToUri, type SourceDocument } from './convert';
import { OPEN_SOURCE_COMMAND, reuseActions, type ApprovedFile } from './code-actions';
import { findingHover } from './hover';
import { DEFAULT_SETTINGS, parseSettings, type LecternSettings } from './settings';

export const STATUS_NOTIFICATION = 'lectern/status';
export const REINDEX_REQUEST = 'lectern/reindex';

export interface ServerStatus {
  state: 'starting' | 'indexing' | 'ready' | 'error';
  statements: number;
  words: number;
  skipped: number;
  problems: string[];
  message: string;
}

/** Initialization options a client may pass (editors without workspace/configuration use these). */
interface InitOptions { corpusPaths?: string[]; settings?: unknown; clientCommands?: string[] }

const DEBOUNCE_MS = 120;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = connectionLogger(connection);
  let service: LecternService = emptyService();
  let roots: string[] = [];
  let initOptions: InitOptions = {};
  let canPullConfig = false;
  let settings: LecternSettings = DEFAULT_SETTINGS;
  const reported = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  const sourceDocs = new Map<string, TextDocument>();
  let generation = 0;
  let approved: { file: ApprovedFile; passages: ApprovedPassages } | undefined;

  const sourceDoc: SourceDocument = (path) => {
    let d = sourceDocs.get(path);
    if (!d) {
      const read = readStatement(path);
      if (!('text' in read)) return undefined;
      d = TextDocument.create(pathToUri(path), 'plaintext', 0, read.text);
      sourceDocs.set(path, d);
      if (sourceDocs.size > 64) sourceDocs.delete(sourceDocs.keys().next().value!);
    }
    return d;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    roots = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (!roots.length && params.rootUri) roots = [URI.parse(params.rootUri).fsPath];
    initOptions = (params.initializationOptions ?? {}) as InitOptions;
    canPullConfig = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [OPEN_SOURCE_COMMAND] },
      },
      serverInfo: { name: 'lectern', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'lectern' });
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.md' }] }).catch(() => undefined);
    void reindex();
  });

  connection.onDidChangeConfiguration(() => void reindex());
  connection.onDidChangeWatchedFiles((e) => {
    if (approved && e.changes.some((c) => c.uri === approved!.file.uri)) { loadApproved(); revalidateAll(); }
  });
  connection.onRequest(REINDEX_REQUEST, () => reindex());

  async function readSettings(): Promise<LecternSettings> {
    let raw: unknown = initOptions.settings;
    if (canPullConfig) {
      try { raw = (await connection.workspace.getConfiguration({ scopeUri: roots[0] ? pathToUri(roots[0]) : undefined, section: 'lectern' })) ?? raw; }
      catch (e) { log.warn(`cannot read settings from the client: ${(e as Error).message}`); }
    }
    const { settings: parsed, errors } = parseSettings(raw, settings);
    for (const e of errors) {
      if (reported.has(e)) continue;
      reported.add(e);
      log.warn(e);
      void connection.window.showWarningMessage(`Lectern: ${e}`);
    }
    return parsed;
  }

  function sendStatus(s: Partial<ServerStatus> & { state: ServerStatus['state'] }): void {
    const full: ServerStatus = { statements: 0, words: 0, skipped: 0, problems: [], message: '', ...s };
    void connection.sendNotification(STATUS_NOTIFICATION, full);
  }

  async function reindex(): Promise<void> {
    const gen = ++generation;
    settings = await readSettings();
    const base = roots[0] ?? process.cwd();
    const paths = initOptions.corpusPaths?.length && !canPullConfig ? initOptions.corpusPaths : settings.corpus.paths;
    const folders = [...new Set(roots.length ? roots.flatMap((r) => resolveFolders(paths, r)) : resolveFolders(paths, base))];
    sendStatus({ state: 'indexing', message: `indexing ${folders.join(', ')}` });
    log.info(`indexing corpus folders: ${folders.join(', ') || '(none)'}`);
    try {
      const loaded = await loadCorpus({ folders, include: settings.corpus.include, exclude: settings.corpus.exclude, maxFileBytes: DEFAULT_MAX_FILE_BYTES },
        (done, total) => { if (gen === generation && total > 0) sendStatus({ state: 'indexing', statements: done, message: `indexing ${done}/${total} statements` }); });
      if (gen !== generation) return;
      reportProblems(loaded.problems);
      service = createLecternService({ index: loaded.index, reader: { readText: (p) => { const r = readStatement(p); return 'text' in r ? r.text : undefined; } }, logger: log });
      sourceDocs.clear();
      const ix = loaded.index;
      log.info(`indexed ${ix.statements.length} statements (${ix.totalWords} words) in ${loaded.millis.toFixed(0)} ms; ${loaded.problems.length} skipped`);
      loadApproved();
      sendStatus({ state: 'ready', statements: ix.statements.length, words: ix.totalWords, skipped: loaded.problems.length, problems: loaded.problems.map((p) => `${p.path}: ${p.message}`),
        message: `${ix.statements.length} statements indexed` });
      revalidateAll();
    } catch (e) {
      log.error(`indexing failed: ${(e as Error).stack ?? e}`);
      sendStatus({ state: 'error', message: `indexing failed: ${(e as Error).message}` });
    }
  }

  function reportProblems(problems: readonly Problem[]): void {
    for (const p of problems) log.warn(`${p.path}: ${p.message}`);
  }

  /** The approved-boilerplate file of the first workspace folder: open in the editor, or on disk. */
  function loadApproved(): void {
    const root = roots[0];
    if (!root) { approved = undefined; return; }
    const path = isAbsolute(settings.reuse.approvedFile) ? settings.reuse.approvedFile : resolve(root, settings.reuse.approvedFile);
    const uri = pathToUri(path);
    const open = documents.get(uri);
    const read = open ? { text: open.getText() } : existsSync(path) ? readStatement(path) : undefined;
    if (read && 'problem' in read) log.warn(`${path}: ${read.problem}`);
    const text = read && 'text' in read ? read.text : undefined;
    approved = { file: { uri, text }, passages: approvedPassages(text ?? '') };
    if (text !== undefined) log.info(`approved boilerplate: ${approved.passages.count} passages from ${path}`);
  }

  function checkOptions(): Partial<CheckOptions> {
    return { minWords: settings.reuse.minWords, severity: settings.diagnostics.severity, approved: approved?.passages };
  }

  function revalidateAll(): void {
    for (const doc of documents.all()) validate(doc);
  }

  function draftOf(doc: TextDocument) {
    return { path: uriToPath(doc.uri), text: doc.getText(), key: doc.uri };
  }

  function validate(doc: TextDocument): void {
    try {
      const { findings } = service.check(draftOf(doc), checkOptions());
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: findings.map((f) => toDiagnostic(doc, f, sourceDoc)) });
    } catch (e) {
      log.error(`checking ${doc.uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  function schedule(doc: TextDocument): void {
    clearTimeout(timers.get(doc.uri));
    timers.set(doc.uri, setTimeout(() => { timers.delete(doc.uri); const d = documents.get(doc.uri); if (d) validate(d); }, DEBOUNCE_MS));
  }

  documents.onDidOpen((e) => validate(e.document));
  documents.onDidChangeContent((e) => {
    if (approved && e.document.uri === approved.file.uri) { loadApproved(); revalidateAll(); return; }
    schedule(e.document);
  });
  documents.onDidClose((e) => { clearTimeout(timers.get(e.document.uri)); void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }); });

  connection.onHover((params): Hover | null => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      const info = service.hover(draftOf(doc), doc.offsetAt(params.position), checkOptions());
      if (!info) return null;
      return { contents: { kind: 'markdown', value: findingHover(info.finding, sourceDoc) }, range: spanToRange(doc, info.span) };
    } catch (e) { log.error(`hover failed: ${(e as Error).stack ?? e}`); return null; }
  });

  connection.onDefinition((params): Location[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    try {
      const info = service.hover(draftOf(doc), doc.offsetAt(params.position), checkOptions());
      if (!info) return [];
      return info.finding.sources.flatMap((s) => { const src = sourceDoc(s.path); return src ? [{ uri: src.uri, range: spanToRange(src, s.span) }] : []; });
    } catch (e) { log.error(`definition failed: ${(e as Error).stack ?? e}`); return []; }
  });

  connection.onCodeAction((params): (CodeAction | Command)[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    try {
      const out: (CodeAction | Command)[] = [];
      for (const d of params.context.diagnostics) {
        if (d.source !== 'lectern') continue;
        const info = service.hover(draftOf(doc), doc.offsetAt(d.range.start), checkOptions());
        if (info) out.push(...reuseActions({ doc, finding: info.finding, sourceDoc, approvedFile: approved?.file, clientCommands: initOptions.clientCommands ?? [] }));
      }
      return out;
    } catch (e) { log.error(`code actions failed: ${(e as Error).stack ?? e}`); return []; }
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== OPEN_SOURCE_COMMAND) return;
    const [uri, range] = params.arguments ?? [];
    if (typeof uri !== 'string') return;
    await connection.window.showDocument({ uri, selection: range, takeFocus: true });
  });

  documents.listen(connection);
  connection.listen();
  sendStatus({ state: 'starting' });
}

function emptyService(): LecternService {
  const index: CorpusIndex = new IndexBuilder().finish();
  return createLecternService({ index, reader: { readText: () => undefined } });
}

/** Logs to the client's output (never stdout: with --stdio it carries the protocol). */
function connectionLogger(connection: Connection): Logger {
  return {
    error: (m) => connection.console.error(m),
    warn: (m) => connection.console.warn(m),
    info: (m) => connection.console.info(m),
    debug: (m) => connection.console.log(m),
  };
}
