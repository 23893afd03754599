// Speaking time: how long a draft (and each of its sections) takes to deliver, against the target the statement
// sets itself (front matter `duration: 3m`, or a header note such as "~3 minutes").
//
// Only what is spoken counts: paragraphs, bullets and salutation lines. Front matter, headings (section labels are
// not read out), delivery notes ("[PAUSE]") and HTML comments (the writer's notes) do not.
import { maskComments } from './markers';
import { inferMeta, readFrontMatter } from './metadata';
import { segment, type Block } from './paragraphs';
import type { Severity, Span } from './types';
import { tokenize, type Words } from './words';

/**
 * 120 words per minute: the UN's own guidance to speakers at interpreted meetings, "Speak at a moderate pace; no more
 * than 120 words per minute" (United Nations Office at Geneva, Conference Management, "Remote simultaneous
 * interpretation: best practices", https://www.ungeneva.org/en/meetings-events/rsi). Formal statements are read to be
 * interpreted, so this is the pace to plan for; reading aloud unconstrained averages about 183 words per minute
 * (Brysbaert 2019, "How many words do we read per minute? A review and meta-analysis of reading rate", Journal of
 * Memory and Language 109, 104047), which would underestimate delivery time by a third.
 */
export const DEFAULT_WORDS_PER_MINUTE = 120;

export interface SectionTime {
  /** The heading line. */
  readonly heading: Span;
  /** The heading's text, without Markdown `#` and without a target note ("~3 minutes"). */
  readonly title: string;
  readonly level: number;
  /** From the heading to the end of its last block (before the next heading of the same or a higher level). */
  readonly span: Span;
  readonly words: number;
  readonly seconds: number;
  /** The draft's title (its first block): its section is the whole draft and it carries the target. */
  readonly isTitle: boolean;
}

export interface SpeakingTime {
  readonly words: number;
  readonly seconds: number;
  readonly wordsPerMinute: number;
  /** 0 when the statement sets none. */
  readonly targetSeconds: number;
  /** Where the target is set: the front matter `duration:` line or the header note; absent when given from outside. */
  readonly targetSpan?: Span;
  readonly sections: readonly SectionTime[];
}

export interface TimingOptions {
  readonly wordsPerMinute?: number;
  /** A target from elsewhere (a manifest, a setting); wins over what the draft says. */
  readonly targetSeconds?: number;
}

/**
 * The blocks of a draft (`segment(text)`) and the words of its text with comments blanked (`tokenize(maskComments(text))`),
 * when the caller has them already: the service keeps both up to date around each keystroke (incremental.ts).
 */
export interface DraftParts {
  readonly blocks: readonly Block[];
  readonly words: Words;
}

export function speakingTime(text: string, options: TimingOptions = {}, parts: DraftParts = draftParts(text)): SpeakingTime {
  const wpm = validWpm(options.wordsPerMinute);
  const { blocks, words } = parts;
  const spoken = spokenRanges(text, blocks);
  const count = (span: Span) => countWordsIn(words, spoken, span);
  const total = count({ start: 0, end: text.length });
  const target = findTarget(text, options.targetSeconds);
  return {
    words: total, seconds: (total * 60) / wpm, wordsPerMinute: wpm,
    targetSeconds: target.seconds, ...(target.span ? { targetSpan: target.span } : {}),
    sections: sections(text, blocks, count, wpm),
  };
}

/** The section whose heading line holds `offset` (for a hover on a heading or the title). */
export function sectionAt(time: SpeakingTime, offset: number): SectionTime | undefined {
  return time.sections.find((s) => s.heading.start <= offset && offset <= s.heading.end);
}

export interface TimingFinding {
  readonly code: 'timing.over';
  readonly severity: Severity;
  /** The target note or `duration:` line, else the title, else the first line. */
  readonly span: Span;
  readonly message: string;
  readonly seconds: number;
  readonly targetSeconds: number;
  readonly overSeconds: number;
  /** Spoken words past the target at this pace. */
  readonly wordsOver: number;
  /** The first word spoken after the target time has run out. */
  readonly overrunStart: Span;
}

/** `timing.over` when the draft runs past its target by 5 seconds or more (the message rounds to 5 s). */
/** `time`: the draft's speaking time when the caller has it already (the language server keeps it per version). */
export function timingFindings(text: string, options: TimingOptions & { severity?: Severity } = {}, time?: SpeakingTime, parts?: DraftParts): TimingFinding[] {
  time ??= speakingTime(text, options, parts ??= draftParts(text));
  if (!time.targetSeconds) return [];
  if (time.seconds - time.targetSeconds < 5) return [];
  const over = Math.max(5, Math.round((time.seconds - time.targetSeconds) / 5) * 5);
  const targetWords = Math.floor((time.targetSeconds * time.wordsPerMinute) / 60);
  const span = time.targetSpan ?? time.sections.find((s) => s.isTitle)?.heading ?? firstLine(text);
  return [{
    code: 'timing.over', severity: options.severity ?? 'warning', span,
    message: `Runs about ${formatDuration(over)} over the ${formatDuration(time.targetSeconds)} target `
      + `(${formatDuration(time.seconds)} at ${time.wordsPerMinute} words per minute): cut about ${time.words - targetWords} words.`,
    seconds: time.seconds, targetSeconds: time.targetSeconds, overSeconds: time.seconds - time.targetSeconds,
    wordsOver: time.words - targetWords, overrunStart: nthSpokenWord(text, targetWords, parts ?? draftParts(text)) ?? span,
  }];
}

/** "4 min 20 s", "3 min", "45 s", "1 h 5 min": rounded to the second. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : '', s || total === 0 ? `${s} s` : ''];
  return parts.filter(Boolean).join(' ');
}

/** One line for a heading's hover or CodeLens: "120 words · 1 min at 120 wpm · target 3 min". */
export function describeSection(section: SectionTime, time: SpeakingTime): string {
  const parts = [`${section.words} word${section.words === 1 ? '' : 's'}`, `${formatDuration(section.seconds)} at ${time.wordsPerMinute} wpm`];
  if (section.isTitle && time.targetSeconds) {
    const diff = section.seconds - time.targetSeconds;
    parts.push(`target ${formatDuration(time.targetSeconds)} (${diff > 0 ? `${formatDuration(diff)} over` : `${formatDuration(-diff)} to spare`})`);
  }
  return parts.join(' · ');
}

const SPOKEN: ReadonlySet<Block['kind']> = new Set(['paragraph', 'bullet', 'salutation']);
const BULLET_MARK = /^\s*(?:[-*•‣▪◦–]|\d{1,3}[.)])\s+/;

/**
 * Spans of spoken text, in order: spoken blocks, less a bullet's own marker ("1."). Kept per list of blocks: a
 * keystroke's speaking time and its timing finding (nthSpokenWord) both ask for them.
 */
function spokenRanges(text: string, blocks: readonly Block[]): readonly Span[] {
  const kept = SPOKEN_RANGES.get(blocks);
  if (kept?.text === text) return kept.spans;
  const spans = spokenRangesOf(text, blocks);
  SPOKEN_RANGES.set(blocks, { text, spans });
  return spans;
}
const SPOKEN_RANGES = new WeakMap<readonly Block[], { text: string; spans: readonly Span[] }>();

function spokenRangesOf(text: string, blocks: readonly Block[]): Span[] {
  return blocks.filter((b) => SPOKEN.has(b.kind)).map((b) => {
    const mark = b.kind === 'bullet' ? BULLET_MARK.exec(text.slice(b.span.start, b.span.end))?.[0].length ?? 0 : 0;
    return { start: b.span.start + mark, end: b.span.end };
  });
}

/** Words that start inside `span` and inside one of the spoken ranges (both sorted): two binary searches a range. */
function countWordsIn(words: Words, spoken: readonly Span[], span: Span): number {
  let n = 0;
  for (let i = firstRangeEndingAfter(spoken, span.start); i < spoken.length && spoken[i].start < span.end; i++) {
    const r = spoken[i];
    n += firstWordAtOrAfter(words, Math.min(r.end, span.end)) - firstWordAtOrAfter(words, Math.max(r.start, span.start));
  }
  return n;
}

function firstRangeEndingAfter(spoken: readonly Span[], offset: number): number {
  let lo = 0, hi = spoken.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (spoken[mid].end <= offset) lo = mid + 1; else hi = mid; }
  return lo;
}

function firstWordAtOrAfter(words: Words, offset: number): number {
  let lo = 0, hi = words.count;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (words.start[mid] < offset) lo = mid + 1; else hi = mid; }
  return lo;
}

function draftParts(text: string): DraftParts {
  return { blocks: segment(text), words: tokenize(maskComments(text)) };
}

function nthSpokenWord(text: string, n: number, { blocks, words }: DraftParts): Span | undefined {
  let seen = 0;
  for (const r of spokenRanges(text, blocks)) {
    for (let w = firstWordAtOrAfter(words, r.start); w < words.count && words.start[w] < r.end; w++) {
      if (seen++ === n) return { start: words.start[w], end: words.end[w] };
    }
  }
  return undefined;
}

/**
 * The sections with their word counts, each object built whole: made from a shape object with `{ ...s, words }` per
 * keystroke, these were 61% of what a keystroke's re-check had promoted to the old generation (bench/keystroke.ts
 * LECTERN_KEYSTROKE_PROFILE=heap with LECTERN_KEYSTROKE_RETAINED=1), which made the minor collections slow.
 */
function sections(text: string, blocks: readonly Block[], count: (span: Span) => number, wpm: number): SectionTime[] {
  const body = blocks[0]?.kind === 'frontmatter' ? blocks.slice(1) : blocks;
  const end = body.length ? body[body.length - 1].span.end : text.length;
  const out: SectionTime[] = [];
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (b.kind !== 'heading') continue;
    const isTitle = i === 0;
    let last = body.length - 1;
    if (!isTitle) {
      for (let j = i + 1; j < body.length; j++) if (body[j].kind === 'heading' && body[j].level <= b.level) { last = j - 1; break; }
    }
    const title = text.slice(b.span.start, b.span.end).replace(/^#+\s*/, '').replace(TARGET_NOTE, '').trim();
    const span = { start: b.span.start, end: isTitle ? end : body[last].span.end };
    const words = count(span);
    out.push({ heading: b.span, title, level: b.level, isTitle, span, words, seconds: (words * 60) / wpm });
  }
  return out;
}

const TARGET_NOTE = /~\s*\d+(?:\.\d+)?\s*(?:minutes?|mins?)\b/i;
const FRONT_MATTER_DURATION = /^(?:duration|target)[ \t]*:.*$/m;

/** The target and where the draft sets it; a target given from outside wins but has no place in the text. */
function findTarget(text: string, given: number | undefined): { seconds: number; span?: Span } {
  if (given && given > 0) return { seconds: given };
  // without front matter the target is read from the first 3,000 characters: the last answer holds while they stand
  // (a keystroke further down does not read the header again)
  if (/^\uFEFF?---/.test(text)) return readTarget(text);
  const head = text.slice(0, 3000);
  if (lastTarget?.head !== head) lastTarget = { head, target: readTarget(head) };
  return lastTarget.target;
}
let lastTarget: { head: string; target: { seconds: number; span?: Span } } | undefined;

function readTarget(text: string): { seconds: number; span?: Span } {
  const fm = readFrontMatter(text);
  if (fm?.fields.targetSeconds) {
    const m = FRONT_MATTER_DURATION.exec(text.slice(0, fm.span.end));
    return { seconds: fm.fields.targetSeconds, ...(m ? { span: { start: m.index, end: m.index + m[0].length } } : {}) };
  }
  const from = fm?.span.end ?? 0;
  const seconds = inferMeta(text.slice(from)).targetSeconds ?? 0;
  if (!seconds) return { seconds: 0 };
  const m = TARGET_NOTE.exec(text.slice(from, from + 3000));
  return { seconds, ...(m ? { span: { start: from + m.index, end: from + m.index + m[0].length } } : {}) };
}

function validWpm(wpm: number | undefined): number {
  return wpm !== undefined && Number.isFinite(wpm) && wpm >= 40 && wpm <= 400 ? wpm : DEFAULT_WORDS_PER_MINUTE;
}

function firstLine(text: string): Span {
  const start = text.search(/\S/);
  if (start < 0) return { start: 0, end: 0 };
  const nl = text.indexOf('\n', start);
  return { start, end: (nl < 0 ? text.length : nl) - (text[nl - 1] === '\r' ? 1 : 0) };
}
