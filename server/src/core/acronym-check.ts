// `acronym.unexpanded`: a listener cannot look an acronym up, so a statement says the long form at first use. The
// fix writes "Long Form (ACRO)" there, with the glossary's preferred form first.
import { acronymUses, explicitDefinitions, namesSpelling, type AcronymUse } from './acronyms';
import { expansionsFor, type AcronymEntry, type AcronymTable } from './acronym-table';
import { chunkFact, chunkMap, draftChunks, DraftMemo, type Chunk, type ChunkFacts } from './draft-chunks';
import { EMPTY_GLOSSARY, glossaryEntry, isNoExpansion, type Glossary, type GlossaryEntry } from './glossary';
import { maskComments } from './markers';
import { segmentRange } from './paragraphs';
import { nameRuns, surface, variantKey, type NameRun } from './terms';
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
  /** The draft's chunks and what its last check learned of them (draft-chunks.ts); without it, a full run. */
  readonly memo?: DraftMemo;
  readonly chunks?: readonly Chunk[];
}

export const DEFAULT_NO_EXPANSION: readonly string[] = Object.freeze(['UN', 'UK', 'US', 'USA', 'EU', 'COVID', 'HIV', 'AIDS']);

/**
 * `acronym.unexpanded` at the first spoken use of each acronym that the draft has not expanded before it: neither
 * defined ("Long Form (ACRO)", "ACRO (Long Form)") nor said in full earlier. Not reported: the `noExpansion` list,
 * glossary terms marked as needing none, and names the archive uses in two or more statements without ever expanding
 * (INTERPOL): the team's own practice is to say them bare.
 */
export function unexpandedAcronyms(draftText: string, table: AcronymTable, glossary: Glossary = EMPTY_GLOSSARY, options: UnexpandedOptions = {}): AcronymFinding[] {
  const skip = skipSet(options.noExpansion ?? DEFAULT_NO_EXPANSION);
  const memo = options.memo ?? new DraftMemo();
  const chunks = options.chunks ?? draftChunks(draftText, maskComments(draftText), memo);
  const out: AcronymFinding[] = [];
  const done = new Set<string>();
  let defined: Map<string, DefinitionsOf> | undefined;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    if (c.frontMatter) continue;
    const uses = chunkFact(c.facts, 'spoken', spokenUses);
    for (let j = 0; j < uses.length; j++) {
      const rel = uses[j];
      if (done.has(rel.acronym)) continue;
      done.add(rel.acronym);
      if (skip.has(rel.acronym.toUpperCase()) || skip.has(rel.acronym.replace(/-\d+$/, '').toUpperCase())) continue;
      const use = { acronym: rel.acronym, span: { start: c.start + rel.span.start, end: c.start + rel.span.end } };
      const g = glossaryEntry(glossary, use.acronym);
      const entry = table.entries.get(use.acronym);
      if (isNoExpansion(g) || (!g && entry && entry.statements >= 2 && !entry.expansions.length)) continue;
      if (!g && !entry?.expansions.length && writtenOtherwise(chunks, use.acronym)) continue;
      defined ??= definitions(chunks);
      const own = defined.get(use.acronym);
      if (expandedBy(chunks, own, use.acronym, use.span.start)) continue;
      const { expansions, folded: wanted } = expansionsOf(use.acronym, entry, g);
      if (saidBefore(chunks, use.span.start, wanted)) continue;
      out.push(finding(draftText, use, expansions, own?.spans[0], options.severity ?? 'warning'));
    }
  }
  return out;
}

/** The acronyms needing no expansion, in capitals; made again only for another list. */
function skipSet(noExpansion: readonly string[]): ReadonlySet<string> {
  if (lastSkip?.list !== noExpansion) lastSkip = { list: noExpansion, set: new Set(noExpansion.map((a) => a.toUpperCase())) };
  return lastSkip.set;
}
let lastSkip: { list: readonly string[]; set: ReadonlySet<string> } | undefined;

/** Acronyms in what is spoken: not in front matter, headings, delivery notes, comments or lines in capitals. */
function spokenUses(f: ChunkFacts): AcronymUse[] {
  const masked = f.masked;
  return segmentRange(masked, 0, masked.length).filter((b) => b.kind === 'paragraph' || b.kind === 'bullet' || b.kind === 'salutation').flatMap((b) => {
    const uses = acronymUses(masked, b.span.start, b.span.end).filter((u) => u.span.end <= b.span.end);
    return uses.length && !isShouting(masked, b.span.start, b.span.end) ? uses : [];
  });
}

/** A chunk's explicit definitions, its name runs, and the chunk folded for "said in full". */
function definedIn(f: ChunkFacts): { acronym: string; key: string; span: Span }[] {
  return explicitDefinitions(f.raw).map((x) => ({ acronym: x.acronym, key: variantKey(x.longForm), span: x.span }));
}
function runsIn(f: ChunkFacts) { return nameRuns(f.raw); }
function folded(f: ChunkFacts) { return ` ${variantKey(f.raw)} `; }

/** The explicit definitions of the draft ("Long Form (ACRO)", "ACRO (Long Form)"), by acronym, in order. */
interface DefinitionsOf { readonly spans: Span[]; readonly keys: Set<string> }

function definitions(chunks: readonly Chunk[]): Map<string, DefinitionsOf> {
  const out = new Map<string, DefinitionsOf>();
  for (const c of chunks) {
    for (const d of chunkFact(c.facts, 'defined', definedIn)) {
      let e = out.get(d.acronym);
      if (!e) out.set(d.acronym, e = { spans: [], keys: new Set() });
      e.spans.push({ start: c.start + d.span.start, end: c.start + d.span.end });
      e.keys.add(d.key);
    }
  }
  return out;
}

/**
 * Whether the draft defines an acronym or names it in full (a name whose words spell it, as `extractAcronyms` finds
 * it alongside: each long form once, and not when the draft also defines the acronym with that long form) at or before
 * `use`.
 */
function expandedBy(chunks: readonly Chunk[], own: DefinitionsOf | undefined, acronym: string, use: number): boolean {
  if (own?.spans.length && own.spans[0].start <= use) return true;
  // only the chunks up to the use are read. No closure in this loop (nor in the other loops over chunks): a closure
  // that captures the loop's `c` makes every turn allocate a context for it, even where the closure is not made (this
  // loop turns ~500 times a keystroke: a sixth of what a keystroke allocated, bench/keystroke.ts
  // LECTERN_KEYSTROKE_PROFILE=heap)
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    if (c.start > use) break;
    const names = namesIn(c.facts, acronym);
    // the first name not defined explicitly with the same long form (later repeats of a long form come after it)
    for (let j = 0; j < names.length; j++) {
      if (own?.keys.has(names[j].key)) continue;
      if (c.start + names[j].span.start <= use) return true;
      break;
    }
  }
  return false;
}
/**
 * The chunk's names that spell the acronym, each with its long form folded; once per chunk text and acronym. The
 * look-up holds no closure (a function with one allocates its context on every call, found or not).
 */
function namesIn(f: ChunkFacts, acronym: string): readonly { span: Span; key: string }[] {
  const byAcronym = chunkMap<string, { span: Span; key: string }[]>(f, 'names');
  let names = byAcronym.get(acronym);
  if (!names) byAcronym.set(acronym, names = spelledNames(f.raw, chunkFact(f, 'runs', runsIn), acronym));
  return names;
}
function spelledNames(raw: string, runs: readonly NameRun[], acronym: string): { span: Span; key: string }[] {
  return namesSpelling(raw, runs, acronym).map((span) => ({ span, key: variantKey(surface(raw, span)) }));
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
function writtenOtherwise(chunks: readonly Chunk[], word: string): boolean {
  if (!/^\p{Lu}+$/u.test(word)) return false;
  for (let i = 0; i < chunks.length; i++) if (chunkFact(chunks[i].facts, 'otherwise', writtenInLowerCase).has(word)) return true;
  return false;
}

/**
 * The words of a chunk written with a lower-case letter, in capitals ("Vienna" as "VIENNA"): one
 * pass over the chunk's letter runs, where a pattern per acronym scanned every chunk again for each
 * (it was ~40% of the acronym check in the first check of a 5,000-word draft without the archive's table).
 */
function writtenInLowerCase(f: ChunkFacts): Set<string> {
  const words = new Set<string>();
  for (const m of f.raw.matchAll(LETTER_RUN)) {
    const upper = m[0].toUpperCase();
    if (upper !== m[0] && upper.length === m[0].length) words.add(upper);
  }
  return words;
}
const LETTER_RUN = /\p{L}+/gu;

/**
 * `expansionsFor`, and each expansion folded for "said in full" (` ${variantKey(e)} `), once per table entry and
 * glossary entry: a keystroke asks for each acronym.
 */
function expansionsOf(acronym: string, entry: AcronymEntry | undefined, g: GlossaryEntry | undefined): Expansions {
  const hit = EXPANSIONS.get(acronym);
  if (hit && hit.entry === entry && hit.g === g) return hit;
  if (EXPANSIONS.size >= 4096) EXPANSIONS.clear();
  const expansions = expansionsFor(entry, g);
  const made = { entry, g, expansions, folded: expansions.map((e) => ` ${variantKey(e)} `) };
  EXPANSIONS.set(acronym, made);
  return made;
}
interface Expansions { entry: AcronymEntry | undefined; g: GlossaryEntry | undefined; expansions: string[]; folded: readonly string[] }
const EXPANSIONS = new Map<string, Expansions>();

/**
 * Did the draft say one of the expansions (`wanted`, folded) in full before `offset`? Each chunk is folded (variantKey) once, and
 * whether it holds a folded expansion is kept with it; a long form does not span chunks. Folding the whole text
 * before every acronym's first use was most of this check's time on a 5,000-word UNGDC draft (3.5-10 ms with the
 * archive's table).
 */
function saidBefore(chunks: readonly Chunk[], offset: number, wanted: readonly string[]): boolean {
  if (!wanted.length) return false;
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    if (c.start >= offset) break;
    if (c.end <= offset) {
      const key = chunkFact(c.facts, 'folded', folded);
      const holds = chunkMap<string, boolean>(c.facts, 'said');
      for (let j = 0; j < wanted.length; j++) {
        let h = holds.get(wanted[j]);
        if (h === undefined) holds.set(wanted[j], h = key.includes(wanted[j]));
        if (h) return true;
      }
    } else {
      // the chunk up to the acronym, folded once per place in the chunk
      const partial = chunkMap<number, string>(c.facts, 'folded before');
      let key = partial.get(offset - c.start);
      if (key === undefined) partial.set(offset - c.start, key = ` ${variantKey(c.facts.raw.slice(0, offset - c.start))} `);
      for (let j = 0; j < wanted.length; j++) if (key.includes(wanted[j])) return true;
    }
  }
  return false;
}

function finding(text: string, use: AcronymUse, expansions: string[], definedAt: Span | undefined, severity: Severity): AcronymFinding {
  const raw = text.slice(use.span.start, use.span.end);
  const fixes = expansions.map((e) => ({ title: `Expand at first use: ${e} (${raw})`, edits: [{ span: use.span, newText: `${e} (${raw})` }] }));
  const why = definedAt ? ' before it is expanded' : ' without being expanded';
  const how = fixes.length ? ` Say “${expansions[0]} (${raw})” the first time.` : ' Neither the glossary nor the archive expands it.';
  return { code: 'acronym.unexpanded', severity, span: use.span, message: `“${raw}” is used${why}: a listener cannot look it up.${how}`, acronym: use.acronym, fixes, ...(definedAt ? { definedAt } : {}) };
}
