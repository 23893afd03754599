// Openings and closings mined from the archive, offered back as snippets.
//
// Per statement (`extractFormulas`, cheap, at indexing time): the first and last few sentences of
// the body, each kept only if a formula cue (thanks, congratulations, "In conclusion", ...) comes
// early in it; its variable parts become placeholders (placeholders.ts), and every prefix that
// could end a formula (at a comma, after "you", after a placeholder that is an object) and holds
// the cue gets a group key: the hash of its normalised words (words.ts) with each placeholder
// reduced to its kind. Over the archive (formula-merge.ts): statements are counted per key, and a
// prefix is kept where the statements that use it stop agreeing on how it goes on ("In
// conclusion," is a formula; what follows it is the writer's). Ranked by statements, then by the
// latest date.
import type { Block } from './paragraphs';
import { findPlaceholders, type PlaceholderKind, type Slot } from './placeholders';
import { readable, sentenceSpans, sentences } from './sentences';
import { edgeBlocks, isProse, isSalutation } from './statement-body';
import { FORMULA_KINDS, type FormulaCandidate, type FormulaCut, type FormulaKind, type StatementFormulas } from './formula-types';
import type { StatementMeta } from './types';
import { hashString, tokenize } from './words';

export * from './formula-types';

/** Characters read at each end of a statement: its first and last paragraphs, never the middle. */
const EDGE = 6000;
const OPENING_BLOCKS = 3, OPENING_SENTENCES = 4;
const CLOSING_BLOCKS = 3, CLOSING_SENTENCES = 5;
/** Longest prefix counted, in words: beyond it a sentence is content, not formula. */
const MAX_WORDS = 30;
/** A cue must come this early for the sentence to be a formula rather than content that thanks someone. */
const OPENING_CUE_WITHIN = 12, CLOSING_CUE_WITHIN = 10;

/**
 * What makes a sentence a formula of each kind. A formula (a prefix that is offered) must contain
 * one of these; "At the outset," or "Finally," alone is a frame, not yet a formula.
 */
const CORE_CUE: Record<Exclude<FormulaKind, 'salutation'>, RegExp> = {
  thanks: /\b(?:thank(?:s|ing)?|gratitude|grateful|appreciat\w*)\b/i,
  opening: /\b(?:congratulat\w*|honou?r(?:ed)?|privilege[ds]?|pleasure|pleased|delighted|welcom\w*|behalf|tribute|salute|greet\w*|election)\b/i,
  closing: /\b(?:thank(?:s|ing)?|conclu(?:de|sion|ding)|closing|(?:me|to|will|shall|I) (?:end|close)|long live|wish|bless|attention|gratitude)\b/i,
};
/** Frames that also make an opening or closing sentence worth reading. */
const OPENING_FRAME = /\b(?:outset|begin|start|join|opportunity|first of all)\b/i;
const CLOSING_FRAME = /\b(?:finally|lastly|before I conclude)\b/i;

/** Words the writer goes on from: a prefix may end after one ("I congratulate you | on ..."). */
const OBJECT = new Set(['you', 'all'].map(hashString));
/** Spelling and modal variants that don't make a different formula (word hashes, as tokenize gives them). */
const FOLD = new Map([['should', 'would'], ['honor', 'honour'], ['honored', 'honoured'], ['organization', 'organisation'], ['favor', 'favour']]
  .map(([from, to]) => [hashString(from), hashString(to)]));

const ADDRESSEE = String.raw`(?:(?:Mr|Mme|Ms|Mrs)\.?|Madam|Madame|Mister) (?:Vice-President|President|Chair(?:person|man|woman)?|Co-Chairs?|Secretary-General|Speaker|Moderator)|Your Excellenc(?:y|ies)|Excellencies|Sir`;
const AUDIENCE = String.raw`Excellencies|Your Excellenc(?:y|ies)|(?:[\p{Ll}-]+ ){0,3}(?:delegates|guests|colleagues|representatives|friends|participants|members[\p{Ll} ]*|gentlemen)`;
/** "Mr. President, Excellencies, distinguished delegates, " before the first words of a sentence. */
const VOCATIVE = new RegExp(String.raw`^(${ADDRESSEE})((?:, (?:${AUDIENCE}))*),? (?=\p{L})`, 'u');
/** A UN press release dateline before the first sentence: "VIENNA, 14 May (UN Information Service) - ". */
const PRESS_DATELINE = /^\p{Lu}{3,}[\p{Lu} ]*,[^-–—]{3,60}[-–—] /u;

/** The formula candidates of one statement: its salutation, opening and closing sentences. */
export function extractFormulas(text: string, meta: StatementMeta): StatementFormulas {
  // the cues are English; a statement in another language would give nothing useful
  if (meta.language && !/^en\b/i.test(meta.language)) return { candidates: [] };
  const blocks = edgeBlocks(text, EDGE);
  const head = proseBlocks(text, blocks, OPENING_BLOCKS, 1);
  if (!head.length) return { candidates: [] };
  const candidates: FormulaCandidate[] = [];
  for (const s of openingSentences(text, head)) {
    if (s.salutation) { candidates.push(candidate('salutation', s.text)); continue; }
    const { salutation, rest } = splitVocative(s.text);
    if (salutation) candidates.push(candidate('salutation', salutation));
    const kind = rest && openingKind(rest);
    if (kind) candidates.push(candidate(kind, rest));
  }
  const closing = proseBlocks(text, blocks, CLOSING_BLOCKS, -1).filter((b) => !isSalutation(text, b)).reverse();
  const spans = closing.flatMap((b) => sentenceSpans(text, b.span)).slice(-CLOSING_SENTENCES);
  for (const s of sentences(text, spans)) {
    const rest = splitVocative(plain(s.text)).rest;
    if (rest && (cueWord(rest, CORE_CUE.closing, CLOSING_CUE_WITHIN) || cueWord(rest, CLOSING_FRAME, 3))) candidates.push(candidate('closing', rest));
  }
  return { candidates: candidates.filter((c) => c.cuts.length > 0) };
}

/** The first (`direction` 1) or last (-1) `n` prose blocks, nearest the end they are counted from first. */
function proseBlocks(text: string, blocks: readonly Block[], n: number, direction: 1 | -1): Block[] {
  const out: Block[] = [];
  for (let i = direction > 0 ? 0 : blocks.length - 1; i >= 0 && i < blocks.length && out.length < n; i += direction) {
    if (isProse(text, blocks[i])) out.push(blocks[i]);
  }
  return out;
}

/** Salutation lines whole, then the first sentences of the first paragraphs. */
function openingSentences(text: string, blocks: readonly Block[]): { text: string; salutation: boolean }[] {
  const out: { text: string; salutation: boolean }[] = [];
  let count = 0;
  for (const b of blocks) {
    if (isSalutation(text, b)) { out.push({ text: plain(readable(text.slice(b.span.start, b.span.end))), salutation: true }); continue; }
    for (const s of sentences(text, sentenceSpans(text, b.span).slice(0, OPENING_SENTENCES - count))) {
      out.push({ text: plain(count === 0 ? s.text.replace(PRESS_DATELINE, '') : s.text), salutation: false });
      count++;
    }
    if (count >= OPENING_SENTENCES) break;
  }
  return out;
}

/** Without Markdown emphasis: the snippet is the words, the writer formats them. */
function plain(sentence: string): string {
  if (!/[*_]/.test(sentence)) return sentence;
  return sentence.replace(/(^|[\s(“‘"'])[*_]{1,3}(?=[^\s*_])/g, '$1').replace(/(?<=[^\s*_])[*_]{1,3}(?=$|[\s.,;:!?)”’"'])/g, '');
}

/** "Mr. President, I should like ..." is a salutation and a sentence. */
function splitVocative(sentence: string): { salutation?: string; rest?: string } {
  const m = VOCATIVE.exec(sentence);
  if (!m) return { rest: /^\p{Lu}/u.test(sentence) ? sentence : undefined };
  const rest = sentence.slice(m[0].length);
  return { salutation: `${m[1]}${m[2]},`, rest: rest ? rest[0].toUpperCase() + rest.slice(1) : undefined };
}

function openingKind(sentence: string): FormulaKind | undefined {
  // "Let me start by thanking the Government of Japan": thanks to the host, however it begins
  if (cueWord(sentence, CORE_CUE.thanks, OPENING_CUE_WITHIN)) return 'thanks';
  if (cueWord(sentence, CORE_CUE.opening, OPENING_CUE_WITHIN) || cueWord(sentence, OPENING_FRAME, OPENING_CUE_WITHIN)) return 'opening';
  return undefined;
}

/** Does `cue` match among the first `within` words? */
function cueWord(sentence: string, cue: RegExp, within: number): boolean {
  const m = cue.exec(sentence.slice(0, 16 * within));
  if (!m) return false;
  let words = 0;
  for (let i = 0; i < m.index; i++) if (sentence.charCodeAt(i) === 32) words++;
  return words < within;
}

/** A word of the group key: a word's normalised hash, or a placeholder's kind. */
interface KeyToken { hash: number; end: number; slot?: PlaceholderKind; punctuated: boolean; possessive: boolean }

function candidate(kind: FormulaKind, text: string): FormulaCandidate {
  const slots = findPlaceholders(text);
  const tokens = keyTokens(text, slots);
  // a formula holds its cue: no prefix ends before the first cue outside a placeholder
  const cueEnd = kind === 'salutation' ? 0 : cueEndOffset(text, slots, CORE_CUE[kind]);
  const cuts: FormulaCut[] = [];
  if (cueEnd < 0) return { kind, text, slots, cuts };
  let h1 = 0x811c9dc5 ^ FORMULA_KINDS.indexOf(kind), h2 = 0x01000193 + FORMULA_KINDS.indexOf(kind);
  for (let i = 0; i < tokens.length && i < MAX_WORDS; i++) {
    // two independent 32-bit mixes make a 53-bit key: among UNGDC's 50,000 keys a chance collision is ~1 in 10^7
    h1 = Math.imul(h1 ^ tokens[i].hash, 0x01000193);
    h2 = Math.imul(h2 + tokens[i].hash, 0x9e3779b1) ^ (h2 >>> 15);
    const whole = i === tokens.length - 1;
    if (tokens[i].end < cueEnd || (i < 1 && !whole) || !(whole || endsPhrase(tokens, i))) continue;
    if (kind === 'salutation' && !whole) continue;
    cuts.push({ end: cutEnd(text, tokens[i].end, whole), key: (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff) });
  }
  return { kind, text, slots, cuts };
}

/** Where the first cue outside a placeholder ends, or -1. */
function cueEndOffset(text: string, slots: readonly Slot[], cue: RegExp): number {
  const re = new RegExp(cue.source, 'gi');
  for (const m of text.matchAll(re)) {
    const end = m.index! + m[0].length;
    if (slots.every((s) => end <= s.start || m.index! >= s.end)) return end;
  }
  return -1;
}

/**
 * A formula may stop after token i: at a comma, after "you" in "I congratulate you", or after a
 * placeholder that is an object ("I congratulate Mr. X"), not the subject of a new clause ("In
 * conclusion, Burkina Faso ...") unless it is the one addressed ("In conclusion, Mr. President,").
 */
function endsPhrase(tokens: readonly KeyToken[], i: number): boolean {
  const t = tokens[i];
  if (!t.slot) return tokens[i + 1].punctuated || OBJECT.has(t.hash);
  if (t.possessive) return false;
  return t.slot === 'title' || (!t.punctuated && i > 0);
}

/** The sentence's words as the group key sees them; a placeholder is one word, its kind. */
function keyTokens(text: string, slots: readonly Slot[]): KeyToken[] {
  const out: KeyToken[] = [];
  const punctuatedBefore = (at: number) => /[,;:]/.test(text.slice(out.length ? out[out.length - 1].end : 0, at));
  const literal = (from: number, to: number) => {
    const words = tokenize(text.slice(from, to));
    for (let w = 0; w < words.count; w++) {
      const hash = FOLD.get(words.hash[w]) ?? words.hash[w];
      out.push({ hash, end: from + words.end[w], punctuated: punctuatedBefore(from + words.start[w]), possessive: false });
    }
  };
  let pos = 0;
  for (const s of slots) {
    literal(pos, s.start);
    out.push({ hash: hashString(`\u0001${s.kind}`), end: s.end, slot: s.kind, punctuated: punctuatedBefore(s.start), possessive: /^['’]/.test(text.slice(s.end)) });
    pos = s.end;
  }
  literal(pos, text.length);
  return out;
}

/** The prefix ends after its last word and the punctuation that closes it ("you, Sir," / "event."). */
function cutEnd(text: string, wordEnd: number, whole: boolean): number {
  if (whole) return text.length;
  const m = /^[,;:)”’"]*/.exec(text.slice(wordEnd));
  return wordEnd + (m ? m[0].length : 0);
}

export { mergeFormulas } from './formula-merge';
export { completeFormulas } from './formula-completion';
