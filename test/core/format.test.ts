import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCount } from '../../server/src/core/format';

describe('formatCount', () => {
  it('writes what toLocaleString("en") writes, without loading ICU data', () => {
    for (const n of [0, 7, 999, 1000, 10952, 32159350, -1234567, 1e9]) assert.equal(formatCount(n), n.toLocaleString('en'));
  });
});
