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

/** Where two texts differ: they share `prefix` characters at the start and `suffix` at the end. */
export interface ChangedRegion { readonly prefix: number; readonly suffix: number }

export function changedRegion(oldText: string, newText: string): ChangedRegion {
  const prefix = commonPrefix(oldText, newText);
  return { prefix, suffix: commonSuffix(oldText, newText, Math.min(oldText.length, newText.length) - prefix) };
}

/** Where `newText` differs from `oldText`, widened; undefined when the whole text should be checked. */
export function editWindow(oldText: string, newText: string, oldFindings: readonly Finding[], region = changedRegion(oldText, newText)): EditWindow | undefined {
  const { prefix, suffix } = region;
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

/** Block size for comparing texts: equal blocks compare natively (memcmp), only the last one by character. */
const BLOCK = 512;

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= max && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + BLOCK <= max && a.slice(a.length - n - BLOCK, a.length - n) === b.slice(b.length - n - BLOCK, b.length - n)) n += BLOCK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** Moves the window start back to a word boundary so no word is cut in two. */
function snapBack(text: string, i: number): number {
  while (i > 0 && /\S/.test(text[i - 1])) i--;
  return i;
}

function shift(f: Finding, delta: number): Finding {
  return { ...f, span: { start: f.span.start + delta, end: f.span.end + delta } };
}
