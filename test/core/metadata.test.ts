import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDate, inferMeta, mergeMeta, parseDate, parseDuration, parseManifest, readFrontMatter } from '../../server/src/core/metadata';
import { statement } from './corpus-fixture';

describe('metadata', () => {
  it('reads YAML front matter', () => {
    const fm = readFrontMatter('---\ntitle: Opening remarks\nspeaker: A. Minister\ndate: 2024-05-13\nduration: 3m\n---\nText');
    assert.deepEqual(fm?.fields, { title: 'Opening remarks', speaker: 'A. Minister', date: '2024-05-13', targetSeconds: 180 });
  });
  it('reports broken front matter instead of throwing', () => {
    const fm = readFrontMatter('---\ntitle: [unclosed\n---\nText');
    assert.match(fm?.error ?? '', /not valid YAML/);
    assert.deepEqual(fm?.fields, {});
  });
  it('reads a sidecar manifest (UNGDC layout)', () => {
    const m = parseManifest('file\ttitle\tspeaker\tdate\tsource\twords\n1946/ARG_01_1946.txt\tUN General Debate, session 1 (1946): statement by Argentina\tMr. Arce\t1946\tx\t3364\n');
    assert.deepEqual(m.get('1946/ARG_01_1946.txt'), { title: 'UN General Debate, session 1 (1946): statement by Argentina', speaker: 'Mr. Arce', date: '1946' });
  });
  it('infers speaker, role and date from "The speech made by ..." (002)', () => {
    const m = inferMeta(statement('002').text);
    assert.equal(m.speaker, 'Kit Malthouse');
    assert.equal(m.role, 'Minister for Crime and Policing');
    assert.equal(m.date, '2022-05-17');
    assert.equal(m.title, 'Kit Malthouse – 2022 Speech at the United Nations Commission on Crime Prevention and Criminal Justice');
  });
  it('infers a dateline and leaves the unknown title empty (004)', () => {
    const m = inferMeta(statement('004').text);
    assert.equal(m.date, '2018-05-14');
    assert.equal(m.venue, 'Vienna');
    assert.equal(m.title, undefined);
  });
  it('reads the speaker from a "... by" line and a dateline with a day range (003)', () => {
    const m = inferMeta(statement('003').text);
    assert.equal(m.speaker, 'Jürgen Stock');
    assert.equal(m.role, 'INTERPOL Secretary General');
    assert.equal(m.venue, 'Kyoto, Japan');
    assert.equal(m.date, '2021-03-07');
  });
  it('reads the target duration from a header note (000)', () => {
    assert.equal(inferMeta(statement('000').text).targetSeconds, 180);
  });
  it('lets earlier sources win field by field', () => {
    assert.deepEqual(mergeMeta({ title: 'A' }, { title: 'B', speaker: 'S' }), { title: 'A', speaker: 'S', role: '', date: '', venue: '', occasion: '', language: '', targetSeconds: 0 });
  });
  const dates: [string, string][] = [['17 May 2022', '2022-05-17'], ['7-9 March 2021', '2021-03-07'], ['May 17, 2022', '2022-05-17'], ['March 2021', '2021-03'], ['1946', '1946'], ['someday', '']];
  for (const [input, iso] of dates) it(`parses the date "${input}"`, () => assert.equal(parseDate(input), iso));
  it('formats dates for people', () => {
    assert.equal(formatDate('2022-05-17'), '17 May 2022');
    assert.equal(formatDate('2021-03'), 'March 2021');
  });
  const durations: [string, number][] = [['3m', 180], ['~3 minutes', 180], ['90s', 90], ['2m30s', 150], ['1:30', 90], ['soon', 0]];
  for (const [input, secs] of durations) it(`parses the duration "${input}"`, () => assert.equal(parseDuration(input), secs));
});
