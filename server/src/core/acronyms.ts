// Acronyms in one text: the words that are acronyms, and the definitions that say what they stand for. The archive
// table is in acronym-table.ts, the team glossary in glossary.ts, the `acronym.unexpanded` check in acronym-check.ts.
//
// Definitions are found the way Schwartz & Hearst (2003, "A simple algorithm for identifying abbreviation definitions
// in biomedical text", PSB 8:451-462) find them: a short form in parentheses after its long form, "Long Form (ACRO)",
// or the reverse, "ACRO (Long Form)" (as in 001: "UNODC (UN Office of Drugs and Crime)"); the long form is searched
// for in at most min(|A| + 5, 2|A|) words before the parenthesis, within the sentence, nearest start first. Their
// matcher aligns the short form's letters right to left to any characters, which on messy archive text accepts
// "which has been working (WHO)"; this one aligns them left to right preferring word initials and asks that at least
// half the content words of the long form contribute their initial (two thirds for the reverse order, which is the
// riskier one).
//
// Statements also name an organisation in full and use its acronym without linking the two (004 says "UN Office on
// Drugs and Crime" and "UNODC"): such a name, whose every content word gives one of the acronym's letters, is kept
// as an expansion found *alongside* the acronym, so that conflicting expansions in the archive are shown, not hidden.
import { CONNECTORS, nameRuns, surface, variantKey, type NameRun } from './terms';
import type { Span } from './types';

export interface AcronymDefinition {
  /** As written, without a possessive or plural "s": "UNODC", "SOCnet", "NGO". */
  readonly acronym: string;
  readonly longForm: string;
  /** `defined`: "Long Form (ACRO)" or "ACRO (Long Form)"; `alongside`: the long form appears in the same statement. */
  readonly kind: 'defined' | 'alongside';
  /** The long form's text in the statement. */
  readonly longFormSpan: Span;
  /** The whole definition, parentheses included; the long form alone for `alongside`. */
  readonly span: Span;
}

export interface AcronymUse { readonly acronym: string; readonly span: Span }

/** The acronym a token stands for ("NGOs" → "NGO", "UNODC's" → "UNODC"), or undefined when it is not one. */
export function acronymOf(token: string): string | undefined {
  let w = token.replace(/['’]s$/, '');
  if (w.length < 2 || w.length > 12 || !/^\p{Lu}/u.test(w) || /^[IVX]+$/.test(w)) return undefined;
  const letters = w.replace(/[^\p{L}]/gu, '');
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  if (upper < 2 || upper * 2 < letters.length) return undefined;
  if (letters.length >= 3 && upper === letters.length - 1 && w.endsWith('s')) w = w.slice(0, -1);
  return w;
}

/**
 * Candidates: a capital, more letters, another capital ("UNODC", "SOCnet", "COVID-19", "UNODC’s"). Latin script only:
 * this runs over every archive statement, and an ASCII-class expression scans UNGDC at ~370 MB/s where one with
 * Unicode classes (or the word tokenizer) managed 12-25 MB/s.
 */
const CANDIDATE = /(?<![A-Za-z0-9\u00C0-\u024F'’])[A-Z\u00C0-\u00DE][A-Za-z0-9\u00C0-\u024F]*[A-Z\u00C0-\u00DE][A-Za-z0-9\u00C0-\u024F]*(?:[-&][A-Za-z0-9]+)*(?:['’]s)?/g;

/** Every acronym-shaped word of `text`, in order; the span leaves out a possessive "'s". */
export function acronymUses(text: string, from = 0, to = text.length): AcronymUse[] {
  const out: AcronymUse[] = [];
  const re = new RegExp(CANDIDATE);
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const acronym = acronymOf(m[0]);
    if (acronym) out.push({ acronym, span: { start: m.index, end: m.index + m[0].length - (/['’]s$/.test(m[0]) ? 2 : 0) } });
  }
  return out;
}

/** The definitions in one statement: explicit ones in both orders, then long forms found alongside. */
export function extractAcronyms(text: string, uses: readonly AcronymUse[] = acronymUses(text), runs?: readonly NameRun[]): AcronymDefinition[] {
  const defined = explicitDefinitions(text);
  return [...defined, ...alongside(text, defined, uses, runs)];
}

/** What the archive table keeps of one statement. */
export interface StatementAcronyms {
  readonly definitions: readonly Pick<AcronymDefinition, 'acronym' | 'longForm' | 'kind'>[];
  /** Distinct acronyms the statement uses. */
  readonly used: readonly string[];
}

/** `runs`: the statement's name runs when the caller has them already (the names extractor needs them too). */
export function statementAcronyms(text: string, runs?: readonly NameRun[]): StatementAcronyms {
  const uses = acronymUses(text);
  return {
    definitions: extractAcronyms(text, uses, runs).map(({ acronym, longForm, kind }) => ({ acronym, longForm, kind })),
    used: [...new Set(uses.map((u) => u.acronym))],
  };
}

// ---- explicit definitions ----------------------------------------------------------------------------------------

const PAREN = /\(([^()]{1,200})\)/g;
const SENTENCE_BREAK = /[.!?;:]\s+|[()[\]]|\n[ \t]*\n/g;

/** "Long Form (ACRO)" and "ACRO (Long Form)" in `text`, in order. */
export function explicitDefinitions(text: string): AcronymDefinition[] {
  const out: AcronymDefinition[] = [];
  for (const m of text.matchAll(PAREN)) {
    const open = m.index!, close = open + m[0].length;
    if (/\n[ \t]*\n/.test(m[1])) continue;
    const inner = m[1].trim().replace(/^[“"'‘*_]+|[”"'’*_]+$/g, '');
    const acronym = !/\s/.test(inner) ? acronymOf(inner) : undefined;
    const def = acronym ? longFirst(text, open, acronym) : shortFirst(text, open, m[1]);
    if (def) out.push({ ...def, span: { start: Math.min(def.longFormSpan.start, def.acronymStart), end: close } });
  }
  return out;
}

type Found = Omit<AcronymDefinition, 'span'> & { acronymStart: number };

/** "United Nations Office on Drugs and Crime (UNODC)": the nearest start in the sentence whose alignment holds. */
function longFirst(text: string, open: number, acronym: string): Found | undefined {
  const letters = lettersOf(acronym);
  const maxWords = Math.min(letters.length + 5, letters.length * 2);
  const words = wordsBefore(text, open, maxWords + 2);
  if (!words.length || !/^[\s“"'‘*_]*$/.test(text.slice(words[words.length - 1].end, open))) return undefined;
  for (let i = words.length - 1; i >= 0 && words.length - i <= maxWords; i--) {
    const w = words.slice(i);
    if (w[0].connector) continue; // "of Drugs and Crime (ODC)": a long form starts with a word that carries meaning
    if (accepts(letters, w, 0.5)) return found(text, acronym, w, open);
  }
  return undefined;
}

/** "UNODC (UN Office of Drugs and Crime)": the acronym right before the parenthesis, the long form inside it. */
function shortFirst(text: string, open: number, inner: string): Found | undefined {
  const from = Math.max(0, open - 20);
  const before = /([\p{L}\p{N}][\p{L}\p{N}&-]*)[”"'’*_]*\s*$/u.exec(text.slice(from, open));
  const acronym = before ? acronymOf(before[1]) : undefined;
  if (!acronym || !before) return undefined;
  const innerStart = open + 1;
  const cut = inner.search(/[,;]|\s[-–—]\s/);
  let words = splitWords(text, innerStart, innerStart + (cut < 0 ? inner.length : cut));
  if (words[0] && /^the$/i.test(words[0].text) && lettersOf(acronym)[0] !== 't') words = words.slice(1);
  if (words.length < 2 || !accepts(lettersOf(acronym), words, 2 / 3)) return undefined;
  const f = found(text, acronym, words, open);
  return f && { ...f, acronymStart: from + before.index };
}

function found(text: string, acronym: string, words: readonly W[], acronymStart: number): Found | undefined {
  if (words.some((w) => w.text === acronym)) return undefined;
  const longFormSpan = longSpan(text, words);
  return { acronym, longForm: surface(text, longFormSpan), kind: 'defined', longFormSpan, acronymStart };
}

// ---- long forms alongside ----------------------------------------------------------------------------------------

/** Names in the statement whose every content word gives the next letters of an acronym the statement uses. */
function alongside(text: string, defined: readonly AcronymDefinition[], uses: readonly AcronymUse[], runs?: readonly NameRun[]): AcronymDefinition[] {
  const byInitial = new Map<string, string[]>();
  for (const a of new Set(uses.map((u) => u.acronym))) {
    const l = lettersOf(a);
    if (l.length < 3) continue;
    byInitial.set(l[0], [...(byInitial.get(l[0]) ?? []), a]);
  }
  if (!byInitial.size) return [];
  const known = new Set(defined.map((d) => `${d.acronym}\t${variantKey(d.longForm)}`));
  const out: AcronymDefinition[] = [];
  for (const run of runs ?? nameRuns(text)) {
    // a name can spell an acronym only if one of its words starts with an acronym's first letter
    if (!run.words.some((w) => !w.connector && mayStartWith(text, w.start, w.end, byInitial))) continue;
    const words = run.words.flatMap((w) => splitWords(text, w.start, w.end));
    for (let i = 0; i < words.length; i++) {
      for (const acronym of byInitial.get(words[i].text[0].toLowerCase()) ?? []) {
        const longFormSpan = spelledFrom(text, words, i, acronym);
        if (!longFormSpan) continue;
        const longForm = surface(text, longFormSpan);
        const key = `${acronym}\t${variantKey(longForm)}`;
        if (known.has(key)) continue;
        known.add(key);
        out.push({ acronym, longForm, kind: 'alongside', longFormSpan, span: longFormSpan });
      }
    }
  }
  return out;
}

/**
 * Every name among `runs` that spells `acronym` (as `alongside` reads them, before it drops repeats), in order: what
 * `extractAcronyms` finds alongside one acronym, for a caller that asks about one acronym at a time.
 */
export function namesSpelling(text: string, runs: readonly NameRun[], acronym: string): Span[] {
  const letters = lettersOf(acronym);
  if (letters.length < 3) return [];
  const first = new Map([[letters[0], true]]);
  const out: Span[] = [];
  for (const run of runs) {
    if (!run.words.some((w) => !w.connector && mayStartWith(text, w.start, w.end, first))) continue;
    // a run's words split once, whichever acronym asks (the draft checks ask for each of the draft's acronyms)
    let words = SPLIT_RUNS.get(run);
    if (!words) SPLIT_RUNS.set(run, words = run.words.flatMap((w) => splitWords(text, w.start, w.end)));
    for (let i = 0; i < words.length; i++) {
      if (words[i].text[0].toLowerCase() !== letters[0]) continue;
      const span = spelledFrom(text, words, i, acronym);
      if (span) out.push(span);
    }
  }
  return out;
}

const SPLIT_RUNS = new WeakMap<NameRun, W[]>();

/** The long form's span when the name's words from `i` spell the acronym. */
function spelledFrom(text: string, words: readonly W[], i: number, acronym: string): Span | undefined {
  const end = longestFullMatch(lettersOf(acronym), words, i);
  if (end < 0 || words.slice(i, end + 1).some((w) => w.text === acronym)) return undefined;
  return longSpan(text, words.slice(i, end + 1));
}

/** The end of the name from `from` that spells the acronym; it must end where the name does ("... Department of Political" is cut short). */
function longestFullMatch(letters: string, words: readonly W[], from: number): number {
  if (words[from].connector) return -1;
  for (let j = Math.min(words.length, from + letters.length + 4) - 1; j > from; j--) {
    const complete = j === words.length - 1 || words[j + 1].connector;
    if (complete && !words[j].connector && isInitialism(letters, words.slice(from, j + 1))) return j;
  }
  return -1;
}

/**
 * Stricter than `accepts`, for a name that is never linked to the acronym: every letter is the initial of the next
 * content word, or the next letter of a word in capitals ("UN Office on Drugs and Crime"); connectors give none;
 * at least half the letters are initials of ordinary words (not "Ukrainian SSR" for USSR).
 */
function isInitialism(letters: string, words: readonly W[]): boolean {
  let i = 0, initials = 0;
  for (const w of words) {
    if (w.connector) continue;
    const t = w.text.replace(/['’]s$/, '');
    const caps = t.length >= 2 && t === t.toUpperCase() && /\p{L}/u.test(t);
    const part = caps ? t.toLowerCase().replace(/[^\p{L}]/gu, '') : t[0].toLowerCase();
    if (!letters.startsWith(part, i)) return false;
    i += part.length;
    if (!caps) initials++;
  }
  return i === letters.length && initials * 2 >= letters.length;
}

/** The long form's span, less a possessive ("Organization of African Unity's"). */
function longSpan(text: string, words: readonly W[]): Span {
  const end = words[words.length - 1].end;
  return { start: words[0].start, end: /['’]s$/.test(text.slice(end - 2, end)) ? end - 2 : end };
}

// ---- the letter aligner --------------------------------------------------------------------------------------------

interface W { text: string; start: number; end: number; connector: boolean }

/** Words that carry no letter of an acronym as a rule (connectors, articles, auxiliaries). */
const MINOR = new Set([...CONNECTORS, 'a', 'an', 'as', 'by', 'or', 'from', 'into', 'which', 'that', 'who', 'has', 'have', 'had', 'been', 'is', 'are', 'was', 'were', 'will', 'would', 'its', 'their', 'our', 'this', 'these', 'under', 'within']);

/**
 * Could one of splitWords' words in text[start, end) start with a key's letter? Checks every letter that follows a
 * non-letter (a superset of splitWords' word starts), without splitting: most runs spell no acronym of the statement,
 * and splitting every run was a fifth of the acronym extractor's time on UNGDC.
 */
function mayStartWith(text: string, start: number, end: number, keys: ReadonlyMap<string, unknown>): boolean {
  for (let i = start; i < end; i++) {
    if (i > start && isLetterOrDigit(text.charCodeAt(i - 1))) continue;
    if (keys.has(text[i].toLowerCase())) return true;
  }
  return false;
}

/** The letters and digits a name's words are made of (terms.ts CAPITALISED: ASCII, Latin-1 and Latin Extended A/B). */
function isLetterOrDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function lettersOf(acronym: string): string {
  return acronym.toLowerCase().replace(/[^\p{L}]/gu, '');
}

/** Words of text[from, to), split at hyphens and slashes ("Non-Aligned", "HIV/AIDS"), with their spans. */
function splitWords(text: string, from: number, to: number): W[] {
  const out: W[] = [];
  for (const m of text.slice(from, to).matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    out.push({ text: m[0], start: from + m.index!, end: from + m.index! + m[0].length, connector: MINOR.has(m[0].toLowerCase()) });
  }
  return out;
}

/** The last `max` words before `open`, not crossing a sentence break. */
function wordsBefore(text: string, open: number, max: number): W[] {
  const from = Math.max(0, open - 60 * max);
  let start = from;
  for (const m of text.slice(from, open).matchAll(SENTENCE_BREAK)) start = from + m.index! + m[0].length;
  return splitWords(text, start, open).slice(-max);
}

/**
 * Can the acronym's letters be read, in order, from `words` starting at the first word's initial and ending in the
 * last word, with at least `share` of the content words giving their initial? Letters after a word's initial may come
 * from later in the same word ("SOCnet" ← "Serious Organised Crime network").
 */
function accepts(letters: string, words: readonly W[], share: number): boolean {
  if (!letters.length || words[0].text[0].toLowerCase() !== letters[0]) return false;
  const content = words.filter((w) => !w.connector).length;
  if (!content) return false;
  const lower = words.map((w) => w.text.toLowerCase());
  const memo = new Map<number, number>();
  // best(i, w, c): most content initials for letters[i..] when the last letter matched word w at char c
  const best = (i: number, w: number, c: number): number => {
    if (i === letters.length) return w === words.length - 1 ? 0 : -Infinity;
    const key = (i * 64 + w) * 64 + Math.min(c, 63);
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r = -Infinity;
    const inWord = lower[w].indexOf(letters[i], c + 1);
    if (inWord > 0) r = best(i + 1, w, inWord);
    for (let v = w + 1; v < words.length; v++) {
      if (lower[v][0] === letters[i]) r = Math.max(r, best(i + 1, v, 0) + (words[v].connector ? 0 : 1));
    }
    memo.set(key, r);
    return r;
  };
  const score = best(1, 0, 0) + (words[0].connector ? 0 : 1);
  return score >= Math.ceil(share * content - 1e-9) && score > 0;
}
