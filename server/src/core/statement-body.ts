// Where a statement's body starts and ends. Archives put header lines above the body (a title,
// "The speech made by X on 17 May 2022.", a dateline, "For information only") and sometimes junk
// below it ("* *** *", page numbers); openings, closings and the outline's title all need to know
// which blocks are the speech itself.
import { segment, type Block } from './paragraphs';

const METADATA_LINE = [
  /^The (?:speech|statement|remarks|address) (?:made|delivered|given) by\b/i,
  /^for information only\b/i,
  /\bby:?$/i,
  // a dateline or a bare date: "Vienna, 14 May 2018", "14 May 2018", "May 17, 2022"
  /^(?:[\p{L}' .-]+,\s*)?(?:\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+\p{L}+\s+\d{4}|\p{L}+\s+\d{1,2},?\s+\d{4})\.?$/u,
];

const MAX_HEADER_LINE = 200;

/** Text that reads as a sentence rather than a header line: ends like one, or is long. */
const SENTENCE_END = /[.!?:;…"”’)\]]$/;
const LONG_WORDS = 25;

/**
 * A line of forms of address. paragraphs.ts misses those with a full stop ("Mr. President,"):
 * its `\b` after "Mr\." needs a word character next.
 */
const SALUTATION_LINE = /^(?:(?:Mr|Mrs|Ms|Dr)\b\.?|(?:Madam|Madame|Mister|Your|Excellenc(?:y|ies)|Distinguished|Dear|Ladies|President|Chair\w*)\b)[^!?\n]{0,200},$/i;

export function isSalutation(text: string, block: Block): boolean {
  return block.kind === 'salutation' || (block.kind === 'paragraph' && SALUTATION_LINE.test(text.slice(block.span.start, block.span.end)));
}

/** Is this block part of the speech (as opposed to a header line or trailing junk)? */
export function isProse(text: string, block: Block): boolean {
  if (isSalutation(text, block)) return true;
  if (block.kind !== 'paragraph' && block.kind !== 'bullet') return false;
  const s = text.slice(block.span.start, block.span.end);
  // header lines are short; testing long paragraphs against them was most of a completion's time
  if (s.length <= MAX_HEADER_LINE && METADATA_LINE.some((re) => re.test(s))) return false;
  return SENTENCE_END.test(s) || s.split(/\s+/).length >= LONG_WORDS;
}

/** Index of the first block of the body, or `blocks.length` when there is none yet. */
export function bodyStart(text: string, blocks: readonly Block[]): number {
  const i = blocks.findIndex((b) => isProse(text, b));
  return i < 0 ? blocks.length : i;
}

/** Index of the last prose block, or -1. */
export function bodyEnd(text: string, blocks: readonly Block[]): number {
  for (let i = blocks.length - 1; i >= 0; i--) if (isProse(text, blocks[i])) return i;
  return -1;
}

/**
 * The blocks of the first and last `window` characters of a text (all of it when it is short),
 * cut at line starts, with offsets into the whole text. Openings, closings and where the cursor
 * is in the body need only these, whatever the length of the statement.
 */
export function edgeBlocks(text: string, window: number): Block[] {
  if (text.length <= 2 * window) return segment(text);
  const headEnd = text.lastIndexOf('\n', window) + 1 || window;
  const tailStart = Math.max(headEnd, text.lastIndexOf('\n', text.length - window) + 1);
  const tail = segment(text.slice(tailStart)).filter((b) => b.kind !== 'frontmatter')
    .map((b) => ({ ...b, span: { start: b.span.start + tailStart, end: b.span.end + tailStart } }));
  return [...segment(text.slice(0, headEnd)), ...tail];
}
