// The changes a writer makes to a passage taken from an earlier statement before pasting it into
// a new draft: formatting only, light word edits, sentences in another order. Each returns the
// changed sentences and a note of what it did, so a missed case can be read and reproduced.
import type { Random } from './random';

/** A passage ready for a draft. */
export interface Planted {
  /** Its paragraphs in the draft (two when the formatting split it). */
  readonly parts: string[];
  /** Run on into the neighbouring new paragraph instead of standing apart (formatting "merge"). */
  readonly merge?: 'before' | 'after';
  readonly changes: string[];
}

// ---------------------------------------------------------------------------------------------
// Formatting: nothing a reader would call a different text.

const FORMAT_OPS = ['quotes', 'case', 'spaces', 'rewrap', 'emphasis', 'split', 'merge'] as const;
type FormatOp = (typeof FORMAT_OPS)[number];

/** One to three formatting changes, drawn among those that apply to the passage. */
export function reformat(sentences: readonly string[], rnd: Random): Planted {
  const applicable = FORMAT_OPS.filter((op) =>
    (op !== 'quotes' || sentences.some((s) => /['"‘’“”]/.test(s))) && (op !== 'split' || sentences.length >= 2));
  const ops = new Set<FormatOp>(rnd.sample(applicable, rnd.between(1, 3)));
  const changes: string[] = [];
  let ss = [...sentences];
  if (ops.has('case')) {
    const i = rnd.int(ss.length);
    const style = rnd.pick(['Title Case', 'lower case', 'UPPER CASE'] as const);
    ss[i] = style === 'Title Case' ? titleCase(ss[i]) : style === 'lower case' ? ss[i].toLowerCase() : ss[i].toUpperCase();
    changes.push(`${style} (sentence ${i + 1})`);
  }
  if (ops.has('quotes')) {
    const curly = ss.some((s) => /[‘’“”]/.test(s));
    ss = ss.map(curly ? straightQuotes : curlyQuotes);
    changes.push(curly ? 'curly quotes made straight' : 'straight quotes made curly');
  }
  if (ops.has('emphasis')) {
    const i = rnd.int(ss.length);
    const marked = emphasise(ss[i], rnd);
    ss[i] = marked.text;
    changes.push(`Markdown emphasis ${marked.note}`);
  }
  let parts = [ss.join(' ')];
  if (ops.has('split')) {
    const at = rnd.between(1, ss.length - 1);
    parts = [ss.slice(0, at).join(' '), ss.slice(at).join(' ')];
    changes.push(`split into two paragraphs after sentence ${at}`);
  }
  if (ops.has('rewrap')) {
    const width = rnd.between(44, 56);
    // a PDF-style hyphenated line break ("organi-\nsation") in half the cases, once per passage
    let hyphenate = rnd.chance(0.5);
    parts = parts.map((p) => {
      const wrapped = wrap(p, width, hyphenate);
      hyphenate &&= !wrapped.hyphenated;
      return wrapped.text;
    });
    const hyphenated = parts.some((p) => /-\n/.test(p));
    changes.push(`hard-wrapped at ${width} characters${hyphenated ? ', a word hyphenated across a line break' : ''}`);
  }
  if (ops.has('spaces')) {
    parts = parts.map((p) => doubleSomeSpaces(p, rnd));
    changes.push('doubled spaces');
  }
  let merge: 'before' | 'after' | undefined;
  if (ops.has('merge')) {
    merge = rnd.chance(0.5) ? 'before' : 'after';
    changes.push(`run on into the ${merge === 'before' ? 'preceding' : 'following'} new paragraph`);
  }
  return { parts, merge, changes };
}

function titleCase(s: string): string {
  return s.replace(/\p{L}[\p{L}'’]*/gu, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
}

function straightQuotes(s: string): string {
  return s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

function curlyQuotes(s: string): string {
  return s
    .replace(/(^|[\s(\[])'/g, '$1‘').replace(/'/g, '’')
    .replace(/(^|[\s(\[])"/g, '$1“').replace(/"/g, '”');
}

/** `**word**`, `*word*` or an emphasised phrase of two or three words. */
function emphasise(s: string, rnd: Random): { text: string; note: string } {
  const tokens = s.split(' ');
  const wordy = tokens.map((t, i) => (/\p{L}{3,}/u.test(t) ? i : -1)).filter((i) => i >= 0);
  if (!wordy.length) return { text: s, note: '(nothing to emphasise)' };
  const marker = rnd.chance(0.5) ? '**' : '*';
  const first = rnd.pick(wordy);
  const last = Math.min(tokens.length - 1, first + (rnd.chance(0.5) ? 0 : rnd.between(1, 2)));
  const lead = /^[("“‘']*/.exec(tokens[first])![0];
  const trail = /[.,;:!?)"”’']*$/.exec(tokens[last])![0];
  tokens[first] = lead + marker + tokens[first].slice(lead.length);
  tokens[last] = tokens[last].slice(0, tokens[last].length - trail.length) + marker + trail;
  return { text: tokens.join(' '), note: tokens.slice(first, last + 1).join(' ') };
}

/**
 * Greedy wrap at `width` characters, as PDF text is. With `hyphenate`, the first long lower-case
 * word that does not fit is split across the line break with a hyphen ("organi-\nsation").
 */
function wrap(p: string, width: number, hyphenate: boolean): { text: string; hyphenated: boolean } {
  const lines: string[] = [];
  let hyphenated = false;
  let line = '';
  for (const word of p.split(' ')) {
    if (!line) { line = word; continue; }
    if (line.length + 1 + word.length <= width) { line += ` ${word}`; continue; }
    const room = width - line.length - 2;
    if (hyphenate && /^\p{Ll}{8,}$/u.test(word) && room >= 3 && word.length - room >= 3) {
      lines.push(`${line} ${word.slice(0, room)}-`);
      line = word.slice(room);
      hyphenate = false;
      hyphenated = true;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return { text: lines.join('\n'), hyphenated };
}

function doubleSomeSpaces(p: string, rnd: Random): string {
  let doubled = false;
  const out = p.replace(/ /g, () => (rnd.chance(0.3) ? ((doubled = true), '  ') : ' '));
  return doubled ? out : out.replace(' ', '  ');
}

// ---------------------------------------------------------------------------------------------
// Light edits: one to three words per sentence changed, inserted or deleted, the way a passage
// is brought up to date (the session, the year, the country) or touched up.

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth',
  'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'thirtieth',
  'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth'];
const NUMBER_WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve', 'twenty', 'thirty', 'forty',
  'fifty', 'hundred', 'thousand', 'million', 'billion'];
const NUMBER = new RegExp(`\\b(?:\\d+(?:,\\d{3})*|${[...ORDINALS, ...NUMBER_WORDS].join('|')})\\b`, 'gi');

const COUNTRIES = ['Afghanistan', 'Albania', 'Algeria', 'Angola', 'Argentina', 'Australia', 'Austria', 'Bangladesh', 'Belgium',
  'Bolivia', 'Brazil', 'Bulgaria', 'Burundi', 'Cambodia', 'Cameroon', 'Canada', 'Chile', 'China', 'Colombia', 'Cuba', 'Cyprus',
  'Denmark', 'Egypt', 'Ethiopia', 'Fiji', 'Finland', 'France', 'Germany', 'Ghana', 'Greece', 'Grenada', 'Guatemala', 'Haiti',
  'Honduras', 'Hungary', 'India', 'Indonesia', 'Iran', 'Iraq', 'Ireland', 'Israel', 'Italy', 'Jamaica', 'Japan', 'Jordan', 'Kenya',
  'Korea', 'Kuwait', 'Lebanon', 'Liberia', 'Libya', 'Malaysia', 'Mali', 'Mexico', 'Morocco', 'Mozambique', 'Namibia', 'Nepal',
  'Nicaragua', 'Nigeria', 'Norway', 'Pakistan', 'Palestine', 'Panama', 'Peru', 'Poland', 'Portugal', 'Qatar', 'Romania', 'Russia',
  'Rwanda', 'Senegal', 'Somalia', 'South Africa', 'Spain', 'Sri Lanka', 'Sudan', 'Sweden', 'Syria', 'Thailand', 'Tunisia', 'Turkey',
  'Uganda', 'Ukraine', 'United Kingdom', 'United States', 'Venezuela', 'Viet Nam', 'Yemen', 'Zambia', 'Zimbabwe'];
const COUNTRY = new RegExp(`\\b(?:${COUNTRIES.join('|')})\\b`, 'g');

const ADJECTIVES = ['international', 'important', 'great', 'new', 'serious', 'significant', 'full', 'strong', 'major', 'deep', 'real',
  'true', 'effective', 'special', 'common', 'global', 'whole', 'entire', 'urgent', 'grave', 'particular', 'necessary', 'fundamental',
  'genuine', 'lasting', 'firm', 'sincere', 'warm', 'considerable', 'positive', 'constructive', 'vital', 'essential', 'crucial',
  'further', 'broad', 'active', 'profound', 'remarkable', 'continued', 'increasing', 'growing', 'critical', 'collective', 'concrete',
  'practical', 'meaningful', 'sustainable', 'peaceful', 'heartfelt', 'warmest', 'deepest', 'utmost', 'highest', 'economic', 'political'];
const ADJECTIVE = new RegExp(` (?:${ADJECTIVES.join('|')})\\b`, 'gi');

const ADVERBS = ['also', 'indeed', 'truly', 'clearly', 'firmly', 'deeply', 'fully', 'greatly', 'now', 'still', 'once again', 'very',
  'particularly', 'certainly', 'therefore'];

/** One kind of edit: whether it applies to a sentence, and doing it at a random place. */
interface Edit {
  applies(s: string): boolean;
  apply(s: string, rnd: Random): { text: string; note: string };
}

/** An edit that replaces (or, with an empty replacement, deletes) one match of `re`. */
function replacing(re: RegExp, by: (found: string, rnd: Random) => string): Edit {
  return {
    applies: (s) => s.search(re) >= 0,
    apply(s, rnd) {
      const m = rnd.pick([...s.matchAll(re)]);
      const to = by(m[0], rnd);
      return { text: s.slice(0, m.index!) + to + s.slice(m.index! + m[0].length), note: to ? `${m[0].trim()} → ${to.trim()}` : `−${m[0].trim()}` };
    },
  };
}

const sameCase = (like: string, word: string) => (/^\p{Lu}/u.test(like) ? word[0].toUpperCase() + word.slice(1) : word);

/** A year, a number, a session ordinal ("forty-ninth" → "forty-eighth") or a number word changed. */
const changeNumber = replacing(NUMBER, (found, rnd) => {
  if (/^\d/.test(found)) {
    const n = Number(found.replace(/,/g, ''));
    if (n >= 1900 && n <= 2099) return String(n + rnd.pick([-3, -2, -1, 1, 2, 3]));
    return String(n + rnd.between(1, 9));
  }
  const list = ORDINALS.includes(found.toLowerCase()) ? ORDINALS : NUMBER_WORDS;
  return sameCase(found, rnd.pick(list.filter((w) => w !== found.toLowerCase())));
});

const changeCountry = replacing(COUNTRY, (found, rnd) => rnd.pick(COUNTRIES.filter((c) => c !== found)));

const deleteAdjective = replacing(ADJECTIVE, () => '');

/** Applies to any sentence of two words or more: the fallback edit. */
const insertAdverb: Edit = {
  applies: (s) => / \p{L}/u.test(s),
  apply(s, rnd) {
    const at = rnd.pick([...s.matchAll(/ (?=\p{L})/gu)].map((m) => m.index!));
    const adverb = rnd.pick(ADVERBS);
    return { text: `${s.slice(0, at)} ${adverb}${s.slice(at)}`, note: `+${adverb}` };
  },
};

const EDITS = [changeNumber, changeCountry, deleteAdjective, insertAdverb];

/** One to three edits in each sentence, each drawn among the edits that apply to it. */
export function editLightly(sentences: readonly string[], rnd: Random): { sentences: string[]; changes: string[] } {
  const changes: string[] = [];
  const out = sentences.map((original, i) => {
    let s = original;
    const notes: string[] = [];
    for (let k = rnd.between(1, 3); k > 0; k--) {
      const applicable = EDITS.filter((e) => e.applies(s));
      if (!applicable.length) break;
      const done = rnd.pick(applicable).apply(s, rnd);
      s = done.text;
      notes.push(done.note);
    }
    changes.push(`sentence ${i + 1}: ${notes.join(', ')}`);
    return s;
  });
  return { sentences: out, changes };
}

// ---------------------------------------------------------------------------------------------
// Reordering.

/** The same sentences in another order. */
export function reorder(sentences: readonly string[], rnd: Random): { sentences: string[]; changes: string[] } {
  let order = sentences.map((_, i) => i);
  while (order.every((v, i) => v === i)) order = rnd.shuffled(order);
  return { sentences: order.map((i) => sentences[i]), changes: [`sentences in the order ${order.map((i) => i + 1).join(', ')}`] };
}
