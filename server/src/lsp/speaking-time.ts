// Speaking time in the editor: a CodeLens over each section, a hover on a section heading or the title, and the
// whole draft's time for the client's status bar (sent as a notification; the client only displays it).
import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeSection, formatDuration, sectionAt, speakingTime, type SpeakingTime } from '../core/timing';
import { spanToRange } from './convert';
import { formatCount } from '../core/format';

export const SPEAKING_TIME_NOTIFICATION = 'lectern/speakingTime';

/** What the status bar shows for one draft. */
export interface SpeakingTimeStatus {
  readonly uri: string;
  readonly words: number;
  readonly seconds: number;
  readonly targetSeconds: number;
  /** "4 min 34 s / 3 min": the text of the status bar item. */
  readonly text: string;
  readonly tooltip: string;
}

/** Speaking time of one document version, computed once for the lens, the hover and the status bar. */
export class SpeakingTimes {
  private readonly cache = new Map<string, { version: number; wpm: number; time: SpeakingTime }>();

  of(doc: TextDocument, wordsPerMinute: number): SpeakingTime {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.wpm === wordsPerMinute) return hit.time;
    const time = speakingTime(doc.getText(), { wordsPerMinute });
    this.cache.set(doc.uri, { version: doc.version, wpm: wordsPerMinute, time });
    return time;
  }

  /** Has this version's time at the pace it was asked for already (a hover or a lens came before the check). */
  has(doc: TextDocument, wordsPerMinute: number): boolean { const hit = this.cache.get(doc.uri); return hit?.version === doc.version && hit.wpm === wordsPerMinute; }

  /** This version's time, as the check computed it (at the pace of the document's settings). */
  remember(doc: TextDocument, time: SpeakingTime): void { this.cache.set(doc.uri, { version: doc.version, wpm: time.wordsPerMinute, time }); }

  forget(uri: string): void { this.cache.delete(uri); }
}

export function sectionLenses(doc: TextDocument, time: SpeakingTime): CodeLens[] {
  // a lens with an empty command is shown as a label
  return time.sections.map((s) => ({ range: spanToRange(doc, s.heading), command: { title: `$(clock) ${describeSection(s, time)}`, command: '' } }));
}

/** The hover on a section heading or the title, as Markdown; undefined elsewhere. */
export function sectionHover(doc: TextDocument, time: SpeakingTime, offset: number): { markdown: string; range: ReturnType<typeof spanToRange> } | undefined {
  const s = sectionAt(time, offset);
  if (!s) return undefined;
  const what = s.isTitle ? 'the whole statement' : `section “${s.title}”`;
  const lines = [`**Lectern · Speaking time** — ${what}`, '', `${formatCount(s.words)} spoken words · about **${formatDuration(s.seconds)}** at ${time.wordsPerMinute} words per minute`];
  if (s.isTitle && time.targetSeconds) {
    const diff = s.seconds - time.targetSeconds;
    lines.push('', `Target: ${formatDuration(time.targetSeconds)} — ${diff > 0 ? `about ${formatDuration(diff)} over` : `${formatDuration(-diff)} to spare`}`);
  } else if (s.isTitle) lines.push('', 'No target: set one in front matter (`duration: 3m`) or the title line (“~3 minutes”).');
  return { markdown: lines.join('\n'), range: spanToRange(doc, s.heading) };
}

export function speakingTimeStatus(uri: string, time: SpeakingTime): SpeakingTimeStatus {
  const target = time.targetSeconds ? ` / ${formatDuration(time.targetSeconds)}` : '';
  const over = time.targetSeconds && time.seconds > time.targetSeconds ? ` (${formatDuration(time.seconds - time.targetSeconds)} over the target)` : '';
  return {
    uri, words: time.words, seconds: time.seconds, targetSeconds: time.targetSeconds,
    text: `${formatDuration(time.seconds)}${target}`,
    tooltip: `Speaking time: ${formatCount(time.words)} spoken words at ${time.wordsPerMinute} words per minute${over}`,
  };
}
