// House spelling (`spelling.house`): a word spelled in another variety of English than the house style, with a fix
// that keeps its case (organized → organised, Organized → Organised).
//
//   british   -ise, -our, -re, -ll-, "analyse"                      (UK government style)
//   oxford    -ize but "analyse", -our, -re, -ll-                   (Oxford spelling: the UN editorial style)
//   american  -ize, -or, -er, -l-, "analyze"
//
// The word pairs come from two maintained word lists rather than a hand-written table: cspell's American dictionary
// (@cspell/dict-en_us, SCOWL en_US-large) and British one (@cspell/dict-en-gb-mit, which accepts -ise and the Oxford
// -ize but never -yze), both MIT-licensed and derived from Kevin Atkinson's SCOWL. scripts/spelling-variants.mjs
// turns them into spelling-variants.ts (3,300 pairs, 75 kB): a pair is kept only when list membership says the two
// are spellings of one word ("prise"/"prize" and "practise"/"practice" in British are two words, so neither is
// flagged there), and whether Oxford spelling takes -ize is read from the British list, not guessed. The pairs are
// bundled as a string and read into one Map per mode on first use: 38-54 ms for all three modes on the loaded 2-core
// development machine, 1 MB (docs/archive-terms-ungdc.md).
//
// Known gap: American mode flags a British form only where the American list lacks it, and en_US-large also lists
// "centre", "labour", "judgement" and "skilful", so those pass; British and Oxford modes have no such gap.
import { maskComments } from './markers';
import { readFrontMatter } from './metadata';
import { SPELLING_PAIRS } from './spelling-variants';
import { nameRuns } from './terms';
import type { QuickFix, Severity, Span } from './types';

export type HouseSpelling = 'british' | 'oxford' | 'american';

export const HOUSE_SPELLING_LABEL: Readonly<Record<HouseSpelling, string>> = Object.freeze({
  british: 'British (-ise)', oxford: 'Oxford/UN (-ize, analyse)', american: 'American',
});


export interface SpellingFinding {
  readonly code: 'spelling.house';
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  readonly word: string;
  /** The house spelling, in the word's case. */
  readonly suggestion: string;
  readonly fix: QuickFix;
  /** The word is part of a multi-word name (checked only where `checkNames` says so). */
  readonly inName: boolean;
}

export interface HouseSpellingOptions {
  readonly severity?: Severity;
  /**
   * Check words inside multi-word names ("World Health Organization", "International Labour Organization") too.
   * Default: only in Oxford mode, where UN bodies' own names follow the house style; in the other modes a name
   * keeps its official spelling.
   */
  readonly checkNames?: boolean;
  /** Words never flagged (any case). */
  readonly ignore?: readonly string[];
}

/** Which side of a pair each mode flags, by the generator's pair code (see scripts/spelling-variants.mjs). */
const FLAGS: Readonly<Record<HouseSpelling, { american: string; british: string }>> = {
  british: { american: 'bzZ', british: '' },
  oxford: { american: 'b', british: 'z' },
  american: { american: '', british: 'azZ' },
};

const maps = new Map<HouseSpelling, ReadonlyMap<string, string>>();

/** Wrong spelling → house spelling, lower case, for one mode; built once from the bundled pairs. */
export function spellingMap(mode: HouseSpelling): ReadonlyMap<string, string> {
  const hit = maps.get(mode);
  if (hit) return hit;
  const flags = FLAGS[mode];
  const map = new Map<string, string>();
  for (const line of SPELLING_PAIRS.split('\n')) {
    const [british, american, code] = line.split(' ');
    if ([...code].some((c) => flags.american.includes(c))) map.set(american, british);
    else if ([...code].some((c) => flags.british.includes(c))) map.set(british, american);
  }
  // a house spelling is never itself flagged: drop any pair that would (one word, two pairs)
  for (const [from, to] of map) if (map.has(to)) map.delete(from);
  maps.set(mode, map);
  return map;
}

/** The house spelling of one word, in its case; undefined when it already conforms or is not a variant. */
export function houseVariant(word: string, mode: HouseSpelling): string | undefined {
  const lower = word.toLowerCase();
  const to = spellingMap(mode).get(lower);
  if (!to) return undefined;
  if (word === lower) return to;
  if (word === word.toUpperCase()) return to.toUpperCase();
  if (word === lower[0].toUpperCase() + lower.slice(1)) return to[0].toUpperCase() + to.slice(1);
  return undefined; // "iPhone"-like mixed case: not a plain word
}

// letters only: hyphenated compounds are checked part by part; a possessive "'s" is dropped below
const WORD = /\p{L}+/gu;

export function houseSpelling(draftText: string, mode: HouseSpelling, options: HouseSpellingOptions = {}): SpellingFinding[] {
  const text = maskComments(draftText);
  return houseSpellingFrom(text, readFrontMatter(text)?.span.end ?? 0, mode, options);
}

/**
 * `houseSpelling` of text[from, end) with comments already blanked: what a word's finding depends on (the word, the
 * link it may sit in, the name run it may belong to) never reaches over a blank line, so the draft checks run this
 * on one chunk at a time (draft-chunks.ts).
 */
export function houseSpellingFrom(text: string, from: number, mode: HouseSpelling, options: HouseSpellingOptions = {}): SpellingFinding[] {
  const checkNames = options.checkNames ?? mode === 'oxford';
  const ignore = new Set((options.ignore ?? []).map((w) => w.toLowerCase()));
  // the names are looked for only once a capitalised word is flagged (only those can be part of a name)
  let names: Span[] | undefined;
  const out: SpellingFinding[] = [];
  let n = 0;
  const re = new RegExp(WORD);
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    if (raw.length < 4) continue;
    const suggestion = houseVariant(raw, mode);
    if (!suggestion || ignore.has(raw.toLowerCase()) || inLink(text, m.index)) continue;
    const span = { start: m.index, end: m.index + raw.length };
    let inName = false;
    if (raw[0] !== raw[0].toLowerCase()) {
      names ??= nameRuns(text, from).map((r) => r.span);
      while (n < names.length && names[n].end < span.start) n++;
      inName = n < names.length && names[n].start <= span.start;
    }
    if (inName && !checkNames) continue;
    out.push(finding(raw, suggestion, span, mode, inName, options.severity ?? 'warning'));
  }
  return out;
}

function finding(word: string, suggestion: string, span: Span, mode: HouseSpelling, inName: boolean, severity: Severity): SpellingFinding {
  const name = inName ? ' It is part of a name: keep it if that is the official spelling.' : '';
  return {
    code: 'spelling.house', severity, span, word, suggestion, inName,
    message: `“${word}” is not the house spelling (${HOUSE_SPELLING_LABEL[mode]}): write “${suggestion}”.${name}`,
    fix: { title: `Change to “${suggestion}”`, edits: [{ span, newText: suggestion }] },
  };
}

/** Inside a URL or an e-mail address: not prose. */
function inLink(text: string, at: number): boolean {
  let s = at;
  while (s > 0 && !/\s/.test(text[s - 1])) s--;
  const e = text.slice(at).search(/\s|$/);
  return /:\/\/|@|www\./.test(text.slice(s, at + (e < 0 ? 0 : e)));
}
