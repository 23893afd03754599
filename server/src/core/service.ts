// The Lectern service: built once from a corpus (its index layers) and a way to read statements back, it
// answers checks and hovers for drafts. Plain data in, plain data out; no I/O of its own.
import { approvedRanges, type ApprovedPassages } from './approved';
import { DraftMemo } from './draft-chunks';
import { draftChecks, type DraftCheckOptions } from './draft-checks';
import { type CorpusIndex, IndexBuilder } from './corpus-index';
import { isCorpus, liveDocOf, singleLayer, statementAt, type Corpus } from './corpus';
import { changedRegion, editWindow } from './incremental';
import { intentionalMarkers, isMarkedIntentional, maskComments } from './markers';
import { formatDate } from './metadata';
import { resegment, segment, type Block } from './paragraphs';
import { findReuse, type ReuseMatch, type SourceWords } from './reuse';
import { speakingTime, type SpeakingTime } from './timing';
import { retokenize, tokenize, type Words } from './words';
import { SILENT_LOGGER, type Finding, type FindingCode, type Logger, type SeverityOrOff, type SourceMatch, type Span, type StatementMeta } from './types';

export interface CheckOptions {
  minWords: number;
  severity: Readonly<Record<FindingCode, SeverityOrOff>>;
  /** The team's approved boilerplate, never reported. */
  approved?: ApprovedPassages;
  /** The speechwriter's checks (acronyms, house spelling, speaking time) and what they read. */
  draft?: DraftCheckOptions;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = Object.freeze({
  minWords: 12,
  severity: Object.freeze({
    'reuse.verbatim': 'warning', 'reuse.edited': 'warning', 'reuse.common': 'information', 'reuse.internal': 'warning',
    'acronym.unexpanded': 'warning', 'spelling.house': 'warning', 'timing.over': 'warning',
  } as const),
});

/** Reads a statement's text back by its corpus path (on demand: the index holds no text). */
export interface StatementReader {
  readText(path: string): string | undefined;
}

export interface Draft {
  /** The draft's own path when it has one (a draft inside the corpus is not matched against itself). */
  readonly path?: string;
  readonly text: string;
  /**
   * Identifies one draft across checks (its URI): the next check of the same key re-checks only
   * around what changed. Without it every check is a full check.
   */
  readonly key?: string;
}

export interface CheckResult {
  readonly findings: readonly Finding[];
  /** The draft's speaking time, when the speechwriter's checks ran (`options.draft`). */
  readonly speakingTime?: SpeakingTime;
}

export interface HoverInfo {
  readonly span: Span;
  readonly finding: Finding;
}

export interface LecternService {
  readonly corpus: Corpus;
  check(draft: Draft, options?: Partial<CheckOptions>): CheckResult;
  /** The reuse finding under an offset of a draft, if any. */
  hover(draft: Draft, offset: number, options?: Partial<CheckOptions>): HoverInfo | undefined;
  statement(docId: number): { path: string; meta: Readonly<StatementMeta> } | undefined;
}

export interface ServiceInit {
  /** The corpus; a single index is a one-layer corpus. */
  readonly index: CorpusIndex | Corpus;
  readonly reader: StatementReader;
  readonly logger?: Logger;
  /**
   * Source statements already read back, by path: a service built for the corpus after a file
   * changed keeps its predecessor's (the caller deletes the changed paths), so its first check
   * does not read every matched statement from disk again.
   */
  readonly sources?: SourceCache;
}

/** Statements read back and tokenized, by path, most recently used last. */
export type SourceCache = Map<string, { words: Words; text: string }>;

/** Source word lists kept for re-use between checks; a typing session touches the same few. */
const SOURCE_CACHE_SIZE = 256;
/** Drafts whose last check is remembered for incremental re-checks. */
const DRAFT_CACHE_SIZE = 32;

interface LastCheck {
  /** The draft as written, and as analysed (comments blanked). */
  raw: string; text: string;
  optionsKey: string; approved: unknown; tables: unknown; glossary: unknown;
  /** Reuse findings (the part re-used incrementally), and everything reported. */
  findings: readonly Finding[]; reported: readonly Finding[];
  /** The words of `text` and the blocks of `raw`, re-used around the next edit. */
  words: Words; blocks: readonly Block[];
  /** What the speechwriter's checks learned of the draft's chunks, and the speaking time they reported. */
  memo: DraftMemo; speakingTime?: SpeakingTime;
}

export function createLecternService({ index, reader, logger = SILENT_LOGGER, sources: sourceCache = new Map() }: ServiceInit): LecternService {
  const corpus = isCorpus(index) ? index : singleLayer(index);
  const lastChecks = new Map<string, LastCheck>();

  const sources = new ServiceSources(corpus, reader, logger, sourceCache);
  const source = (docId: number) => sources.read(docId);

  // the options as a string, made again only when the caller passes other option objects (the server passes the same
  // ones on every keystroke until the settings change)
  let lastKey: { minWords: number; severity: unknown; noExpansion: unknown; houseSpelling: unknown; wordsPerMinute: unknown; key: string } | undefined;
  function keyOf(minWords: number, severity: CheckOptions['severity'], d: DraftCheckOptions): string {
    const k = lastKey;
    if (k && k.minWords === minWords && k.severity === severity && k.noExpansion === d.noExpansion && k.houseSpelling === d.houseSpelling && k.wordsPerMinute === d.wordsPerMinute) return k.key;
    const key = `${minWords}|${JSON.stringify(severity)}|${JSON.stringify([d.noExpansion, d.houseSpelling, d.wordsPerMinute])}`;
    lastKey = { minWords, severity, noExpansion: d.noExpansion, houseSpelling: d.houseSpelling, wordsPerMinute: d.wordsPerMinute, key };
    return key;
  }

  function check(draft: Draft, partial: Partial<CheckOptions> = {}): CheckResult {
    const options = { ...DEFAULT_CHECK_OPTIONS, ...partial };
    const d = options.draft ?? {};
    const optionsKey = keyOf(options.minWords, options.severity, d);
    const last = draft.key === undefined ? undefined : lastChecks.get(draft.key);
    const sameOptions = !!last && last.optionsKey === optionsKey && last.approved === options.approved && last.tables === d.tables && last.glossary === d.glossary;
    // hover, definition and code actions ask about the text that was just checked
    if (sameOptions && last.raw === draft.text) return { findings: last.reported, ...(last.speakingTime ? { speakingTime: last.speakingTime } : {}) };
    // what is analysed is the text with comments blanked: typing "<!--" can change it far from the cursor
    const analysed = maskComments(draft.text);
    // a keystroke re-reads only the text around it: re-tokenising and re-segmenting the whole of a
    // 5,000-word draft was 60% of a keystroke's re-check (bench/profile.ts)
    const region = last && changedRegion(last.text, analysed);
    const words = last && region ? retokenize(last.words, last.text, analysed, region.prefix, region.suffix) : tokenize(analysed);
    const rawRegion = last && (last.raw === last.text && draft.text === analysed ? region : changedRegion(last.raw, draft.text));
    const blocks = last && rawRegion ? resegment(last.blocks, last.raw, draft.text, rawRegion.prefix, rawRegion.suffix) : segment(draft.text);
    const edit = sameOptions ? editWindow(last.text, analysed, last.findings, region) : undefined;
    const reuse = edit ? [...edit.kept, ...reuseFindings(draft, words, options, edit.window)] : reuseFindings(draft, words, options);
    const markers = intentionalMarkers(draft.text);
    const reported = [...reuse, ...internalReuse(blocks, words, options)].filter((f) => !isMarkedIntentional(draft.text, f.span, markers));
    // the speechwriter's checks when the caller asks for them (the language server does; `lectern check` does not),
    // on what this check has already: the words and blocks kept up to date around the edit, and for a keyed draft what
    // the last check learned of its chunks
    const memo = last?.memo ?? new DraftMemo();
    let time: SpeakingTime | undefined;
    if (options.draft) {
      const parts = { blocks, words };
      time = d.speakingTime ?? speakingTime(draft.text, { wordsPerMinute: d.wordsPerMinute }, parts);
      reported.push(...draftChecks(draft.text, { ...d, speakingTime: time }, options.severity, { memo, masked: analysed, parts }));
    }
    reported.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    if (draft.key !== undefined) {
      lastChecks.delete(draft.key);
      lastChecks.set(draft.key, { raw: draft.text, text: analysed, optionsKey, approved: options.approved, tables: d.tables, glossary: d.glossary, findings: reuse, reported, words, blocks, memo, ...(time ? { speakingTime: time } : {}) });
      if (lastChecks.size > DRAFT_CACHE_SIZE) lastChecks.delete(lastChecks.keys().next().value!);
    }
    return { findings: reported, ...(time ? { speakingTime: time } : {}) };
  }

  /** Reuse and common-passage findings of the draft, or of the words inside `range`. */
  function reuseFindings(draft: Draft, words: Words, options: CheckOptions, range?: Span): Finding[] {
    const self = draft.path === undefined ? undefined : liveDocOf(corpus, draft.path);
    const excludeDocs = new Set<number>(self === undefined ? [] : [self]);
    const result = findReuse(words, corpus, sources, { minWords: options.minWords, excludeDocs, commonSources: 5 }, range);
    const findings: Finding[] = [];
    const approved = options.approved ? approvedRanges(words, options.approved, options.minWords) : [];
    const isApproved = (dStart: number, dEnd: number) => approved.some((a) => Math.min(a.end, dEnd) - Math.max(a.start, dStart) >= 0.8 * (dEnd - dStart));
    for (const p of result.passages) {
      if (isApproved(p.dStart, p.dEnd)) continue;
      // the source covering most of the passage first; then the most similar; then the more
      // precisely dated, more recent statement (a 12-word fragment elsewhere is not the source)
      const matched = new Map(p.matches.map((m) => [m.docId, m.matched]));
      const sources = p.matches.map((m) => toSource(m)).filter((s): s is SourceMatch => !!s)
        .sort((a, b) => matched.get(b.docId)! - matched.get(a.docId)! || b.similarity - a.similarity || (a.meta.date < b.meta.date ? 1 : a.meta.date > b.meta.date ? -1 : 0));
      if (!sources.length) continue;
      const verbatim = p.matches.find((m) => m.docId === sources[0].docId)!.exact;
      const code: FindingCode = verbatim ? 'reuse.verbatim' : 'reuse.edited';
      const severity = options.severity[code];
      if (severity === 'off') continue;
      findings.push({ code, severity, span: wordSpan(draft.text, words, p.dStart, p.dEnd), message: reuseMessage(code, sources), sources });
    }
    const commonSeverity = options.severity['reuse.common'];
    for (const c of result.common) {
      if (commonSeverity === 'off' || isApproved(c.dStart, c.dEnd)) continue;
      findings.push({
        code: 'reuse.common', severity: commonSeverity, span: wordSpan(draft.text, words, c.dStart, c.dEnd), sources: [], statementCount: c.statementCount,
        message: `Common passage: it appears in about ${c.statementCount} statements of the archive (a stock formula, not copying).`,
      });
    }
    return findings;
  }

  function toSource(m: ReuseMatch): SourceMatch | undefined {
    const s = source(m.docId);
    const st = statementAt(corpus, m.docId);
    if (!s || !st) return undefined;
    return { docId: m.docId, path: st.path, meta: st.meta, similarity: m.similarity, span: wordSpan(s.text, s.words, m.sStart, m.sEnd) };
  }

  return Object.freeze({
    corpus,
    check,
    hover(draft: Draft, offset: number, options?: Partial<CheckOptions>) {
      const f = check(draft, options).findings.find((x) => x.code.startsWith('reuse.') && x.span.start <= offset && offset <= x.span.end);
      return f && { span: f.span, finding: f };
    },
    statement(docId: number) {
      const st = statementAt(corpus, docId);
      return st && { path: st.path, meta: st.meta };
    },
  });
}

/** Source statements of one service, read back and tokenized on demand, through the (shared) cache. */
class ServiceSources implements SourceWords {
  constructor(private readonly corpus: Corpus, private readonly reader: StatementReader, private readonly logger: Logger, private readonly cache: SourceCache) {}

  read(docId: number): { words: Words; text: string } | undefined {
    const path = statementAt(this.corpus, docId)?.path;
    const hit = path === undefined ? undefined : this.cache.get(path);
    if (hit) { this.cache.delete(path!); this.cache.set(path!, hit); return hit; }
    const text = path === undefined ? undefined : this.reader.readText(path);
    if (text === undefined) { this.logger.warn(`cannot read ${path ?? `statement #${docId}`} back from the corpus; its matches are skipped`); return undefined; }
    const entry = { words: tokenize(text), text };
    this.cache.set(path!, entry);
    if (this.cache.size > SOURCE_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  words(docId: number): Words | undefined { return this.read(docId)?.words; }
}

/** Builds an index from statements held in memory (tests, small corpora). */
export function indexStatements(statements: Iterable<{ path: string; text: string; meta: StatementMeta }>): CorpusIndex {
  const b = new IndexBuilder();
  for (const s of statements) b.add(s.path, s.text, s.meta);
  return b.finish();
}

const CLOSERS = /^[.,;:!?"”’')\]]+/;
const OPENERS = /["“‘'(\[]$/;

/** Span of words [from, to), widened over adjoining quotes and closing punctuation. */
export function wordSpan(text: string, words: Words, from: number, to: number): Span {
  let start = words.start[from];
  let end = words.end[to - 1];
  const close = CLOSERS.exec(text.slice(end, end + 4));
  if (close) end += close[0].length;
  if (OPENERS.test(text.slice(Math.max(0, start - 1), start))) start -= 1;
  return { start, end };
}

export function sourceLabel(meta: Readonly<StatementMeta>, path: string): string {
  const title = meta.title || path.split('/').pop() || path;
  const who = [meta.speaker, meta.date && formatDate(meta.date)].filter(Boolean).join(', ');
  return who ? `“${title}” (${who})` : `“${title}”`;
}

function reuseMessage(code: FindingCode, sources: readonly SourceMatch[]): string {
  const best = sources[0];
  const pct = Math.round(best.similarity * 100);
  const head = code === 'reuse.verbatim'
    ? `Reused verbatim from ${sourceLabel(best.meta, best.path)}`
    : `Reused with edits (${pct}% similar) from ${sourceLabel(best.meta, best.path)}`;
  const more = sources.length > 1 ? `; also in ${sources.length - 1} other statement${sources.length > 2 ? 's' : ''}` : '';
  return `${head}${more}.`;
}

/** Paragraphs of at least `minWords` words that repeat an earlier paragraph of the same draft. */
function internalReuse(blocks: readonly Block[], words: Words, options: CheckOptions): Finding[] {
  const severity = options.severity['reuse.internal'];
  if (severity === 'off') return [];
  const seen = new Map<number, Span>();
  const out: Finding[] = [];
  let w = 0;
  for (const b of blocks) {
    if (b.kind !== 'paragraph' && b.kind !== 'bullet') continue;
    while (w < words.count && words.start[w] < b.span.start) w++;
    let e = w;
    while (e < words.count && words.end[e] <= b.span.end) e++;
    if (e - w >= options.minWords) {
      let h = e - w;
      for (let i = w; i < e; i++) h = (Math.imul(h, 0x9e3779b1) + words.hash[i]) >>> 0;
      // the hash and the word count as one number (exact below 2^21 words): a string key per paragraph was 5% of what a
      // keystroke's re-check allocated (bench/keystroke.ts LECTERN_KEYSTROKE_PROFILE=heap)
      const key = h + (e - w) * 0x100000000;
      const first = seen.get(key);
      if (first) {
        out.push({ code: 'reuse.internal', severity, span: b.span, sources: [], internalSpan: first, message: 'This paragraph repeats an earlier paragraph of this draft.' });
      } else seen.set(key, b.span);
    }
    w = e;
  }
  return out;
}

