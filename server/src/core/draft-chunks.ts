// The speechwriter's checks read a draft chunk by chunk, so that a keystroke re-does only the chunk it changed. A
// chunk is a run of lines between lines that hold nothing but spaces, tabs and carriage returns; the front matter is
// a chunk of its own. Everything the checks learn from one chunk (its acronyms, definitions, names, house-spelling
// findings, folded text) is a function of that chunk's text alone, kept in a `DraftMemo` under that text; what spans
// chunks (an acronym's first use, "said in full before", "written otherwise") is put together from the chunks on
// every check, which costs a look-up per chunk. A check with a fresh memo (a full run) and one with the memo of the
// draft's last check give the same findings (test/core/draft-incremental.test.ts checks this on random edits).
//
// Why a blank line bounds what a chunk needs: a word, an acronym, a name run (terms.ts: a run breaks at
// /\n[ \t\r]*\n/), a sentence, a paragraph (paragraphs.ts: runs of lines between blank lines are segmented on their
// own) and a definition "Long Form (ACRO)" all end at one; a line of other white space (a no-break space) is blank to
// the segmenter but not to the name finder, so it does not end a chunk.
import { changedRegion } from './incremental';
import { readFrontMatter } from './metadata';

export interface Chunk {
  /** Where the chunk's text lies in the draft. */
  readonly start: number;
  readonly end: number;
  /** The front matter (never spoken; read for definitions and "said in full"). */
  readonly frontMatter: boolean;
  readonly facts: ChunkFacts;
}

/** What the checks learned from one chunk, offsets relative to its start; filled in as the checks ask. */
export interface ChunkFacts {
  /** The chunk as written. */
  readonly raw: string;
  /** The chunk with the draft's HTML comments blanked (the same string as `raw` when it has none). */
  readonly masked: string;
  readonly cache: Map<string, unknown>;
  /** The last check (DraftMemo's count) that used these facts. */
  used: number;
}

/**
 * Chunk facts kept between the checks of one draft: those of the last two checks (a keystroke and its undo find
 * theirs again); anything older is dropped, so a memo holds about one draft's chunks.
 */
export class DraftMemo {
  private readonly byText = new Map<string, ChunkFacts>();
  /** Checks so far; each chunk's facts remember the last check that used them. */
  private check = 0;
  /** Chunks in the last check: the map is swept when it holds twice as many. */
  private chunks = 0;

  /** The facts of a chunk with this text, kept or new. */
  facts(raw: string, masked: string, frontMatter: boolean): ChunkFacts {
    const key = raw === masked ? (frontMatter ? `F${raw}` : raw) : `${frontMatter ? 'F' : ''}${raw}\u0000${masked}`;
    let f = this.byText.get(key);
    if (!f) this.byText.set(key, f = { raw, masked, cache: new Map(), used: 0 });
    f.used = this.check;
    return f;
  }

  /** The text and chunks of the last check (draftChunks starts from them). */
  last: { readonly raw: string; readonly chunks: Chunk[] } | undefined;

  /** A chunk of the last check, kept in this one. */
  keep(chunk: Chunk): Chunk {
    chunk.facts.used = this.check;
    return chunk;
  }

  /**
   * Ends one check. Facts the last two checks did not use are dropped once the memo holds twice the draft's chunks
   * (a sweep now and then rather than a new map per check: re-filling a map every keystroke was a tenth of what a
   * keystroke's re-check allocated).
   */
  endCheck(): void {
    this.chunks = this.last?.chunks.length ?? this.chunks;
    if (this.byText.size > 2 * this.chunks + 16) {
      for (const [key, f] of this.byText) if (f.used < this.check - 1) this.byText.delete(key);
    }
    this.check++;
  }
}

/**
 * The draft's chunks, in order; `masked` is `raw` with comments blanked (same length). After a keystroke in a draft
 * without comments or front matter, the chunks of the memo's last check that lie wholly before or after the change
 * (with the blank line that bounds them) are kept, moved, and only the lines between are read again.
 */
export function draftChunks(raw: string, masked: string, memo: DraftMemo): Chunk[] {
  const last = memo.last;
  memo.last = { raw, chunks: [] };
  const chunks = memo.last.chunks;
  const plain = raw === masked && !FRONT_MATTER_START.test(raw);
  if (plain && last && last.chunks.length && !last.chunks[0].frontMatter) {
    const old = last.chunks;
    const { prefix, suffix } = changedRegion(last.raw, raw);
    const delta = raw.length - last.raw.length, changedEnd = last.raw.length - suffix;
    let k = 0;
    while (k + 1 < old.length && old[k + 1].start <= prefix) k++;
    let t = k + 1;
    while (t < old.length && old[t - 1].end < changedEnd) t++;
    for (let i = 0; i < k; i++) chunks.push(memo.keep(old[i]));
    scanLines(raw, masked, k > 0 ? old[k].start : 0, t < old.length ? old[t].start + delta : raw.length, chunks, memo);
    for (let i = t; i < old.length; i++) chunks.push(memo.keep(chunk(old[i].start + delta, old[i].end + delta, old[i].frontMatter, old[i].facts)));
    return chunks;
  }
  const fmEnd = FRONT_MATTER_START.test(masked) ? readFrontMatter(masked)?.span.end ?? 0 : 0;
  if (fmEnd > 0) chunks.push(chunk(0, fmEnd, true, memo.facts(raw.slice(0, fmEnd), masked.slice(0, fmEnd), true)));
  scanLines(raw, masked, fmEnd, raw.length, chunks, memo);
  return chunks;
}

/** Every chunk is made here, so that all have one shape (a copy made with `{ ...old, start }` and a literal are two). */
function chunk(start: number, end: number, frontMatter: boolean, facts: ChunkFacts): Chunk {
  return { start, end, frontMatter, facts };
}

/** The chunks of the lines from `from` (a line start) up to `to` (the start of a line after a blank one, or the end). */
function scanLines(raw: string, masked: string, from: number, to: number, chunks: Chunk[], memo: DraftMemo): void {
  let start = -1, end = -1;
  const add = () => { if (start >= 0) chunks.push(chunk(start, end, false, memo.facts(raw.slice(start, end), masked.slice(start, end), false))); start = -1; };
  for (let pos = from; pos <= to && pos <= raw.length;) {
    let nl = raw.indexOf('\n', pos);
    if (nl < 0 || nl > to) nl = to;
    if (isBlank(raw, pos, nl)) add();
    else { if (start < 0) start = pos; end = nl; }
    pos = nl + 1;
  }
  add();
}

const FRONT_MATTER_START = /^\uFEFF?---/;

/** Only spaces, tabs and carriage returns. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * A map among a chunk's facts (made on first use). The checks' loops over chunks and acronyms call this and
 * `chunkFact` with functions made once, not per call: a closure per chunk and acronym was most of the 300 kB a
 * keystroke's re-check allocated (bench/keystroke.ts LECTERN_KEYSTROKE_PROFILE=heap).
 */
export function chunkMap<K, V>(facts: ChunkFacts, key: string): Map<K, V> {
  let m = facts.cache.get(key) as Map<K, V> | undefined;
  if (!m) facts.cache.set(key, m = new Map());
  return m;
}

/** A fact of one chunk, computed once per chunk text. */
export function chunkFact<T>(facts: ChunkFacts, key: string, compute: (f: ChunkFacts) => T): T {
  let v = facts.cache.get(key) as T | undefined;
  if (v === undefined && !facts.cache.has(key)) { v = compute(facts); facts.cache.set(key, v); }
  return v as T;
}
