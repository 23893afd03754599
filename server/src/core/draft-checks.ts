// The speechwriter's checks on a draft, as findings with quick fixes: `acronym.unexpanded`, `spelling.house`,
// `timing.over`. They need no corpus index; the acronym check reads the archive's acronym table and the team glossary
// when there are any.
import { DEFAULT_NO_EXPANSION, unexpandedAcronyms } from './acronym-check';
import { EMPTY_TABLES, type ArchiveTables } from './archive-extractors';
import { EMPTY_GLOSSARY, type Glossary } from './glossary';
import { chunkFact, draftChunks, DraftMemo, type ChunkFacts } from './draft-chunks';
import { maskComments } from './markers';
import { houseSpellingFrom, type HouseSpelling } from './spelling';
import { DEFAULT_WORDS_PER_MINUTE, timingFindings, type DraftParts, type SpeakingTime } from './timing';
import type { Finding, FindingCode, SeverityOrOff, Span } from './types';

export interface DraftCheckOptions {
  /** The archive's acronym table is what the check reads. */
  readonly tables?: Pick<ArchiveTables, 'acronyms'>;
  readonly glossary?: Glossary;
  /** Acronyms a listener knows without expansion. */
  readonly noExpansion?: readonly string[];
  readonly houseSpelling?: HouseSpelling | 'off';
  readonly wordsPerMinute?: number;
  /** The draft's speaking time at that pace, when the caller has it already. */
  readonly speakingTime?: SpeakingTime;
}

export const DEFAULT_DRAFT_CHECKS: Required<Pick<DraftCheckOptions, 'noExpansion' | 'houseSpelling' | 'wordsPerMinute'>> = Object.freeze({
  noExpansion: DEFAULT_NO_EXPANSION, houseSpelling: 'off', wordsPerMinute: DEFAULT_WORDS_PER_MINUTE,
});

/** What the caller knows of the draft already (the service: its last check's memo, the masked text, words and blocks). */
export interface DraftContext {
  /** What the draft's last check learned of its chunks; without it, every chunk is read afresh (a full run). */
  readonly memo?: DraftMemo;
  /** The draft with comments blanked (`maskComments(text)`). */
  readonly masked?: string;
  readonly parts?: DraftParts;
}

/**
 * The checks read the draft a chunk (a run of lines between blank lines) at a time and keep what they learn of each
 * in `context.memo`, so that after a keystroke only the changed chunk is read again (draft-chunks.ts); the findings
 * are those of a full run.
 */
export function draftChecks(text: string, options: DraftCheckOptions, severity: Readonly<Partial<Record<FindingCode, SeverityOrOff>>>, context: DraftContext = {}): Finding[] {
  const out: Finding[] = [];
  const on = (code: FindingCode) => { const s = severity[code] ?? 'warning'; return s === 'off' ? undefined : s; };
  const memo = context.memo ?? new DraftMemo();
  const chunks = draftChunks(text, context.masked ?? maskComments(text), memo);
  const acronym = on('acronym.unexpanded');
  if (acronym) {
    const tables = options.tables ?? EMPTY_TABLES;
    for (const f of unexpandedAcronyms(text, tables.acronyms, options.glossary ?? EMPTY_GLOSSARY, { noExpansion: options.noExpansion ?? DEFAULT_NO_EXPANSION, severity: acronym, memo, chunks })) {
      out.push({ code: f.code, severity: f.severity, span: f.span, message: f.message, sources: [], fixes: f.fixes });
    }
  }
  const spelling = on('spelling.house');
  const mode = options.houseSpelling ?? 'off';
  if (spelling && mode !== 'off') {
    const key = `spelling\u0000${mode}\u0000${spelling}`, placedKey = `${key}\u0000placed`;
    const inChunk = (f: ChunkFacts) => houseSpellingFrom(f.masked, 0, mode, { severity: spelling }).map((x): Finding => ({ code: x.code, severity: x.severity, span: x.span, message: x.message, sources: [], fixes: [x.fix] }));
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i];
      if (c.frontMatter) continue;
      // the chunk's findings at its offset in this draft: made once per chunk text, moved when the chunk moves
      const relative = chunkFact(c.facts, key, inChunk);
      if (!relative.length) continue;
      const placed = placedAt(c.facts, placedKey, relative, c.start);
      for (let j = 0; j < placed.length; j++) out.push(placed[j]);
    }
  }
  const timing = on('timing.over');
  if (timing) {
    for (const f of timingFindings(text, { wordsPerMinute: options.wordsPerMinute, severity: timing }, options.speakingTime, context.parts)) out.push({ code: f.code, severity: f.severity, span: f.span, message: f.message, sources: [] });
  }
  memo.endCheck();
  return out;
}

/**
 * A chunk's findings moved to `at`, kept with its facts until the chunk moves again. No closure here nor in the loop
 * over chunks: one would allocate a context on every call or turn (acronym-check.ts expandedBy).
 */
function placedAt(facts: ChunkFacts, placedKey: string, relative: Finding[], at: number): readonly Finding[] {
  let placed = facts.cache.get(placedKey) as { at: number; findings: Finding[] } | undefined;
  if (!placed) facts.cache.set(placedKey, placed = { at: 0, findings: relative });
  if (placed.at !== at) { placed.at = at; placed.findings = movedAll(relative, at); }
  return placed.findings;
}
function movedAll(findings: readonly Finding[], by: number): Finding[] {
  return findings.map((f) => moved(f, by));
}

function moved(f: Finding, by: number): Finding {
  const at = (s: Span): Span => ({ start: s.start + by, end: s.end + by });
  return { ...f, span: at(f.span), fixes: f.fixes?.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, span: at(e.span) })) })) };
}
