import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldingRanges, outline, type Section } from '../../server/src/core/outline';
import { statement } from './corpus-fixture';

/** "title" or "title > child, child" trees as nested arrays, for compact expectations. */
type Tree = [string, Tree[]] | string;
const tree = (sections: readonly Section[]): Tree[] =>
  sections.map((s) => (s.children.length ? [s.title, tree(s.children)] : s.title));
const slice = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('outline', () => {
  it('shows the sections of 000 under its title', () => {
    const text = statement('000').text;
    const [title] = outline(text);
    assert.deepEqual(tree(outline(text)), [['UK National Statement', ['Introduction', 'Policy', 'Closing remarks']]]);
    assert.equal(title.level, 0);
    assert.equal(slice(text, title.headingSpan), 'UK National Statement ~3 minutes');
    const [intro, policy, closing] = title.children;
    assert.deepEqual([intro.level, policy.level, closing.level], [1, 1, 1]);
    assert.equal(slice(text, intro.headingSpan), 'Introduction');
    assert.ok(slice(text, intro.span).endsWith('now is the time!'), 'a section ends with its text, not at the next heading');
    assert.ok(slice(text, closing.span).endsWith('powerful event.'));
    assert.equal(closing.span.end, text.trimEnd().length);
    assert.equal(intro.words + policy.words + closing.words + 4, title.words, 'the title counts every word below it, headings too');
  });

  const cases: [string, string, Tree[]][] = [
    ['nests Markdown headings by level', '# T\n\n## A\n\nText.\n\n### A1\n\nText.\n\n## B\n\nText.\n', [['T', [['A', ['A1']], 'B']]]],
    ['puts plain section lines under a Markdown title', '# T\n\nIntroduction\n\nText.\n\nClosing remarks\n\nText.\n', [['T', ['Introduction', 'Closing remarks']]]],
    ['takes the title from the front matter when no heading gives one', '---\ntitle: Statement X\n---\n\nIntroduction\n\nText.\n', [['Statement X', ['Introduction']]]],
    ['prefers the visible heading to the front matter title', '---\ntitle: Long title\n---\n\n# Short title\n\nText.\n', ['Short title']],
    ['does not take page numbers or "Thank you" for sections', 'It began.\n\n13\n\nIt went on.\n\nThank you\n', []],
    ['is empty for an empty text', '', []],
    // regression: the salutation, not being a header line, was taken for the title
    ['takes no title from a section name', 'Introduction\n\nText.\n\nPolicy\n\nText.\n', ['Introduction', 'Policy']],
    ['takes no title from a salutation line', 'Mr. President,\n\nI congratulate you on your election.\n', []],
    ['handles CRLF', '# T\r\n\r\nIntro\r\n\r\nText.\r\n', [['T', ['Intro']]]],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.deepEqual(tree(outline(text)), expected));

  it('does not take speaker, venue or dateline lines for sections (003, 004)', () => {
    assert.deepEqual(tree(outline(statement('003').text)), ['Video Statement (As delivered)']);
    assert.deepEqual(tree(outline(statement('004').text)), ['Remarks to the 27 th session of the Commission on Crime Prevention and Criminal Justice']);
  });

  it('points the front matter title at its line', () => {
    const text = '---\ndate: 2024\ntitle: Statement X\n---\n\nText.\n';
    assert.equal(slice(text, outline(text)[0].headingSpan), 'title: Statement X');
  });

  it('counts in UTF-16 code units', () => {
    const text = '# Déclaration 🇫🇷\n\nIntroduction\n\nTexte 😀 ici.\n';
    const [title] = outline(text);
    assert.equal(slice(text, title.headingSpan), '# Déclaration 🇫🇷');
    assert.equal(slice(text, title.children[0].headingSpan), 'Introduction');
    assert.equal(title.children[0].words, 2);
  });

  it('does not count the words of HTML comments', () => {
    const [title] = outline('# T\n\nOne two three. <!-- a note of six words here -->\n');
    assert.equal(title.words, 3);
  });
});

describe('foldingRanges', () => {
  it('folds each section of 000 and its title', () => {
    const text = statement('000').text;
    const ranges = foldingRanges(text).map((r) => slice(text, r).split('\n')[0]);
    assert.deepEqual(ranges, ['UK National Statement ~3 minutes', 'Introduction', 'Policy', 'Closing remarks']);
  });
  it('folds the front matter, and never a single line', () => {
    const text = '---\ntitle: X\n---\n\n# T\n\n## A\n\nText.\n\n## B\n';
    assert.deepEqual(foldingRanges(text).map((r) => slice(text, r)), ['---\ntitle: X\n---', '# T\n\n## A\n\nText.\n\n## B', '## A\n\nText.']);
  });
});
