// Plain data shared by the core. No LSP, no file system: offsets are UTF-16 code units into a text.

/** A half-open range of UTF-16 offsets into one text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** What is known about a statement. Empty string = unknown (never guessed). */
export interface StatementMeta {
  title: string;
  speaker: string;
  role: string;
  /** ISO 8601: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date: string;
  venue: string;
  occasion: string;
  language: string;
  /** Target delivery time in seconds, from front matter or a header note ("~3 minutes"); 0 = none. */
  targetSeconds: number;
}

export const EMPTY_META: Readonly<StatementMeta> = Object.freeze({
  title: '', speaker: '', role: '', date: '', venue: '', occasion: '', language: '', targetSeconds: 0,
});

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A severity, or 'off' to not report a code at all. */
export type SeverityOrOff = Severity | 'off';

/** Stable diagnostic codes: users filter and suppress by them. */
export type FindingCode = 'reuse.verbatim' | 'reuse.edited' | 'reuse.common' | 'reuse.internal' | 'acronym.unexpanded' | 'spelling.house' | 'timing.over';

/** An edit of the draft a quick fix makes (only when the writer picks it). */
export interface TextEdit { readonly span: Span; readonly newText: string }
export interface QuickFix { readonly title: string; readonly edits: readonly TextEdit[] }

/** One place a reused passage was found. */
export interface SourceMatch {
  /** Corpus-relative id of the statement (its path as the corpus names it). */
  readonly docId: number;
  readonly path: string;
  readonly span: Span;
  readonly meta: Readonly<StatementMeta>;
  /** 0..1: share of words the draft passage and the source passage have in common, in order. */
  readonly similarity: number;
}

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  /** Best first. Empty for `reuse.common`, which carries `statementCount` instead. */
  readonly sources: readonly SourceMatch[];
  /** For `reuse.common`: how many corpus statements contain the passage. */
  readonly statementCount?: number;
  /** For `reuse.internal`: the earlier occurrence in the same draft. */
  readonly internalSpan?: Span;
  /** Quick fixes, best first (`acronym.unexpanded`, `spelling.house`). */
  readonly fixes?: readonly QuickFix[];
}

/** Something odd about an input that analysis skipped or worked around. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export const SILENT_LOGGER: Logger = Object.freeze({ error() {}, warn() {}, info() {}, debug() {} });
