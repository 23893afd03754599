// A word-level diff of a draft passage against its source: what the writer kept, added and
// removed. Words compare by their normalised form, so quote style, case and line wraps are not
// changes. The diff itself is jsdiff's (Myers' algorithm) over word arrays.
import { diffArrays } from 'diff';
import { tokenize } from './words';

export interface DiffPart {
  readonly kind: 'same' | 'added' | 'removed';
  /** The words as written (draft words for 'same' and 'added', source words for 'removed'). */
  readonly text: string;
}

interface Word { hash: number; text: string }

function words(text: string): Word[] {
  const w = tokenize(text);
  return Array.from({ length: w.count }, (_, i) => ({ hash: w.hash[i], text: text.slice(w.start[i], w.end[i]) }));
}

/** Parts in reading order; runs of one kind are joined with single spaces. */
export function wordDiff(draft: string, source: string): DiffPart[] {
  const changes = diffArrays(words(source), words(draft), { comparator: (a: Word, b: Word) => a.hash === b.hash });
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value.map((w: Word) => w.text).join(' ') }));
}
