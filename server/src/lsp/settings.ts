// `lectern.*` settings, read from the client and checked here. A bad value is reported (once per
// distinct problem) and the default, or the last good value, is used instead.
import { DEFAULT_NO_EXPANSION } from '../core/acronym-check';
import type { HouseSpelling } from '../core/spelling';
import { DEFAULT_WORDS_PER_MINUTE } from '../core/timing';
import type { FindingCode, SeverityOrOff } from '../core/types';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../node/statement-files';

export interface LecternSettings {
  readonly corpus: { readonly paths: readonly string[]; readonly include: readonly string[]; readonly exclude: readonly string[] };
  readonly reuse: { readonly minWords: number; readonly approvedFile: string };
  readonly diagnostics: { readonly severity: Readonly<Record<FindingCode, SeverityOrOff>> };
  readonly spelling: { readonly house: HouseSpelling | 'off' };
  readonly acronyms: { readonly noExpansion: readonly string[] };
  readonly glossary: { readonly file: string };
  readonly timing: { readonly wordsPerMinute: number };
}

export const DEFAULT_SETTINGS: LecternSettings = Object.freeze({
  corpus: Object.freeze({ paths: ['corpus'], include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE }),
  reuse: Object.freeze({ minWords: 12, approvedFile: '.lectern/approved-boilerplate.md' }),
  diagnostics: Object.freeze({ severity: Object.freeze({
    'reuse.verbatim': 'warning', 'reuse.edited': 'warning', 'reuse.common': 'information', 'reuse.internal': 'warning',
    'acronym.unexpanded': 'warning', 'spelling.house': 'warning', 'timing.over': 'warning',
  } as const) }),
  spelling: Object.freeze({ house: 'off' as const }),
  acronyms: Object.freeze({ noExpansion: DEFAULT_NO_EXPANSION }),
  glossary: Object.freeze({ file: '.lectern/glossary.md' }),
  timing: Object.freeze({ wordsPerMinute: DEFAULT_WORDS_PER_MINUTE }),
});

const HOUSE_SPELLINGS: readonly (HouseSpelling | 'off')[] = ['off', 'british', 'oxford', 'american'];

const SEVERITIES: readonly SeverityOrOff[] = ['error', 'warning', 'information', 'hint', 'off'];
const CODES = Object.keys(DEFAULT_SETTINGS.diagnostics.severity) as FindingCode[];

type Check<T> = (v: unknown) => T | undefined;
const stringArray: Check<string[]> = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);
const nonEmptyString: Check<string> = (v) => (typeof v === 'string' && v.trim() ? v : undefined);
const oneOf = <T extends string>(values: readonly T[]): Check<T> => (v) => (values.includes(v as T) ? (v as T) : undefined);
const intIn = (lo: number, hi: number): Check<number> => (v) => (typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? v : undefined);
/** A partial map code -> severity; merged over the defaults. */
const severities: Check<Partial<Record<FindingCode, SeverityOrOff>>> = (v) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const entries = Object.entries(v as Record<string, unknown>);
  return entries.every(([k, s]) => CODES.includes(k as FindingCode) && SEVERITIES.includes(s as SeverityOrOff)) ? (v as Partial<Record<FindingCode, SeverityOrOff>>) : undefined;
};

/** Every key, with its check and what to say when it fails. Tested key by key. */
export const SETTING_CHECKS = {
  'corpus.paths': { check: stringArray, expect: 'an array of folder paths' },
  'corpus.include': { check: stringArray, expect: 'an array of glob patterns' },
  'corpus.exclude': { check: stringArray, expect: 'an array of glob patterns' },
  'reuse.minWords': { check: intIn(6, 200), expect: 'a whole number of words from 6 to 200' },
  'reuse.approvedFile': { check: nonEmptyString, expect: 'a file path' },
  'diagnostics.severity': { check: severities, expect: `an object mapping ${CODES.join(', ')} to one of ${SEVERITIES.join(', ')}` },
  'spelling.house': { check: oneOf(HOUSE_SPELLINGS), expect: `one of ${HOUSE_SPELLINGS.join(', ')}` },
  'acronyms.noExpansion': { check: stringArray, expect: 'an array of acronyms' },
  'glossary.file': { check: nonEmptyString, expect: 'a file path' },
  'timing.wordsPerMinute': { check: intIn(40, 400), expect: 'a whole number of words per minute from 40 to 400' },
} as const;

function get(raw: unknown, path: string): unknown {
  const [area, name] = path.split('.');
  const section = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[area] : undefined;
  return section !== null && typeof section === 'object' ? (section as Record<string, unknown>)[name] : undefined;
}

/**
 * Typed settings from the raw `lectern` section (undefined/null = all defaults). Missing keys take
 * the fallback; present but invalid keys take it too and produce an error line.
 */
export function parseSettings(raw: unknown, fallback: LecternSettings = DEFAULT_SETTINGS): { settings: LecternSettings; errors: string[] } {
  const errors: string[] = [];
  const pick = <K extends keyof typeof SETTING_CHECKS>(key: K, dflt: unknown) => {
    const v = get(raw, key);
    if (v === undefined || v === null) return dflt;
    const ok = (SETTING_CHECKS[key].check as Check<unknown>)(v);
    if (ok === undefined) { errors.push(`lectern.${key} must be ${SETTING_CHECKS[key].expect}, not ${JSON.stringify(v)}; using ${JSON.stringify(dflt)}`); return dflt; }
    return ok;
  };
  const severity = pick('diagnostics.severity', fallback.diagnostics.severity) as Partial<Record<FindingCode, SeverityOrOff>>;
  const settings: LecternSettings = {
    corpus: {
      paths: pick('corpus.paths', fallback.corpus.paths) as string[],
      include: pick('corpus.include', fallback.corpus.include) as string[],
      exclude: pick('corpus.exclude', fallback.corpus.exclude) as string[],
    },
    reuse: {
      minWords: pick('reuse.minWords', fallback.reuse.minWords) as number,
      approvedFile: pick('reuse.approvedFile', fallback.reuse.approvedFile) as string,
    },
    diagnostics: { severity: { ...DEFAULT_SETTINGS.diagnostics.severity, ...severity } },
    spelling: { house: pick('spelling.house', fallback.spelling.house) as HouseSpelling | 'off' },
    acronyms: { noExpansion: pick('acronyms.noExpansion', fallback.acronyms.noExpansion) as string[] },
    glossary: { file: pick('glossary.file', fallback.glossary.file) as string },
    timing: { wordsPerMinute: pick('timing.wordsPerMinute', fallback.timing.wordsPerMinute) as number },
  };
  return { settings, errors };
}
