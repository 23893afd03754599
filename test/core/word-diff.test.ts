import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordDiff } from '../../server/src/core/word-diff';

describe('wordDiff', () => {
  it('shows changed, added and removed words', () => {
    assert.deepEqual(wordDiff('I welcome the two resolutions tabled at this session of the Commission', 'I welcome the three resolutions tabled at this Commission'), [
      { kind: 'same', text: 'I welcome the' },
      { kind: 'removed', text: 'three' },
      { kind: 'added', text: 'two' },
      { kind: 'same', text: 'resolutions tabled at this' },
      { kind: 'added', text: 'session of the' },
      { kind: 'same', text: 'Commission' },
    ]);
  });
  it('keeps the draft’s punctuation in kept and added stretches', () => {
    assert.deepEqual(wordDiff('Crime, in short, is flourishing.', 'Crime is flourishing.'), [
      { kind: 'same', text: 'Crime' }, { kind: 'added', text: 'in short' }, { kind: 'same', text: 'is flourishing' },
    ]);
  });
  it('does not count quote style, case or line wraps as changes', () => {
    assert.deepEqual(wordDiff('the COMMISSION’S\nthematic focus', "the Commission's thematic focus"), [{ kind: 'same', text: 'the COMMISSION’S thematic focus' }]);
  });
});
