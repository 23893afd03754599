// A word-level diff of a draft passage against its source: what the writer kept, added and
// removed. Words compare by their normalised form, so quote style, case and line wraps are not
// changes. The diff itself is jsdiff's (Myers' algorithm) over word arrays.
import { diffArrays } from 'diff';
import { tokenize } from './words';

export interface DiffPart {
  readonly kind: 'same' | 'added' | 'removed';
  /** The words as written, with the punctuation between them (draft text for 'same' and 'added', source text for 'removed'). */
  readonly text: string;
}

interface Word { hash: number; start: number; end: number }

function words(text: string): Word[] {
  const w = tokenize(text);
  return Array.from({ length: w.count }, (_, i) => ({ hash: w.hash[i], start: w.start[i], end: w.end[i] }));
}

/** Parts in reading order, each a stretch of the draft (or, for 'removed', of the source) with whitespace collapsed. */
export function wordDiff(draft: string, source: string): DiffPart[] {
  const changes = diffArrays(words(source), words(draft), { comparator: (a: Word, b: Word) => a.hash === b.hash });
  return changes.map((c) => {
    const text = c.removed ? source : draft;
    const ws = c.value as Word[];
    return { kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: text.slice(ws[0].start, ws[ws.length - 1].end).replace(/\s+/g, ' ') };
  });
}
