// The LSP adapter: the only code that knows LSP. It turns requests into calls on the core service
// and core findings into LSP results. Handlers stay short: find the document, delegate, convert.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, TextDocumentSyncKind,
  type CodeAction, type Command, type Connection, type Hover, type InitializeParams, type InitializeResult, type Location, type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { approvedPassages, type ApprovedPassages } from '../core/approved';
import { formulaPicks, parseBuiltinFormulas, type BuiltinFormula } from '../core/formula-picks';
import { EMPTY_GLOSSARY } from '../core/glossary';
import { liveCount, liveWords } from '../core/corpus';
import { INTENTIONAL_MARKER } from '../core/markers';
import { EMPTY_FORMULA_SET } from '../core/formula-types';
import { createLecternService, indexStatements, type CheckOptions, type LecternService } from '../core/service';
import type { Logger } from '../core/types';
import { defaultCacheDir } from '../node/cache-dir';
import { cacheWrites } from '../node/corpus-cache';
import { readStatement } from '../node/statement-files';
import { COMPARE_COMMAND, MARK_INTENTIONAL_COMMAND, OPEN_SOURCE_COMMAND, reuseActions, type ApprovedFile } from './code-actions';
import { FORMULAS_REQUEST, FormulaCompletions, type FormulasParams } from './completion';
import { spanToRange, toDiagnostic, uriToPath, pathToUri, type SourceDocument } from './convert';
import { Corpora, specFor, type FileChange } from './corpora';
import { draftHover } from './draft-hover';
import { glossaryPath, loadGlossary, type GlossaryFile } from './glossary-file';
import type { HoverCommands } from './hover';
import { quickFixes } from './quick-fixes';
import { sectionLenses, SpeakingTimes, speakingTimeStatus, SPEAKING_TIME_NOTIFICATION } from './speaking-time';
import { documentSymbols, folding } from './outline';
import { DEFAULT_SETTINGS, parseSettings, type LecternSettings } from './settings';
import { formatCount } from '../core/format';

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

/** Initialization options a client may pass (editors without workspace/configuration use corpusPaths). */
interface InitOptions { corpusPaths?: string[]; settings?: unknown; clientCommands?: string[]; storagePath?: string; globalStoragePath?: string; cacheDir?: string }

const DEBOUNCE_MS = 120;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = connectionLogger(connection);
  let roots: string[] = [];
  let initOptions: InitOptions = {};
  let canPullConfig = false;
  const settingsByRoot = new Map<string, LecternSettings>();
  const reported = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  const sourceDocs = new Map<string, TextDocument>();
  let generation = 0;
  let readyGeneration = 0;
  let approved: { file: ApprovedFile; passages: ApprovedPassages } | undefined;
  let corpora: Corpora | undefined;
  let progress: WorkDoneProgressServerReporter | undefined;
  const glossaries = new Map<string, GlossaryFile>();
  const speakingTimes = new SpeakingTimes();
  /** While the first index is built (`startDraftOnly`): the checks that need no archive. */
  let withoutArchive: LecternService | undefined;

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
    if (!roots.length) roots = [process.cwd()];
    initOptions = (params.initializationOptions ?? {}) as InitOptions;
    canPullConfig = !!params.capabilities.workspace?.configuration;
    const cacheDir = initOptions.cacheDir ?? initOptions.storagePath ?? initOptions.globalStoragePath ?? defaultCacheDir();
    corpora = new Corpora({ log, cacheDir, workerScript: join(__dirname, 'index-worker.js'), factsWorkerScript: join(__dirname, 'archive-facts-worker.js'), progress: reportProgress, building: startDraftOnly, changed: () => { sourceDocs.clear(); sendReady(); revalidateAll(); }, factsChanged: () => revalidateAll() });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [OPEN_SOURCE_COMMAND, MARK_INTENTIONAL_COMMAND] },
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        completionProvider: { resolveProvider: true },
      },
      serverInfo: { name: 'lectern', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'lectern' });
    void reindex();
  });

  connection.onDidChangeConfiguration(() => void reindex());
  connection.onRequest(REINDEX_REQUEST, () => reindex());

  async function readSettings(root: string): Promise<LecternSettings> {
    let raw: unknown = initOptions.settings;
    if (canPullConfig) {
      try { raw = (await connection.workspace.getConfiguration({ scopeUri: pathToUri(root), section: 'lectern' })) ?? raw; }
      catch (e) { log.warn(`cannot read settings from the client: ${(e as Error).message}`); }
    }
    const { settings, errors } = parseSettings(raw, settingsByRoot.get(root) ?? DEFAULT_SETTINGS);
    for (const e of errors) {
      if (reported.has(e)) continue;
      reported.add(e);
      log.warn(e);
      void connection.window.showWarningMessage(`Lectern: ${e}`);
    }
    return settings;
  }

  function sendStatus(s: Partial<ServerStatus> & { state: ServerStatus['state'] }): void {
    const full: ServerStatus = { statements: 0, words: 0, skipped: 0, problems: [], message: '', ...s };
    void connection.sendNotification(STATUS_NOTIFICATION, full);
  }

  function reportProgress(done: number, total: number): void {
    const message = `indexing ${formatCount(done)} / ${formatCount(total)} statements`;
    progress?.report(total ? Math.round((100 * done) / total) : 0, message);
    sendStatus({ state: 'indexing', statements: done, message });
  }

  async function reindex(): Promise<void> {
    const gen = ++generation;
    // one round trip for all folders' settings, not one after another
    const read = await Promise.all(roots.map(readSettings));
    roots.forEach((root, i) => settingsByRoot.set(root, read[i]));
    const override = !canPullConfig && initOptions.corpusPaths?.length ? initOptions.corpusPaths : undefined;
    const folders = roots.map((root) => ({ root, spec: specFor(root, settingsByRoot.get(root)!, override) }));
    sendStatus({ state: 'indexing', message: 'indexing' });
    // each run ends its own progress: a second run (the client's first didChangeConfiguration) starts while the first awaits.
    // The corpus opens while the client creates the progress (a round trip that used to come first): an index read
    // from its cache reports no progress, and a build's first report comes long after the answer.
    const creating = connection.window.createWorkDoneProgress().then((created) => {
      progress = created;
      created.begin('Lectern', 0, 'indexing the corpus', false);
      return created;
    }, () => undefined);
    try {
      loadApproved();
      loadGlossaries();
      // the open drafts are checked as soon as the corpus is open: awaiting the progress as well let the check of
      // the folders against the cache (scheduled by the opening) run first, ~15 ms before the first diagnostics
      await corpora!.configure(folders);
      // a later run took over; if it has already finished, its ready status was overwritten by this run's progress
      if (gen !== generation) { if (readyGeneration === generation) sendReady(); return; }
      for (const e of corpora!.all()) for (const p of e.problems) log.warn(`${p.path}: ${p.message}`);
      sourceDocs.clear();
      sendReady();
      readyGeneration = gen;
      revalidateAll();
    } catch (e) {
      log.error(`indexing failed: ${(e as Error).stack ?? e}`);
      sendStatus({ state: 'error', message: `indexing failed: ${(e as Error).message}` });
      return;
    } finally {
      const mine = await creating;
      mine?.done();
      if (progress === mine) progress = undefined;
    }
    // after the diagnostics are on their way (the connection writes them from a setImmediate):
    // starting the facts worker delayed them by ~50 ms at start-up
    setImmediate(() => {
      corpora!.startFacts();
      void watchCorpusFolders();
    });
  }

  function sendReady(): void {
    const all = corpora!.all();
    const statements = all.reduce((n, e) => n + liveCount(e.corpus), 0);
    const problems = all.flatMap((e) => e.problems.map((p) => `${p.path}: ${p.message}`));
    sendStatus({ state: 'ready', statements, words: all.reduce((n, e) => n + liveWords(e.corpus), 0), skipped: problems.length, problems, message: `${formatCount(statements)} statements indexed` });
  }

  /** Asks the client to report created, changed and deleted files under every corpus folder. */
  async function watchCorpusFolders(): Promise<void> {
    const watchers = corpora!.all().flatMap((e) => e.spec.folders.map((f) => ({ globPattern: { baseUri: pathToUri(f), pattern: '**/*' } })));
    if (approved) watchers.push({ globPattern: { baseUri: pathToUri(roots[0]), pattern: '**/*.md' } });
    for (const g of glossaries.values()) watchers.push({ globPattern: { baseUri: pathToUri(dirname(g.path)), pattern: basename(g.path) } });
    const t0 = performance.now();
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers })
      .then(() => log.info(`watching ${watchers.length} folder(s) for changed statements (registered in ${(performance.now() - t0).toFixed(0)} ms)`))
      .catch((e: Error) => log.warn(`the client cannot watch the corpus folders (${e.message}): changes on disk are seen on the next start`));
  }

  connection.onDidChangeWatchedFiles((e) => {
    const changes: FileChange[] = [];
    for (const c of e.changes) {
      const path = uriToPath(c.uri);
      if (!path) continue;
      if (approved && c.uri === approved.file.uri) { loadApproved(); continue; }
      if (isGlossary(path)) { loadGlossaries(); continue; }
      changes.push({ path, kind: c.type === FileChangeType.Deleted ? 'deleted' : c.type === FileChangeType.Created ? 'created' : 'changed' });
    }
    if (corpora?.filesChanged(changes)) { for (const c of changes) sourceDocs.delete(c.path); sendReady(); }
    revalidateAll();
  });

  /** The approved-boilerplate file of the first workspace folder: open in the editor, or on disk. */
  function loadApproved(): void {
    const root = roots[0];
    const settings = settingsByRoot.get(root) ?? DEFAULT_SETTINGS;
    const path = isAbsolute(settings.reuse.approvedFile) ? settings.reuse.approvedFile : resolve(root, settings.reuse.approvedFile);
    const uri = pathToUri(path);
    const open = documents.get(uri);
    const read = open ? { text: open.getText() } : existsSync(path) ? readStatement(path) : undefined;
    if (read && 'problem' in read) log.warn(`${path}: ${read.problem}`);
    const text = read && 'text' in read ? read.text : undefined;
    approved = { file: { uri, text }, passages: approvedPassages(text ?? '') };
    if (text !== undefined) log.info(`approved boilerplate: ${approved.passages.count} passages from ${path}`);
  }

  /** Each workspace folder's team glossary; a problem with it is reported once and the rest keeps serving. */
  function loadGlossaries(): void {
    for (const root of roots) {
      const path = glossaryPath(root, (settingsByRoot.get(root) ?? DEFAULT_SETTINGS).glossary.file);
      const g = loadGlossary(path, documents.get(pathToUri(path))?.getText());
      glossaries.set(root, g);
      if (g.glossary.entries.size) log.info(`team glossary: ${g.glossary.entries.size} terms from ${path}`);
      for (const p of g.problems) {
        log.warn(p);
        if (!reported.has(p)) { reported.add(p); void connection.window.showWarningMessage(`Lectern: ${p}`); }
      }
    }
  }

  function isGlossary(path: string | undefined): boolean {
    return !!path && [...glossaries.values()].some((g) => g.path === path);
  }

  function rootOf(path: string | undefined): string {
    return roots.filter((r) => path?.startsWith(r)).sort((a, b) => b.length - a.length)[0] ?? roots[0];
  }

  function settingsOf(path: string | undefined): LecternSettings {
    return settingsByRoot.get(rootOf(path)) ?? DEFAULT_SETTINGS;
  }

  /** `doc`: the draft being checked, whose speaking time (kept per version) the timing check reuses. */
  function checkOptions(path: string | undefined, doc?: TextDocument): Partial<CheckOptions> {
    const settings = settingsOf(path);
    const draft = {
      tables: corpora?.entryFor(path)?.facts.tables, glossary: glossaries.get(rootOf(path))?.glossary,
      noExpansion: settings.acronyms.noExpansion, houseSpelling: settings.spelling.house, wordsPerMinute: settings.timing.wordsPerMinute,
      speakingTime: doc && timeOf(doc),
    };
    return { minWords: settings.reuse.minWords, severity: settings.diagnostics.severity, approved: approved?.passages, draft };
  }

  /**
   * While the first index is built (seconds on a large archive; a cache is read in a fraction of
   * one), the checks that need no archive answer: acronyms, spelling, timing, a paragraph repeated
   * in the draft. The diagnostics refresh when the index is ready.
   */
  function startDraftOnly(): void {
    if (corpora!.all().length || withoutArchive) return;
    withoutArchive = createLecternService({ index: indexStatements([]), reader: { readText: () => undefined } });
    revalidateAll();
  }

  /** The service of the document's corpus; while the first index is built, one without an archive. */
  function serviceFor(doc: TextDocument): LecternService | undefined {
    return corpora?.entryFor(uriToPath(doc.uri))?.service ?? withoutArchive;
  }

  function draftOf(doc: TextDocument) {
    return { path: uriToPath(doc.uri), text: doc.getText(), key: doc.uri };
  }

  function validate(doc: TextDocument): void {
    const service = serviceFor(doc);
    if (!service) return;
    try {
      const draft = draftOf(doc);
      // the check computes the speaking time from the words and blocks it keeps up to date around each keystroke
      const known = speakingTimes.has(doc, settingsOf(draft.path).timing.wordsPerMinute);
      const { findings, speakingTime } = service.check(draft, checkOptions(draft.path, known ? doc : undefined));
      if (speakingTime) speakingTimes.remember(doc, speakingTime);
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: findings.map((f) => toDiagnostic(doc, f, sourceDoc)) });
      void connection.sendNotification(SPEAKING_TIME_NOTIFICATION, speakingTimeStatus(doc.uri, timeOf(doc)));
    } catch (e) {
      log.error(`checking ${doc.uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  function revalidateAll(): void {
    for (const doc of documents.all()) validate(doc);
  }

  function schedule(doc: TextDocument): void {
    clearTimeout(timers.get(doc.uri));
    timers.set(doc.uri, setTimeout(() => { timers.delete(doc.uri); const d = documents.get(doc.uri); if (d) validate(d); }, DEBOUNCE_MS));
  }

  documents.onDidOpen((e) => validate(e.document));
  function timeOf(doc: TextDocument) {
    return speakingTimes.of(doc, settingsOf(uriToPath(doc.uri)).timing.wordsPerMinute);
  }

  documents.onDidChangeContent((e) => {
    if (approved && e.document.uri === approved.file.uri) { loadApproved(); revalidateAll(); return; }
    if (isGlossary(uriToPath(e.document.uri))) { loadGlossaries(); revalidateAll(); return; }
    schedule(e.document);
  });
  documents.onDidClose((e) => { clearTimeout(timers.get(e.document.uri)); speakingTimes.forget(e.document.uri); void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }); });

  /** The finding under a position, for hover, definition and code actions. */
  function findingAt(doc: TextDocument, offset: number) {
    const draft = draftOf(doc);
    return serviceFor(doc)?.hover(draft, offset, checkOptions(draft.path, doc));
  }

  connection.onHover((params): Hover | null => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      const path = uriToPath(doc.uri);
      return draftHover(doc, doc.offsetAt(params.position), {
        service: serviceFor(doc), options: checkOptions(path, doc), tables: corpora?.entryFor(path)?.facts.tables, glossary: glossaries.get(rootOf(path))?.glossary ?? EMPTY_GLOSSARY,
        times: speakingTimes, wordsPerMinute: settingsOf(path).timing.wordsPerMinute, sourceDoc, commands: hoverCommands(),
      });
    } catch (e) { log.error(`hover failed: ${(e as Error).stack ?? e}`); return null; }
  });

  connection.onDefinition((params): Location[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    try {
      const info = findingAt(doc, doc.offsetAt(params.position));
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
        if (typeof d.code === 'string' && !d.code.startsWith('reuse.')) {
          const draft = draftOf(doc);
          const start = doc.offsetAt(d.range.start);
          const f = serviceFor(doc)?.check(draft, checkOptions(draft.path, doc)).findings.find((x) => x.code === d.code && x.span.start === start);
          if (f) out.push(...quickFixes(doc, f, d));
          continue;
        }
        const info = findingAt(doc, doc.offsetAt(d.range.start));
        if (info) out.push(...reuseActions({ doc, finding: info.finding, sourceDoc, approvedFile: approved?.file, clientCommands: initOptions.clientCommands ?? [] }));
      }
      return out;
    } catch (e) { log.error(`code actions failed: ${(e as Error).stack ?? e}`); return []; }
  });

  /** Command links in hovers, for clients that can run them (ours says so in clientCommands). */
  function hoverCommands(): HoverCommands | undefined {
    const client = initOptions.clientCommands ?? [];
    if (!client.length) return undefined;
    return { open: OPEN_SOURCE_COMMAND, compare: client.includes(COMPARE_COMMAND) ? COMPARE_COMMAND : undefined, markIntentional: MARK_INTENTIONAL_COMMAND };
  }

  connection.onDocumentSymbol((params) => {
    const doc = documents.get(params.textDocument.uri);
    try { return doc ? documentSymbols(doc) : []; } catch (e) { log.error(`outline failed: ${(e as Error).stack ?? e}`); return []; }
  });

  connection.onCodeLens((params) => {
    const doc = documents.get(params.textDocument.uri);
    try { return doc ? sectionLenses(doc, timeOf(doc)) : []; } catch (e) { log.error(`code lens failed: ${(e as Error).stack ?? e}`); return []; }
  });

  connection.onFoldingRanges((params) => {
    const doc = documents.get(params.textDocument.uri);
    try { return doc ? folding(doc) : []; } catch (e) { log.error(`folding failed: ${(e as Error).stack ?? e}`); return []; }
  });

  const completions = new FormulaCompletions();
  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    const entry = doc && corpora?.entryFor(uriToPath(doc.uri));
    try { return entry ? completions.complete(doc, entry.facts.tables.formulas, params.position) : []; }
    catch (e) { log.error(`completion failed: ${(e as Error).stack ?? e}`); return []; }
  });
  connection.onCompletionResolve((item) => completions.resolve(item));

  connection.onRequest(FORMULAS_REQUEST, (params: FormulasParams) => {
    const entry = corpora?.entryFor(params.uri ? uriToPath(params.uri) : undefined);
    try { return formulaPicks(params.group === 'closing' ? 'closing' : 'opening', entry?.facts.tables.formulas ?? EMPTY_FORMULA_SET, builtinFormulas()); }
    catch (e) { log.error(`formulas failed: ${(e as Error).stack ?? e}`); return []; }
  });

  let builtins: BuiltinFormula[] | undefined;
  /** The extension's built-in snippets (snippets/ beside dist/), read once. */
  function builtinFormulas(): BuiltinFormula[] {
    if (builtins) return builtins;
    const file = join(__dirname, '../snippets/statement.code-snippets');
    try { builtins = parseBuiltinFormulas(readFileSync(file, 'utf8')); }
    catch (e) { log.warn(`built-in formulas not available (${file}): ${(e as Error).message}`); builtins = []; }
    return builtins;
  }

  connection.onExecuteCommand(async (params) => {
    const [uri, where] = params.arguments ?? [];
    if (typeof uri !== 'string') return;
    if (params.command === OPEN_SOURCE_COMMAND) await connection.window.showDocument({ uri, selection: where, takeFocus: true });
    // the writer clicked "Mark this reuse as intentional": the one edit this command makes
    if (params.command === MARK_INTENTIONAL_COMMAND) await connection.workspace.applyEdit({ label: 'Mark reuse as intentional', edit: { changes: { [uri]: [{ range: { start: where, end: where }, newText: ` ${INTENTIONAL_MARKER}` }] } } });
  });

  // an index cache being written on a worker thread is finished before the client's exit ends the process
  connection.onShutdown(() => cacheWrites());

  documents.listen(connection);
  connection.listen();
  sendStatus({ state: 'starting' });
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
