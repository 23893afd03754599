// The benchmark's drafts: new text the index has never seen (held-out statements), with the same
// set of paragraphs copied from indexed statements planted in each: verbatim, with only their
// formatting changed, and lightly edited. Everything is drawn from one seeded generator, so every
// run and every tool sees the same drafts.
import { segment } from '../server/src/core/paragraphs';
import type { Span } from '../server/src/core/types';
import { tokenize } from '../server/src/core/words';
import { readStatement } from '../server/src/node/statement-files';
import type { Random } from './stats';

export type CopyKind = 'verbatim' | 'formatted' | 'edited';
export const COPY_KINDS: readonly CopyKind[] = ['verbatim', 'formatted', 'edited'];

/** How a formatted copy differs from its source; each is invisible to a reader of the speech. */
export const FORMAT_CHANGES = ['quotes', 'case', 'rewrap', 'spaces'] as const;
export type FormatChange = (typeof FORMAT_CHANGES)[number];

export interface Copy {
  readonly id: number;
  readonly kind: CopyKind;
  /** 'verbatim', a FormatChange, or 'edited-N' with N words changed. */
  readonly variant: string;
  /** Absolute path of the indexed statement it comes from. */
  readonly sourcePath: string;
  /** The paragraph in the source statement. */
  readonly sourceSpan: Span;
  /** The text planted in every draft. */
  readonly text: string;
}

export interface PlantedCopy {
  readonly copy: Copy;
  /** Where it sits in the draft. */
  readonly span: Span;
}

export interface BenchDraft {
  readonly name: string;
  readonly text: string;
  readonly words: number;
  readonly planted: readonly PlantedCopy[];
  /** The held-out statements its own text comes from. */
  readonly from: readonly string[];
}

export interface DraftPlan {
  drafts: number;
  /** Words per draft, planted copies included. */
  words: number;
  /** Planted copies of each kind per draft. */
  perKind: number;
  /** Words of a paragraph worth copying. */
  copyWords: readonly [number, number];
}

/** Paragraphs of the indexed statements, copied with each kind of change (the same set for every draft). */
export function chooseCopies(indexedPaths: readonly string[], plan: DraftPlan, rng: Random): Copy[] {
  const statements = rng.shuffle(indexedPaths);
  const used = new Set<string>();
  const copies: Copy[] = [];
  let next = 0;
  const paragraphFrom = (accept: (text: string) => boolean): { path: string; span: Span; text: string } => {
    // round robin over shuffled statements: distinct sources while there are enough of them
    for (let tries = 0; tries < statements.length * 2; tries++) {
      const path = statements[next++ % statements.length];
      const read = readStatement(path);
      if (!('text' in read)) continue;
      const candidates = paragraphs(read.text, plan.copyWords).filter((p) => !used.has(`${path}#${p.span.start}`) && accept(p.text));
      if (!candidates.length) continue;
      const p = rng.pick(candidates);
      used.add(`${path}#${p.span.start}`);
      return { path, ...p };
    }
    throw new Error('the corpus has no paragraph to copy of the planned length');
  };
  for (const kind of COPY_KINDS) {
    for (let i = 0; i < plan.perKind; i++) {
      const change = FORMAT_CHANGES[i % FORMAT_CHANGES.length];
      // a quote swap needs quotes or apostrophes to swap
      const p = paragraphFrom((t) => kind !== 'formatted' || change !== 'quotes' || /['"‘’“”]/.test(t));
      const base = { id: copies.length, kind, sourcePath: p.path, sourceSpan: p.span };
      if (kind === 'verbatim') copies.push({ ...base, variant: 'verbatim', text: p.text });
      else if (kind === 'formatted') copies.push({ ...base, variant: change, text: reformat(p.text, change, rng) });
      else { const e = lightlyEdit(p.text, rng); copies.push({ ...base, variant: `edited-${e.edits}`, text: e.text }); }
    }
  }
  return copies;
}

/** Drafts of held-out paragraphs with every copy planted at seeded places. */
export function makeDrafts(heldOutPaths: readonly string[], copies: readonly Copy[], plan: DraftPlan, rng: Random): BenchDraft[] {
  const plantedWords = copies.reduce((n, c) => n + wordCount(c.text), 0);
  const queue = rng.shuffle(heldOutPaths);
  const drafts: BenchDraft[] = [];
  for (let d = 0; d < plan.drafts && queue.length; d++) {
    // whole statements in their own order, one after another, so the draft reads like a speech
    const own: string[] = [];
    const from: string[] = [];
    let words = 0;
    while (words < plan.words - plantedWords && queue.length) {
      const path = queue.shift()!;
      const read = readStatement(path);
      if (!('text' in read)) continue;
      from.push(path);
      for (const p of paragraphs(read.text, [8, Infinity])) {
        if (words >= plan.words - plantedWords) break;
        own.push(p.text);
        words += wordCount(p.text);
      }
    }
    drafts.push(assemble(`draft-${String(d + 1).padStart(2, '0')}`, own, copies, from, rng));
  }
  return drafts;
}

function assemble(name: string, own: readonly string[], copies: readonly Copy[], from: string[], rng: Random): BenchDraft {
  // never two copies side by side: a tool must find each one, not one long run of them
  const gaps = rng.shuffle(Array.from({ length: own.length }, (_, i) => i + 1)).slice(0, copies.length).sort((a, b) => a - b);
  const order = rng.shuffle(copies);
  const blocks: { text: string; copy?: Copy }[] = [];
  let c = 0;
  own.forEach((text, i) => {
    blocks.push({ text });
    if (gaps[c] === i + 1) blocks.push({ text: order[c].text, copy: order[c++] });
  });
  while (c < order.length) blocks.push({ text: order[c].text, copy: order[c++] });
  let text = '';
  const planted: PlantedCopy[] = [];
  for (const b of blocks) {
    if (text) text += '\n\n';
    if (b.copy) planted.push({ copy: b.copy, span: { start: text.length, end: text.length + b.text.length } });
    text += b.text;
  }
  text += '\n';
  return { name, text, words: wordCount(text), planted, from };
}

function paragraphs(text: string, [min, max]: readonly [number, number]): { span: Span; text: string }[] {
  return segment(text)
    .filter((b) => b.kind === 'paragraph' || b.kind === 'bullet')
    .map((b) => ({ span: b.span, text: text.slice(b.span.start, b.span.end) }))
    .filter((p) => { const n = wordCount(p.text); return n >= min && n <= max; });
}

export function wordCount(text: string): number {
  return tokenize(text).count;
}

/** The same words with one change a reader would not notice. */
export function reformat(text: string, change: FormatChange, rng: Random): string {
  switch (change) {
    case 'quotes': {
      let open = true;
      return text.replace(/['"‘’“”]/g, (q) => {
        if (q === "'") return '’';
        if (q === '‘' || q === '’') return "'";
        if (q === '"') { open = !open; return open ? '”' : '“'; }
        return '"';
      });
    }
    case 'case':
      return text.toUpperCase();
    case 'rewrap':
      return wrap(text.split(/\s+/).filter(Boolean), 60);
    case 'spaces':
      return text.split(/\s+/).filter(Boolean).map((w, i, all) => (i === all.length - 1 ? w : /[.!?;:]$/.test(w) || rng.next() < 0.25 ? `${w}  ` : `${w} `)).join('');
  }
}

function wrap(words: readonly string[], width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) { lines.push(line); line = w; } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** Words an editor might swap in or add; none is likely to restore the word it replaces. */
const EDIT_WORDS = ['also', 'indeed', 'today', 'further', 'clearly', 'truly', 'now', 'again', 'fully', 'all', 'new', 'our', 'firmly', 'still'];

/** 2-3 words per sentence replaced, inserted or deleted (one in a sentence of under 8 words). */
export function lightlyEdit(text: string, rng: Random): { text: string; edits: number } {
  const tokens = text.split(/\s+/).filter(Boolean);
  const sentences: string[][] = [];
  let cur: string[] = [];
  for (const t of tokens) {
    cur.push(t);
    if (/[.!?]["”’)]*$/.test(t) && !/^(?:Mr|Mrs|Ms|Dr|St|No)\.$/.test(t)) { sentences.push(cur); cur = []; }
  }
  if (cur.length) sentences.push(cur);
  let edits = 0;
  const out = sentences.map((s) => {
    const words = [...s];
    const wanted = words.length < 8 ? 1 : rng.int(2, 3);
    const editable = rng.shuffle(words.map((w, i) => i).filter((i) => /\p{L}{2,}/u.test(words[i])));
    // from the back, so earlier positions stay valid
    for (const at of editable.slice(0, wanted).sort((a, b) => b - a)) {
      const op = rng.int(0, 2);
      const word = rng.pick(EDIT_WORDS);
      if (op === 0) words[at] = words[at].replace(/\p{L}[\p{L}’'-]*/u, word);
      else if (op === 1) words.splice(at, 0, word);
      else words.splice(at, 1);
      edits++;
    }
    return words.join(' ');
  });
  return { text: out.join(' '), edits };
}
