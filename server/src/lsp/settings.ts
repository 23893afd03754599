// `lectern.*` settings, read from the client and checked here. A bad value is reported (once per
// distinct problem) and the default, or the last good value, is used instead.
import type { Severity } from '../core/types';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../node/statement-files';

export interface LecternSettings {
  readonly corpus: { readonly paths: readonly string[]; readonly include: readonly string[]; readonly exclude: readonly string[] };
  readonly reuse: { readonly minWords: number; readonly severity: Severity };
}

export const DEFAULT_SETTINGS: LecternSettings = Object.freeze({
  corpus: Object.freeze({ paths: ['corpus'], include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE }),
  reuse: Object.freeze({ minWords: 12, severity: 'warning' as Severity }),
});

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

type Check<T> = (v: unknown) => T | undefined;
const stringArray: Check<string[]> = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);
const intIn = (lo: number, hi: number): Check<number> => (v) => (typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? v : undefined);
const oneOf = <T extends string>(xs: readonly T[]): Check<T> => (v) => (xs.includes(v as T) ? (v as T) : undefined);

/** Every key, with its check and what to say when it fails. Tested key by key. */
export const SETTING_CHECKS = {
  'corpus.paths': { check: stringArray, expect: 'an array of folder paths' },
  'corpus.include': { check: stringArray, expect: 'an array of glob patterns' },
  'corpus.exclude': { check: stringArray, expect: 'an array of glob patterns' },
  'reuse.minWords': { check: intIn(6, 200), expect: 'a whole number of words from 6 to 200' },
  'reuse.severity': { check: oneOf(SEVERITIES), expect: `one of ${SEVERITIES.join(', ')}` },
} as const;

function get(raw: unknown, path: string): unknown {
  let v: unknown = raw;
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
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
    const ok = SETTING_CHECKS[key].check(v);
    if (ok === undefined) { errors.push(`lectern.${key} must be ${SETTING_CHECKS[key].expect}, not ${JSON.stringify(v)}; using ${JSON.stringify(dflt)}`); return dflt; }
    return ok;
  };
  const settings: LecternSettings = {
    corpus: {
      paths: pick('corpus.paths', fallback.corpus.paths) as string[],
      include: pick('corpus.include', fallback.corpus.include) as string[],
      exclude: pick('corpus.exclude', fallback.corpus.exclude) as string[],
    },
    reuse: {
      minWords: pick('reuse.minWords', fallback.reuse.minWords) as number,
      severity: pick('reuse.severity', fallback.reuse.severity) as Severity,
    },
  };
  return { settings, errors };
}
