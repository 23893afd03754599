import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvedPassages } from '../../server/src/core/approved';
import { INTENTIONAL_MARKER, maskComments } from '../../server/src/core/markers';
import { sampleCorpus, serviceOver } from './corpus-fixture';

const service = serviceOver(sampleCorpus());
const PARAGRAPH = 'Turning to the main agenda, the UK welcomes the Commission’s thematic focus on strengthening the use of digital evidence in criminal justice and countering cyber crime.';
const codes = (text: string, options = {}) => service.check({ text }, options).findings.map((f) => f.code);

describe('what the writer decides', () => {
  it('blanks HTML comments without moving offsets', () => {
    const text = 'a <!-- b\nc --> d';
    const masked = maskComments(text);
    assert.equal(masked, `a ${' '.repeat(6)}\n${' '.repeat(5)} d`);
    assert.equal(masked.length, text.length);
  });

  it('respects an intentional marker after the passage', () => {
    assert.deepEqual(codes(PARAGRAPH), ['reuse.verbatim']);
    assert.deepEqual(codes(`${PARAGRAPH} ${INTENTIONAL_MARKER}`), []);
  });

  it('applies a marker to its own paragraph only', () => {
    const draft = `${PARAGRAPH} ${INTENTIONAL_MARKER}\n\nA different paragraph.\n\n${PARAGRAPH.replace('Turning', 'Now turning')}`;
    const f = service.check({ text: draft }).findings.filter((x) => x.code !== 'reuse.internal');
    assert.equal(f.length, 1);
    assert.ok(f[0].span.start > draft.indexOf('A different paragraph'));
  });

  it('never reports a passage of the approved boilerplate, even reformatted', () => {
    const approved = approvedPassages(`# Approved boilerplate\n\n${PARAGRAPH}\n`);
    assert.equal(approved.count, 1);
    assert.deepEqual(codes(PARAGRAPH.toUpperCase(), { approved }), []);
    assert.deepEqual(codes(PARAGRAPH, { approved: approvedPassages('Something else entirely, approved long ago by the team.') }), ['reuse.verbatim']);
  });

  it('turns a code off by severity', () => {
    assert.deepEqual(codes(PARAGRAPH, { severity: { 'reuse.verbatim': 'off', 'reuse.edited': 'warning', 'reuse.common': 'information', 'reuse.internal': 'warning' } }), []);
  });
});
