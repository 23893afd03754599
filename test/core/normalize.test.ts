import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../../server/src/core/normalize';

describe('normalize', () => {
  it('joins words with single spaces whatever the spacing, quotes, case and wraps', () => {
    assert.equal(normalize('The  UK’s\n**key**   priorities —\r\n“now”.').text, "the uk's key priorities now");
  });
  it('maps every normalised character back to its original offset', () => {
    const text = 'A  “Fine”\nday';
    const n = normalize(text);
    assert.equal(n.text, 'a fine day');
    assert.equal(text[n.offsets[n.text.indexOf('fine')]], 'F');
    assert.equal(text[n.offsets[n.text.indexOf('day')]], 'd');
    assert.equal(n.offsets[n.text.length], text.length);
  });
  it('maps an NFKC expansion into the original word', () => {
    const text = 'the ﬁnal';
    const n = normalize(text);
    assert.equal(n.text, 'the final');
    assert.equal(n.offsets[n.text.indexOf('final')], 4);
  });
});
