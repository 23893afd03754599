// `acronym.unexpanded`: a listener cannot look an acronym up, so a statement says the long form at first use. The
// fix writes "Long Form (ACRO)" there, with the glossary's preferred form first.
import { acronymUses, extractAcronyms, type AcronymUse } from './acronyms';
import { expansionsFor, type AcronymTable } from './acronym-table';
import { EMPTY_GLOSSARY, glossaryEntry, isNoExpansion, type Glossary } from './glossary';
import { maskComments } from './markers';
import { segment } from './paragraphs';
import { variantKey } from './terms';
import type { QuickFix, Severity, Span } from './types';


export interface AcronymFinding {
  readonly code: 'acronym.unexpanded';
  readonly severity: Severity;
  /** The acronym at its first use. */
  readonly span: Span;
  readonly message: string;
  readonly acronym: string;
  /** Best first: each writes "Long Form (ACRO)" at the first use. Empty when nothing knows the expansion. */
  readonly fixes: readonly QuickFix[];
  /** The draft's own definition, when it comes after the first use. */
  readonly definedAt?: Span;
}

export interface UnexpandedOptions {
  /** Acronyms a listener knows without expansion ("UN", "UK", ...). */
  readonly noExpansion?: readonly string[];
  readonly severity?: Severity;
}

export const DEFAULT_NO_EXPANSION: readonly string[] = Object.freeze(['UN', 'UK', 'US', 'USA', 'EU', 'COVID', 'HIV', 'AIDS']);

/**
 * `acronym.unexpanded` at the first spoken use of each acronym that the draft has not expanded before it: neither
 * defined ("Long Form (ACRO)", "ACRO (Long Form)") nor said in full earlier. Not reported: the `noExpansion` list,
 * glossary terms marked as needing none, and names the archive uses in two or more statements without ever expanding
 * (INTERPOL): the team's own practice is to say them bare.
 */
export function unexpandedAcronyms(draftText: string, table: AcronymTable, glossary: Glossary = EMPTY_GLOSSARY, options: UnexpandedOptions = {}): AcronymFinding[] {
  const skip = new Set((options.noExpansion ?? DEFAULT_NO_EXPANSION).map((a) => a.toUpperCase()));
  const defs = extractAcronyms(draftText);
  const out: AcronymFinding[] = [];
  const done = new Set<string>();
  const said = saidBefore(draftText);
  for (const use of spokenUses(draftText)) {
    if (done.has(use.acronym)) continue;
    done.add(use.acronym);
    if (skip.has(use.acronym.toUpperCase()) || skip.has(use.acronym.replace(/-\d+$/, '').toUpperCase())) continue;
    const g = glossaryEntry(glossary, use.acronym);
    const entry = table.entries.get(use.acronym);
    if (isNoExpansion(g) || (!g && entry && entry.statements >= 2 && !entry.expansions.length)) continue;
    if (!g && !entry?.expansions.length && writtenOtherwise(draftText, use.acronym)) continue;
    const own = defs.filter((d) => d.acronym === use.acronym);
    if (own.some((d) => d.span.start <= use.span.start)) continue;
    const expansions = expansionsFor(entry, g);
    if (said(use.span.start, expansions)) continue;
    const later = own.find((d) => d.kind === 'defined');
    out.push(finding(draftText, use, expansions, later?.span, options.severity ?? 'warning'));
  }
  return out;
}

/** Acronyms in what is spoken: not in front matter, headings, delivery notes, comments or lines in capitals. */
function spokenUses(text: string): AcronymUse[] {
  const masked = maskComments(text);
  return segment(masked).filter((b) => b.kind === 'paragraph' || b.kind === 'bullet' || b.kind === 'salutation').flatMap((b) => {
    const uses = acronymUses(masked, b.span.start, b.span.end).filter((u) => u.span.end <= b.span.end);
    return uses.length && !isShouting(masked, b.span.start, b.span.end) ? uses : [];
  });
}

const LETTER = /\p{L}/u, UPPER = /\p{Lu}/u;

/**
 * More than 20 letters, over 60% of them capitals. A loop over character codes with the Unicode classes only for
 * non-ASCII characters: the two whole-paragraph regular expressions it replaces were a third of the check's time on a
 * 5,000-word UNGDC draft.
 */
function isShouting(text: string, start: number, end: number): boolean {
  let letters = 0, upper = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) { letters++; upper++; } else if (c >= 97 && c <= 122) letters++;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch.length === 2) i++;
    if (LETTER.test(ch)) { letters++; if (UPPER.test(ch)) upper++; }
  }
  return letters > 20 && upper > 0.6 * letters;
}

/** "VIENNA, 14 May" in a draft that also says "Vienna": a word in capitals, not an acronym. */
function writtenOtherwise(text: string, word: string): boolean {
  if (!/^\p{Lu}+$/u.test(word)) return false;
  const re = new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'giu');
  for (const m of text.matchAll(re)) if (m[0] !== word) return true;
  return false;
}

/**
 * Folded paragraphs, kept across checks: a keystroke changes one paragraph of the draft, and the others are folded
 * already (a cache; cleared when it outgrows a few long drafts).
 */
const PARAGRAPH_KEYS = new Map<string, string>();
const PARAGRAPH_KEYS_MAX = 4096;

function paragraphKey(paragraph: string): string {
  let key = PARAGRAPH_KEYS.get(paragraph);
  if (key === undefined) {
    if (PARAGRAPH_KEYS.size >= PARAGRAPH_KEYS_MAX) PARAGRAPH_KEYS.clear();
    PARAGRAPH_KEYS.set(paragraph, key = ` ${variantKey(paragraph)} `);
  }
  return key;
}

/**
 * Did the draft say one of the expansions in full before `offset`? Each paragraph is folded (variantKey) once, and only
 * when an acronym's first use comes after it: folding the whole text before every acronym's first use was most of
 * this check's time on a 5,000-word UNGDC draft (3.5-10 ms with the archive's table). A long form does not span
 * paragraphs.
 */
function saidBefore(text: string): (offset: number, expansions: readonly string[]) => boolean {
  const paragraphs: { start: number; end: number; key?: string }[] = [];
  const breaks = /\n[ \t]*\n/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) { paragraphs.push({ start, end: m.index }); start = m.index + m[0].length; }
  paragraphs.push({ start, end: text.length });
  return (offset, expansions) => {
    if (!expansions.length) return false;
    const wanted = expansions.map((e) => ` ${variantKey(e)} `);
    for (const p of paragraphs) {
      if (p.start >= offset) break;
      const key = p.end <= offset ? (p.key ??= paragraphKey(text.slice(p.start, p.end))) : ` ${variantKey(text.slice(p.start, offset))} `;
      if (wanted.some((w) => key.includes(w))) return true;
    }
    return false;
  };
}

function finding(text: string, use: AcronymUse, expansions: string[], definedAt: Span | undefined, severity: Severity): AcronymFinding {
  const raw = text.slice(use.span.start, use.span.end);
  const fixes = expansions.map((e) => ({ title: `Expand at first use: ${e} (${raw})`, edits: [{ span: use.span, newText: `${e} (${raw})` }] }));
  const why = definedAt ? ' before it is expanded' : ' without being expanded';
  const how = fixes.length ? ` Say “${expansions[0]} (${raw})” the first time.` : ' Neither the glossary nor the archive expands it.';
  return { code: 'acronym.unexpanded', severity, span: use.span, message: `“${raw}” is used${why}: a listener cannot look it up.${how}`, acronym: use.acronym, fixes, ...(definedAt ? { definedAt } : {}) };
}
