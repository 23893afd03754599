// The speechwriter's checks on a draft, as findings with quick fixes: `acronym.unexpanded`, `spelling.house`,
// `timing.over`. They need no corpus index; the acronym check reads the archive's acronym table and the team glossary
// when there are any. Each runs over the whole draft (measured on a 5,000-word draft in docs/archive-terms-ungdc.md).
import { DEFAULT_NO_EXPANSION, unexpandedAcronyms } from './acronym-check';
import { EMPTY_TABLES, type ArchiveTables } from './archive-extractors';
import { EMPTY_GLOSSARY, type Glossary } from './glossary';
import { houseSpelling, type HouseSpelling } from './spelling';
import { DEFAULT_WORDS_PER_MINUTE, timingFindings, type SpeakingTime } from './timing';
import type { Finding, FindingCode, SeverityOrOff } from './types';

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

export function draftChecks(text: string, options: DraftCheckOptions, severity: Readonly<Partial<Record<FindingCode, SeverityOrOff>>>): Finding[] {
  const out: Finding[] = [];
  const on = (code: FindingCode) => { const s = severity[code] ?? 'warning'; return s === 'off' ? undefined : s; };
  const acronym = on('acronym.unexpanded');
  if (acronym) {
    const tables = options.tables ?? EMPTY_TABLES;
    for (const f of unexpandedAcronyms(text, tables.acronyms, options.glossary ?? EMPTY_GLOSSARY, { noExpansion: options.noExpansion ?? DEFAULT_NO_EXPANSION, severity: acronym })) {
      out.push({ code: f.code, severity: f.severity, span: f.span, message: f.message, sources: [], fixes: f.fixes });
    }
  }
  const spelling = on('spelling.house');
  const mode = options.houseSpelling ?? 'off';
  if (spelling && mode !== 'off') {
    for (const f of houseSpelling(text, mode, { severity: spelling })) out.push({ code: f.code, severity: f.severity, span: f.span, message: f.message, sources: [], fixes: [f.fix] });
  }
  const timing = on('timing.over');
  if (timing) {
    for (const f of timingFindings(text, { wordsPerMinute: options.wordsPerMinute, severity: timing }, options.speakingTime)) out.push({ code: f.code, severity: f.severity, span: f.span, message: f.message, sources: [] });
  }
  return out;
}
