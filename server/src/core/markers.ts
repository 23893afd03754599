// What the writer says in the draft itself: HTML comments are notes, not text to check, and the
// comment INTENTIONAL_MARKER after a passage says "this reuse is deliberate". The marker is plain
// text in the file, so the writer sees it and can delete it to undo.
import type { Span } from './types';

export const INTENTIONAL_MARKER = '<!-- lectern: intentional -->';

const COMMENT = /<!--[\s\S]*?-->/g;
const MARKER = /<!--\s*lectern:\s*intentional\s*-->/gi;

/** The text with every HTML comment blanked out (same length, so offsets stay valid). */
export function maskComments(text: string): string {
  if (!text.includes('<!--')) return text;
  return text.replace(COMMENT, (c) => c.replace(/[^\n]/g, ' '));
}

/** Spans of the intentional-reuse markers. */
export function intentionalMarkers(text: string): Span[] {
  const out: Span[] = [];
  if (!text.includes('<!--')) return out;
  for (const m of text.matchAll(MARKER)) out.push({ start: m.index!, end: m.index! + m[0].length });
  return out;
}

/**
 * Is the passage at `span` marked intentional? The marker belongs to the passage it follows on
 * the same paragraph: between the passage's end and the next blank line (or inside the passage).
 */
export function isMarkedIntentional(text: string, span: Span, markers: readonly Span[]): boolean {
  if (!markers.length) return false;
  const blank = /\r?\n[ \t]*\r?\n/g;
  blank.lastIndex = span.end;
  const paraEnd = blank.exec(text)?.index ?? text.length;
  return markers.some((m) => m.start >= span.start && m.start <= paraEnd);
}
