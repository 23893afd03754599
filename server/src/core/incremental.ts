// Re-checking after an edit. A keystroke changes one place; reuse findings away from it stay as
// they were (shifted by the length change), so only a window around the edit is checked again:
// the changed text, every earlier finding it touches, and a margin for passages the edit creates.
import type { Finding, Span } from './types';

export interface EditWindow {
  /** The part of the new text to check again. */
  readonly window: Span;
  /** Earlier reuse findings outside the window, moved to their place in the new text. */
  readonly kept: Finding[];
}

/** Characters of margin on each side of the edit: a few sentences. */
const MARGIN = 400;

/** Where `newText` differs from `oldText`, widened; undefined when the whole text should be checked. */
export function editWindow(oldText: string, newText: string, oldFindings: readonly Finding[]): EditWindow | undefined {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const delta = newText.length - oldText.length;
  // the changed region in old coordinates, widened over findings it touches and a margin
  let start = Math.max(0, prefix - MARGIN);
  let end = Math.min(oldText.length, oldText.length - suffix + MARGIN);
  for (let grew = true; grew;) {
    grew = false;
    for (const f of oldFindings) {
      if (f.span.end < start || f.span.start > end) continue;
      if (f.span.start < start) { start = f.span.start; grew = true; }
      if (f.span.end > end) { end = f.span.end; grew = true; }
    }
  }
  if (end - start > newText.length / 2) return undefined; // most of the text: a full check is as cheap
  const kept: Finding[] = [];
  for (const f of oldFindings) {
    if (f.span.end < start) kept.push(f);
    else if (f.span.start > end) kept.push(shift(f, delta));
  }
  return { window: { start: snapBack(newText, start), end: Math.min(newText.length, end + delta) }, kept };
}

/** Moves the window start back to a word boundary so no word is cut in two. */
function snapBack(text: string, i: number): number {
  while (i > 0 && /\S/.test(text[i - 1])) i--;
  return i;
}

function shift(f: Finding, delta: number): Finding {
  return { ...f, span: { start: f.span.start + delta, end: f.span.end + delta } };
}
