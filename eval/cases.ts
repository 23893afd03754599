// The labelled set: passages cut from indexed statements, changed the way a writer changes them,
// and planted into drafts made of held-out text (statements the index does not hold), plus
// drafts of held-out text alone (the negatives).
import { tokenize } from '../server/src/core/words';
import type { Span } from '../server/src/core/types';
import { editLightly, reformat, reorder, type Planted } from './changes';
import { Random } from './random';
import { countWords, isHardWrapped, isProse, sentences, type Sentence } from './text';
import type { Statement } from './ungdc';

export const KINDS = ['verbatim', 'formatting', 'edited', 'reordered', 'partial', 'combined'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABEL: Record<Kind, string> = {
  verbatim: 'verbatim',
  formatting: 'formatting only',
  edited: 'lightly edited',
  reordered: 'reordered',
  partial: 'partial (1-2 sentences in a new paragraph)',
  combined: 'combined (formatting + edits + reorder)',
};

/** A passage of an indexed statement. */
export interface SourcePassage {
  readonly path: string;
  /** Offsets into the statement's text, first sentence's start to last sentence's end. */
  readonly span: Span;
  /** Its sentences, each on one line. */
  readonly sentences: readonly string[];
  readonly words: number;
}

export interface Case {
  readonly id: number;
  readonly kind: Kind;
  readonly source: SourcePassage;
  /** Other indexed statements holding the whole passage: as right a source as `source.path`. */
  readonly twins: readonly string[];
  readonly draft: string;
  /** Where the planted passage is in the draft. */
  readonly planted: Span;
  /** What was done to the passage, for reading a miss. */
  readonly changes: readonly string[];
  /** The new paragraphs around it: which held-out statement each comes from, and where it is in the draft. */
  readonly newText: readonly { path: string; span: Span }[];
}

// ---------------------------------------------------------------------------------------------
// Source passages.

/** Draws a passage for a kind of case; undefined when this statement has none that fits. */
function drawPassage(kind: Kind, st: Statement, sents: readonly Sentence[], rnd: Random): SourcePassage | undefined {
  // partial cases copy one or two sentences of 12 words or more; the others 2-4 sentences, 20-120 words
  const partial = kind === 'partial';
  const len = partial ? rnd.between(1, 2) : rnd.between(2, 4);
  if (sents.length < len) return undefined;
  const first = rnd.int(sents.length - len + 1);
  const run = sents.slice(first, first + len);
  const words = run.reduce((n, s) => n + s.words, 0);
  if (!run.every((s) => isProse(s) && s.block === run[0].block)) return undefined;
  if (partial ? !run.every((s) => s.words >= 12) || words > 70 : words < 20 || words > 120) return undefined;
  return { path: st.path, span: { start: run[0].start, end: run[run.length - 1].end }, sentences: run.map((s) => s.text), words };
}

/**
 * `perKind` candidate passages for each kind, from indexed statements drawn uniformly (so every
 * period and layout of the archive is represented), never the same passage twice.
 */
export function drawPassages(indexed: readonly Statement[], perKind: number, rnd: Random): Map<Kind, SourcePassage[]> {
  const sentenceCache = new Map<string, Sentence[]>();
  const used = new Set<string>();
  const out = new Map<Kind, SourcePassage[]>();
  for (const kind of KINDS) {
    const list: SourcePassage[] = [];
    for (let tries = 0; list.length < perKind && tries < perKind * 50; tries++) {
      const st = rnd.pick(indexed);
      let sents = sentenceCache.get(st.path);
      if (!sents) { sents = sentences(st.text); sentenceCache.set(st.path, sents); }
      // a few places in the statement before the next one: splitting a statement costs more than a try
      for (let place = 0; place < 8; place++) {
        const p = drawPassage(kind, st, sents, rnd);
        if (!p || used.has(`${p.path}:${p.span.start}`)) continue;
        used.add(`${p.path}:${p.span.start}`);
        list.push(p);
        break;
      }
    }
    out.set(kind, list);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Which indexed statements hold a text: one pass over the archive, comparing runs of WINDOW words.
// Used for the passages (stock formulas, twins) and for the held-out paragraphs (new text is text
// that shares no run with the index). Independent of what the detector finds, so the labelled set
// stays the same when the detector changes. Uses the detector's word hashes (its tokenizer) for
// speed on 30 M words: what is compared is archive text with archive text, never a changed draft.

/** Words per compared run: the detector's default shortest reported passage. */
export const WINDOW = 12;
/** A passage with a run found in this many statements or more is a stock formula, not a copy of one statement. */
export const STOCK_STATEMENTS = 5;

export interface Spread {
  /** Statements holding at least one run of the text, those holding most of its runs first. */
  readonly sharers: string[];
  /** Most statements that share any one run of it. */
  readonly maxSharing: number;
  /** Statements other than its own holding every run of it. */
  readonly twins: string[];
}

/** Two 32-bit hashes of the WINDOW words from word i on, in `key`: together no chance collisions over 30 M runs. */
const key = new Uint32Array(2);
function hashWindow(h: Uint32Array, i: number): void {
  let a = 0x811c9dc5, b = 0x2545f491;
  for (let j = i; j < i + WINDOW; j++) {
    a = Math.imul(a ^ h[j], 0x01000193);
    b = Math.imul(b ^ h[j], 0x9e3779b1) ^ (b >>> 15);
  }
  key[0] = a; key[1] = b;
}

/** The 53-bit map key of the hashed window. */
const windowKey = () => key[0] * 0x200000 + (key[1] >>> 11);

/**
 * Bit table of the wanted windows' first hash (2 MB: a table much larger than the cache costs
 * more in misses than it saves): most of the 30 M runs are turned away without a map lookup.
 */
const FILTER_BITS = 24;

/** Starts of the windows of `h` that pass the filter, each hashed into `key` when yielded. */
function* filteredWindows(h: Uint32Array, filter: Uint32Array): Generator<number> {
  for (let i = 0; i + WINDOW <= h.length; i++) {
    hashWindow(h, i);
    const bit = key[0] >>> (32 - FILTER_BITS);
    if (filter[bit >>> 5] & (1 << (bit & 31))) yield i;
  }
}

/** For each text (and the statement it comes from, if indexed), which indexed statements hold its runs. */
export function spreadInIndex(texts: readonly { text: string; own?: string }[], indexed: readonly Statement[]): Spread[] {
  // key -> (text, window) pairs, flat: [text, window, text, window, ...]
  const wanted = new Map<number, number[]>();
  const filter = new Uint32Array(1 << (FILTER_BITS - 5));
  const windows = texts.map(({ text }, ti) => {
    const h = tokenize(text).hash;
    const n = Math.max(0, h.length - WINDOW + 1);
    for (let w = 0; w < n; w++) {
      hashWindow(h, w);
      const bit = key[0] >>> (32 - FILTER_BITS);
      filter[bit >>> 5] |= 1 << (bit & 31);
      const k = windowKey();
      const list = wanted.get(k);
      if (list) list.push(ti, w); else wanted.set(k, [ti, w]);
    }
    return n;
  });
  // per text: statement -> which of its windows the statement holds
  const holders = texts.map(() => new Map<string, Set<number>>());
  for (const st of indexed) {
    for (const _ of filteredWindows(tokenize(st.text).hash, filter)) {
      const hits = wanted.get(windowKey());
      if (!hits) continue;
      for (let k = 0; k < hits.length; k += 2) {
        const m = holders[hits[k]];
        let set = m.get(st.path);
        if (!set) { set = new Set(); m.set(st.path, set); }
        set.add(hits[k + 1]);
      }
    }
  }
  return texts.map(({ own }, ti) => {
    const perWindow = new Array<number>(windows[ti]).fill(0);
    const twins: string[] = [];
    for (const [path, set] of holders[ti]) {
      for (const w of set) perWindow[w]++;
      if (path !== own && set.size === windows[ti]) twins.push(path);
    }
    const sharers = [...holders[ti]].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1)).map(([path]) => path);
    return { sharers, maxSharing: Math.max(0, ...perWindow), twins: twins.sort() };
  });
}

// ---------------------------------------------------------------------------------------------
// Held-out text.

/** A paragraph of a held-out statement: the new text of drafts. */
export interface NewParagraph {
  readonly id: number;
  readonly path: string;
  readonly sentences: readonly string[];
  readonly text: string;
  readonly words: number;
}

/**
 * A held-out statement's text as paragraphs: its own paragraphs where it has them (one per
 * line), runs of sentences of ~70 words in PDF-wrapped text, whose paragraph breaks are lost.
 */
export function newParagraphs(st: Statement, firstId: number): NewParagraph[] {
  const cap = isHardWrapped(st.text) ? 70 : 160;
  const out: NewParagraph[] = [];
  let cur: Sentence[] = [];
  const close = () => {
    if (!cur.length) return;
    const text = cur.map((s) => s.text).join(' ');
    out.push({ id: firstId + out.length, path: st.path, sentences: cur.map((s) => s.text), text, words: countWords(text) });
    cur = [];
  };
  for (const s of sentences(st.text)) {
    if (cur.length && (s.block !== cur[0].block || cur.reduce((n, x) => n + x.words, 0) >= cap)) close();
    cur.push(s);
  }
  close();
  return out;
}

/** A draft of new text only, and where each of its paragraphs is. */
export interface NegativeDraft {
  readonly path: string;
  readonly text: string;
  readonly paragraphs: readonly { id: number; span: Span }[];
  readonly words: number;
}

/** Held-out paragraphs, six to a draft, in their order, blank-line separated. */
export function negativeDrafts(paragraphs: readonly NewParagraph[], perDraft = 6): NegativeDraft[] {
  const out: NegativeDraft[] = [];
  for (let i = 0; i < paragraphs.length;) {
    const path = paragraphs[i].path;
    const group: NewParagraph[] = [];
    while (i < paragraphs.length && paragraphs[i].path === path && group.length < perDraft) group.push(paragraphs[i++]);
    let text = '';
    const spans = group.map((p) => {
      if (text) text += '\n\n';
      const span = { start: text.length, end: text.length + p.text.length };
      text += p.text;
      return { id: p.id, span };
    });
    out.push({ path, text, paragraphs: spans, words: group.reduce((n, p) => n + p.words, 0) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Drafts with a planted passage.

/** The passage changed as its kind says (partial cases are planted verbatim, inside a new paragraph). */
export function change(kind: Kind, sents: readonly string[], rnd: Random): Planted {
  switch (kind) {
    case 'verbatim':
    case 'partial':
      return { parts: [sents.join(' ')], changes: [] };
    case 'formatting':
      return reformat(sents, rnd);
    case 'edited': {
      const e = editLightly(sents, rnd);
      return { parts: [e.sentences.join(' ')], changes: e.changes };
    }
    case 'reordered': {
      const r = reorder(sents, rnd);
      return { parts: [r.sentences.join(' ')], changes: r.changes };
    }
    case 'combined': {
      const r = reorder(sents, rnd);
      const e = editLightly(r.sentences, rnd);
      const f = reformat(e.sentences, rnd);
      return { ...f, changes: [...r.changes, ...e.changes, ...f.changes] };
    }
  }
}

/** A draft being put together: paragraphs separated by blank lines, or run on into the previous one. */
class DraftText {
  text = '';
  readonly newText: { path: string; span: Span }[] = [];

  /** Appends a paragraph; returns where it is. */
  add(paragraph: string, runOn = false): Span {
    if (this.text) this.text += runOn ? ' ' : '\n\n';
    const span = { start: this.text.length, end: this.text.length + paragraph.length };
    this.text += paragraph;
    return span;
  }

  addNew(p: NewParagraph, runOn = false): void {
    this.newText.push({ path: p.path, span: this.add(p.text, runOn) });
  }
}

/**
 * One draft per passage: two new paragraphs, the changed passage, two new paragraphs (for a
 * partial case: two new paragraphs, a third holding the copied sentences between two of its own,
 * one more). New paragraphs are held-out paragraphs sharing no run of WINDOW words with any
 * indexed statement, so a warning in a draft is about the planted passage or a false one.
 */
export function plantCases(passages: ReadonlyMap<Kind, readonly { passage: SourcePassage; twins: string[] }[]>, context: readonly NewParagraph[], seed: number): Case[] {
  // each new paragraph used once while there are enough, so one paragraph's false warning counts once
  const deck = new Deck(context, new Random(seed, 'new text'));
  const cases: Case[] = [];
  for (const kind of KINDS) {
    for (const [i, { passage, twins }] of (passages.get(kind) ?? []).entries()) {
      // each case's changes from its own stream: how one case is drawn never shifts another's
      const rnd = new Random(seed, `${kind} ${i}`);
      const planted = change(kind, passage.sentences, rnd);
      const [a, b, c, d] = [deck.draw(), deck.draw(), deck.draw(), deck.draw()];
      const draft = new DraftText();
      draft.addNew(a);
      draft.addNew(b);
      let span: Span;
      if (kind === 'partial') {
        const host = deck.draw((p) => p.sentences.length >= 2 && p.words >= 30);
        const at = rnd.between(1, host.sentences.length - 1);
        const head = host.sentences.slice(0, at).join(' ') + ' ';
        const copied = planted.parts[0];
        const hostSpan = draft.add(head + copied + ' ' + host.sentences.slice(at).join(' '));
        draft.newText.push({ path: host.path, span: hostSpan });
        span = { start: hostSpan.start + head.length, end: hostSpan.start + head.length + copied.length };
        draft.addNew(c);
      } else {
        const first = draft.add(planted.parts[0], planted.merge === 'before');
        let last = first;
        for (const part of planted.parts.slice(1)) last = draft.add(part);
        span = { start: first.start, end: last.end };
        draft.addNew(c, planted.merge === 'after');
        draft.addNew(d);
      }
      cases.push({ id: cases.length, kind, source: passage, twins, draft: draft.text, planted: span, changes: planted.changes, newText: draft.newText });
    }
  }
  return cases;
}

/** The items in a random order, each drawn once; when all have been drawn, the used ones again in a new order. */
class Deck<T> {
  private order: T[];
  private next = 0;

  constructor(private readonly items: readonly T[], private readonly rnd: Random) {
    this.order = rnd.shuffled(items);
  }

  /** The next item (that `fits`, if given). */
  draw(fits: (item: T) => boolean = () => true): T {
    for (let round = 0; round < 2; round++) {
      for (let i = this.next; i < this.order.length; i++) {
        if (!fits(this.order[i])) continue;
        [this.order[i], this.order[this.next]] = [this.order[this.next], this.order[i]];
        return this.order[this.next++];
      }
      this.order = this.rnd.shuffled(this.items);
      this.next = 0;
    }
    throw new Error('no new paragraph fits');
  }
}
