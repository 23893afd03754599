// Splits a statement into blocks (paragraphs, headings, bullets, salutation lines) with UTF-16
// spans. Real archives use three conventions, often mixed: blank-line separated paragraphs, one
// paragraph per line, and PDF text hard-wrapped at ~50 characters with no blank lines. A run of
// lines is read as hard-wrapped when most of its lines are close to one short width; then a
// paragraph ends at a short line that ends a sentence, or before an indented line.
import { readFrontMatter } from './metadata';
import type { Span } from './types';

export type BlockKind = 'frontmatter' | 'heading' | 'paragraph' | 'bullet' | 'salutation' | 'note';

export interface Block {
  readonly kind: BlockKind;
  /** The block's text, without surrounding whitespace. */
  readonly span: Span;
  /** Markdown heading level (1-6), or 1 for a plain section line; 0 for other blocks. */
  readonly level: number;
}

interface Line { start: number; end: number; text: string }

const BULLET = /^\s*(?:[-*•‣▪◦–]|\d{1,3}[.)])\s+/;
const MD_HEADING = /^\s*(#{1,6})\s+\S/;
const NOTE = /^\s*\[[A-Z][A-Z ]*\]\s*$/;
const SENTENCE_END = /[.!?:;"”’)\]]\s*$/;
const SALUTATION = /^(?:(?:Mr|Mrs|Ms|Madam|Madame|Mister|Your|Their|His|Her|Honou?rable|Excellenc(?:y|ies)|Distinguished|Dear|Ladies|Colleagues|Friends|President|Chair(?:person|man|woman)?|Secretary|Members?|Heads?|Delegates|All)\b\.?[^.!?]*,|Excellencies[.,]?)$/i;

export function segment(text: string): Block[] {
  const blocks: Block[] = [];
  const fm = readFrontMatter(text);
  let pos = 0;
  if (fm) { blocks.push({ kind: 'frontmatter', span: fm.span, level: 0 }); pos = fm.span.end; }
  segmentLines(text, pos, text.length, blocks);
  return blocks;
}

/** The blocks of text[from, to) read without front matter (`from` a line start, `to` a line start or the end). */
export function segmentRange(text: string, from: number, to: number): Block[] {
  const blocks: Block[] = [];
  segmentLines(text, from, to, blocks);
  return blocks;
}

/** Blocks of the lines from `pos` (a line start) to `to` (a line start, or the end of the text). */
function segmentLines(text: string, pos: number, to: number, blocks: Block[]): void {
  let run: Line[] = [];
  const flush = () => { if (run.length) blocks.push(...segmentRun(run)); run = []; };
  while (pos <= to) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > to) nl = to;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const line = { start: pos, end, text: text.slice(pos, end) };
    if (line.text.trim()) run.push(line); else flush();
    pos = nl + 1;
  }
  flush();
}

/**
 * The blocks of `newText`, which differs from `oldText` (segmented as `old`) only in
 * [prefix, oldText.length - suffix). Runs of lines between blank lines are segmented on their
 * own, so only the run(s) the change touches are segmented again; the blocks before are kept and
 * those after shifted. Equal to `segment(newText)` (test/core/paragraphs.test.ts checks this on
 * random edits of corpus statements).
 */
export function resegment(old: readonly Block[], oldText: string, newText: string, prefix: number, suffix: number): Block[] {
  const delta = newText.length - oldText.length;
  const fmEnd = old[0]?.kind === 'frontmatter' ? old[0].span.end : 0;
  // start of the first line after a blank line that lies wholly before the change
  let lineStart = newText.lastIndexOf('\n', prefix - 1) + 1;
  let from = -1;
  while (lineStart > fmEnd + 1) {
    const prevStart = newText.lastIndexOf('\n', lineStart - 2) + 1;
    if (prevStart < fmEnd) break;
    if (!newText.slice(prevStart, lineStart - 1).trim()) { from = lineStart; break; }
    lineStart = prevStart;
  }
  // start of the first blank line that lies wholly after the change
  const changedEnd = newText.length - suffix;
  let to = newText.length;
  for (let nl = newText.indexOf('\n', changedEnd); nl >= 0;) {
    const next = newText.indexOf('\n', nl + 1);
    const lineEnd = next < 0 ? newText.length : next;
    if (!newText.slice(nl + 1, lineEnd).trim()) { to = nl + 1; break; }
    nl = next;
  }
  // text typed at the very start may open front matter; front matter reaches to its first closing line
  const opensFrontMatter = !fmEnd && newText.startsWith('---');
  if (from <= fmEnd || to < from || opensFrontMatter) return segment(newText);
  const blocks = old.filter((b) => b.span.end < from);
  segmentLines(newText, from, to, blocks);
  for (const b of old) if (b.span.start >= to - delta) blocks.push({ ...b, span: { start: b.span.start + delta, end: b.span.end + delta } });
  return blocks;
}

function segmentRun(lines: Line[]): Block[] {
  if (lines.length < 3 || !isHardWrapped(lines)) return lines.map((l) => block(l, l, true));
  const out: Block[] = [];
  const width = percentile(lines.map((l) => l.text.trimEnd().length), 0.9);
  let first = lines[0];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i], next = lines[i + 1];
    const special = (l: Line) => BULLET.test(l.text) || MD_HEADING.test(l.text) || NOTE.test(l.text) || SALUTATION.test(l.text.trim());
    const ends = !next
      || special(line) || special(next)
      || /^\s+\S/.test(next.text) && !/^\s+\S/.test(line.text)
      || (SENTENCE_END.test(line.text) && line.text.trimEnd().length < 0.85 * width);
    if (ends) { out.push(block(first, line, first === line)); if (next) first = next; }
  }
  return out;
}

/** Most lines near one width of at most ~100 characters: text wrapped by a PDF extractor. */
function isHardWrapped(lines: Line[]): boolean {
  const lengths = lines.map((l) => l.text.trimEnd().length);
  const width = percentile(lengths, 0.9);
  if (width > 100 || width < 25) return false;
  return lengths.filter((n) => n >= 0.6 * width).length >= 0.6 * lengths.length;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

function block(first: Line, last: Line, single: boolean): Block {
  const lead = first.text.length - first.text.trimStart().length;
  const trail = last.text.length - last.text.trimEnd().length;
  const span = { start: first.start + lead, end: last.end - trail };
  const text = single ? first.text.trim() : '';
  const md = MD_HEADING.exec(first.text);
  if (md && single) return { kind: 'heading', span, level: md[1].length };
  if (single && NOTE.test(text)) return { kind: 'note', span, level: 0 };
  if (BULLET.test(first.text)) return { kind: 'bullet', span, level: 0 };
  if (single && SALUTATION.test(text)) return { kind: 'salutation', span, level: 0 };
  if (single && isPlainHeading(text)) return { kind: 'heading', span, level: 1 };
  return { kind: 'paragraph', span, level: 0 };
}

/** "Introduction", "Closing remarks": a short capitalised line that is not a sentence. */
function isPlainHeading(text: string): boolean {
  if (text.length > 60 || /[.!?,;:]$/.test(text) || !/^[\p{Lu}\d]/u.test(text)) return false;
  return text.split(/\s+/).length <= 8;
}
