// The outline of a statement (document symbols, breadcrumbs, Go to Symbol) and its folding ranges:
// the title, then the sections under it, nested by level. Sections are Markdown headings ("## Policy")
// and the plain section lines statements use ("Introduction", "Closing remarks"); the title is the
// front matter's `title`, else the header line the metadata reader takes for the title, else the
// longest header line. Header lines that are not the title (speaker, dateline) are not sections.
import { maskComments } from './markers';
import { inferMeta, parseDate, readFrontMatter } from './metadata';
import { segment, type Block } from './paragraphs';
import { bodyStart } from './statement-body';
import type { Span } from './types';
import { tokenize } from './words';

export interface Section {
  readonly title: string;
  /** 0 for the statement's title; 1-6 for Markdown heading levels; a plain section line is 1. */
  readonly level: number;
  readonly headingSpan: Span;
  /** From the heading to the end of the section's last block (subsections included). */
  readonly span: Span;
  /** Words below the heading, subsections included (HTML comments are notes and don't count). */
  readonly words: number;
  readonly children: readonly Section[];
}

interface Heading { title: string; level: number; span: Span }

/** Names only a section has: a draft that starts with "Introduction" has no title line yet. */
const SECTION_NAME = /^(?:introduction|opening remarks|background|summary|conclusions?|closing remarks|recommendations)$/i;

/** A line that reads like a section heading but closes the speech. */
const NOT_A_SECTION = /^(?:I )?thank you\b/i;

/** Page numbers and "Thank you" lines of an archive's text are not sections. */
function isSection(h: Heading): boolean {
  return /\p{L}/u.test(h.title) && !NOT_A_SECTION.test(h.title);
}

export function outline(text: string): Section[] {
  const blocks = segment(text);
  const start = bodyStart(text, blocks);
  const body = blocks.slice(start);
  const title = titleOf(text, blocks.slice(0, start));
  const headings = [...headerSections(text, blocks.slice(0, start), title?.block), ...body.filter((b) => b.kind === 'heading')
    .map((b) => heading(text, b)).filter(isSection)];
  const contentEnd = blocks.length ? blocks[blocks.length - 1].span.end : 0;
  const counter = wordCounter(text);
  const sections = nest(headings, blocks, counter);
  if (!title) return sections;
  return [{
    title: title.text, level: 0, headingSpan: title.span, span: { start: title.span.start, end: Math.max(contentEnd, title.span.end) },
    words: counter(title.span.end, contentEnd), children: sections,
  }];
}

/** One range per section (title included) and one for the front matter; single lines don't fold. */
export function foldingRanges(text: string): Span[] {
  const out: Span[] = [];
  const fm = readFrontMatter(text);
  if (fm) out.push({ start: fm.span.start, end: text.slice(0, fm.span.end).trimEnd().length });
  const walk = (sections: readonly Section[]) => {
    for (const s of sections) {
      // a title read from the front matter would fold from inside the front matter
      if (!(fm && s.headingSpan.start < fm.span.end)) out.push(s.span);
      walk(s.children);
    }
  };
  walk(outline(text));
  return out.filter((r) => text.slice(r.start, r.end).includes('\n')).sort((a, b) => a.start - b.start || b.end - a.end);
}

function heading(text: string, b: Block): Heading {
  const raw = text.slice(b.span.start, b.span.end);
  return { title: raw.replace(/^#{1,6}\s+/, '').replace(/\s+#+\s*$/, '').trim(), level: b.level || 1, span: b.span };
}

/** The statement's title, and the header block it was read from (none when it is the front matter's). */
function titleOf(text: string, header: readonly Block[]): { text: string; span: Span; block?: Block } | undefined {
  const lines = header.filter((b) => b.kind !== 'frontmatter');
  // a Markdown heading above the body is the title the reader sees, whatever the front matter says
  const md = lines.find((b) => b.kind === 'heading' && text[b.span.start] === '#');
  const fm = !md && header[0]?.kind === 'frontmatter' ? readFrontMatter(text) : undefined;
  if (fm?.fields.title) {
    const line = /^title[ \t]*:.*$/m.exec(text.slice(fm.span.start, fm.span.end));
    const span = line ? { start: fm.span.start + line.index, end: fm.span.start + line.index + line[0].length } : fm.span;
    return { text: fm.fields.title, span };
  }
  const inferred = inferMeta(text).title;
  const candidates = lines.filter((b) => !isHeaderNoise(clean(text, b)) && !SECTION_NAME.test(clean(text, b)));
  const named = inferred ? candidates.find((b) => clean(text, b).startsWith(inferred)) : undefined;
  const longest = [...candidates].sort((a, b) => (b.span.end - b.span.start) - (a.span.end - a.span.start))[0];
  const block = md ?? named ?? longest;
  if (!block) return undefined;
  return { text: block === named && !md ? inferred! : clean(text, block), span: block.span, block };
}

function clean(text: string, b: Block): string {
  return text.slice(b.span.start, b.span.end).replace(/^#{1,6}\s+/, '').replace(/~\s*\d+(?:\.\d+)?\s*(?:minutes?|mins?)\b/i, '').trim();
}

function isHeaderNoise(line: string): boolean {
  return /^for information only\b/i.test(line) || (!!parseDate(line) && line.split(/\s+/).length <= 5);
}

/**
 * Headings above the body other than the title: Markdown headings, and the plain line just
 * before the body when it names a section ("Introduction"), not a speaker or a dateline.
 */
function headerSections(text: string, header: readonly Block[], title: Block | undefined): Heading[] {
  const out: Heading[] = [];
  const lines = header.filter((b) => b.kind === 'heading' && b !== title);
  for (const b of lines) {
    const h = heading(text, b);
    const isMarkdown = text[b.span.start] === '#';
    const isLast = b === header[header.length - 1];
    if (isSection(h) && (isMarkdown || (isLast && !/[\d,]|\bby:?$/i.test(h.title)))) out.push(h);
  }
  return out;
}

/** Nests headings by level; each section runs to the block before the next heading at its level or above. */
function nest(headings: readonly Heading[], blocks: readonly Block[], words: (from: number, to: number) => number): Section[] {
  const contentEnd = blocks.length ? blocks[blocks.length - 1].span.end : 0;
  // a section ends with its text, not with the blank lines before the next heading
  const endBefore = (next: number, min: number) => {
    let end = min;
    for (const b of blocks) if (b.span.end <= next && b.span.end > end) end = b.span.end;
    return end;
  };
  const build = (from: number, to: number): Section[] => {
    const out: Section[] = [];
    for (let i = from; i < to;) {
      const h = headings[i];
      let j = i + 1;
      while (j < to && headings[j].level > h.level) j++;
      const end = j < headings.length ? endBefore(headings[j].span.start, h.span.end) : contentEnd;
      const span = { start: h.span.start, end: Math.max(end, h.span.end) };
      out.push({ title: h.title, level: h.level, headingSpan: h.span, span, words: words(h.span.end, span.end), children: build(i + 1, j) });
      i = j;
    }
    return out;
  };
  return build(0, headings.length);
}

/** Counts words between two offsets, from one tokenisation of the whole text. */
function wordCounter(text: string): (from: number, to: number) => number {
  const starts = tokenize(maskComments(text)).start;
  const lowerBound = (x: number) => {
    let lo = 0, hi = starts.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  };
  return (from, to) => Math.max(0, lowerBound(to) - lowerBound(from));
}
