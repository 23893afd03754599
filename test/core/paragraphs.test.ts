import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedRegion } from '../../server/src/core/incremental';
import { resegment, segment } from '../../server/src/core/paragraphs';
import { statement } from './corpus-fixture';
import { randomEdits } from './random-edits';

const texts = (text: string) => segment(text).map((b) => `${b.kind}: ${text.slice(b.span.start, b.span.end).slice(0, 40)}`);

describe('segment', () => {
  it('splits blank-line separated paragraphs and finds plain section lines (000)', () => {
    const s = statement('000');
    const blocks = texts(s.text);
    assert.equal(blocks[0], 'heading: UK National Statement ~3 minutes');
    assert.equal(blocks[1], 'heading: Introduction');
    assert.ok(blocks[2].startsWith('paragraph: Let me start by thanking'));
    assert.ok(blocks.includes('heading: Policy'));
    assert.ok(blocks.includes('heading: Closing remarks'));
  });

  it('reads one paragraph per line (002)', () => {
    const s = statement('002');
    const paras = segment(s.text).filter((b) => b.kind === 'paragraph');
    const lines = s.text.split('\n').filter((l) => l.trim());
    assert.ok(paras.length >= lines.length - 3, `${paras.length} paragraphs for ${lines.length} lines`);
    for (const p of paras) assert.ok(!s.text.slice(p.span.start, p.span.end).includes('\n'));
  });

  it('joins PDF text hard-wrapped at ~50 characters and finds its paragraph ends', () => {
    const text = [
      'At the outset, my',
      'delegation extends profound sympathy to the families',
      'of the victims who lost their lives on the flight to the',
      'Dominican Republic.',
      'The rescheduled general debate now convened,',
      'well into the work of the fifty-sixth session of the',
      'General Assembly, only serves to reconfirm our',
      'awareness of the President’s great diplomatic and',
      'communicative skills. For this, my delegation thanks',
      'and congratulates him once again.',
    ].join('\n');
    const blocks = segment(text);
    assert.deepEqual(blocks.map((b) => b.kind), ['paragraph', 'paragraph']);
    assert.ok(text.slice(blocks[0].span.start, blocks[0].span.end).endsWith('Dominican Republic.'));
    assert.ok(text.slice(blocks[1].span.start, blocks[1].span.end).startsWith('The rescheduled'));
  });

  it('starts a paragraph at an indented line in wrapped text', () => {
    const text = 'Allow me to begin by congratulating you, Sir, on\nyour election as President of the General Assembly\nand by assuring you of full cooperation. We read\nonly part of the address, the full text of which\nhas been circulated in the hall this morning.\n The United Nations was created to save succeeding\ngenerations from the scourge of war, and to affirm\nfaith in fundamental human rights.';
    assert.equal(segment(text).length, 2);
  });

  it('finds the salutation line and bullets (003)', () => {
    const kinds = texts(statement('003').text);
    assert.ok(kinds.some((k) => k.startsWith('salutation: Mr Chairperson, Excellencies')));
    assert.equal(kinds.filter((k) => k.startsWith('bullet: -')).length, 6);
  });

  it('keeps YAML front matter as one block and handles CRLF', () => {
    const text = '---\r\ntitle: A\r\n---\r\n\r\nIntroduction\r\n\r\nOne paragraph here.\r\n';
    const blocks = segment(text);
    assert.deepEqual(blocks.map((b) => b.kind), ['frontmatter', 'heading', 'paragraph']);
    assert.equal(text.slice(blocks[2].span.start, blocks[2].span.end), 'One paragraph here.');
  });

  it('reads "Mr. President," as a salutation line (the dot used to defeat the word boundary)', () => {
    assert.deepEqual(segment('Mr. President,\n\nMadam Chair, Excellencies,\n\nWe meet again.').map((b) => b.kind), ['salutation', 'salutation', 'paragraph']);
  });

  it('gives nothing for an empty text', () => assert.deepEqual(segment(''), []));
});

describe('resegment', () => {
  it('gives the blocks segment gives, after 500 random edits of corpus statements', () => {
    for (const { before, after, where } of randomEdits(500)) {
      const { prefix, suffix } = changedRegion(before, after);
      assert.deepEqual(resegment(segment(before), before, after, prefix, suffix), segment(after), `edit at ${where}: ${JSON.stringify(after.slice(Math.max(0, where - 20), where + 20))}`);
    }
  });
});
