// The team's approved boilerplate: passages that may be reused anywhere without a warning (a
// standard closing, the mission's self-description). Kept as a small index of its own, so a
// draft's passage is recognised as approved by the same matching that finds reuse, formatting
// and light edits included.
import { IndexBuilder } from './corpus-index';
import { singleLayer, type Corpus } from './corpus';
import { segment } from './paragraphs';
import { findReuse, type SourceWords } from './reuse';
import { EMPTY_META, type Span } from './types';
import { tokenize, type Words } from './words';

export interface ApprovedPassages {
  readonly corpus: Corpus;
  readonly words: readonly Words[];
  readonly count: number;
}

/** Every paragraph (or bullet) of the boilerplate file is one approved passage. */
export function approvedPassages(fileText: string): ApprovedPassages {
  const builder = new IndexBuilder();
  const words: Words[] = [];
  for (const b of segment(fileText)) {
    if (b.kind === 'frontmatter' || b.kind === 'heading') continue;
    const text = fileText.slice(b.span.start, b.span.end);
    builder.add(`approved#${words.length}`, text, EMPTY_META);
    words.push(tokenize(text));
  }
  return { corpus: singleLayer(builder.finish()), words, count: words.length };
}

/** The approved passages' words, for findReuse (a class: see SourceWords). */
class ApprovedWords implements SourceWords {
  constructor(private readonly list: readonly Words[]) {}
  words(docId: number): Words | undefined { return this.list[docId]; }
}

/** Draft word ranges that match approved passages. */
export function approvedRanges(draft: Words, approved: ApprovedPassages, minWords: number): Span[] {
  if (!approved.count) return [];
  const { passages } = findReuse(draft, approved.corpus, new ApprovedWords(approved.words), {
    minWords: Math.min(minWords, 8), commonSources: Number.MAX_SAFE_INTEGER, excludeDocs: new Set(),
  });
  return passages.map((p) => ({ start: p.dStart, end: p.dEnd }));
}
