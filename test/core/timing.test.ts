import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_WORDS_PER_MINUTE, describeSection, formatDuration, sectionAt, speakingTime, timingFindings } from '../../server/src/core/timing';
import { statement } from './corpus-fixture';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('speaking time', () => {
  const durations: [number, string][] = [[0, '0 s'], [45, '45 s'], [60, '1 min'], [80.4, '1 min 20 s'], [274, '4 min 34 s'], [3725, '1 h 2 min 5 s']];
  for (const [secs, text] of durations) it(`formats ${secs} s as "${text}"`, () => assert.equal(formatDuration(secs), text));

  it('defaults to 120 words per minute, the UN interpreters’ ceiling', () => assert.equal(DEFAULT_WORDS_PER_MINUTE, 120));

  it('times 000 against its "~3 minutes" header note, section by section', () => {
    const { text } = statement('000');
    const time = speakingTime(text);
    assert.equal(time.targetSeconds, 180);
    assert.equal(at(text, time.targetSpan!), '~3 minutes');
    assert.deepEqual(time.sections.map((s) => [s.title, s.isTitle]), [['UK National Statement', true], ['Introduction', false], ['Policy', false], ['Closing remarks', false]]);
    // the title's section is the whole draft; the sections below it add up to it
    assert.equal(time.sections[0].words, time.words);
    assert.equal(time.sections.slice(1).reduce((n, s) => n + s.words, 0), time.words);
    assert.equal(time.words, 548);
    assert.equal(Math.round(time.seconds), 274);
  });

  it('warns that 000 runs over its target, and by how much', () => {
    const { text } = statement('000');
    const [f, ...rest] = timingFindings(text);
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'timing.over');
    assert.equal(f.message, 'Runs about 1 min 35 s over the 3 min target (4 min 34 s at 120 words per minute): cut about 188 words.');
    assert.equal(at(text, f.span), '~3 minutes');
    assert.equal(f.wordsOver, 188);
    // the target runs out at the 361st spoken word
    assert.ok(f.overrunStart.start > text.indexOf('Policy') && f.overrunStart.start < text.indexOf('Closing remarks'));
  });

  it('reads a faster pace from the setting', () => {
    const time = speakingTime(statement('000').text, { wordsPerMinute: 183 });
    assert.equal(Math.round(time.seconds), Math.round((548 * 60) / 183));
    assert.deepEqual(timingFindings(statement('000').text, { wordsPerMinute: 183 }), []);
  });

  it('says nothing about a statement without a target (001), however long', () => {
    assert.equal(speakingTime(statement('001').text).targetSeconds, 0);
    assert.deepEqual(timingFindings(statement('001').text), []);
  });

  it('takes a target given from outside (a manifest) over the draft’s own', () => {
    const [f] = timingFindings(statement('001').text, { targetSeconds: 120 });
    assert.match(f.message, /over the 2 min target/);
  });

  it('reads the target from front matter and points at the duration line', () => {
    const text = `---\ntitle: Remarks\nduration: 1m\n---\n# Remarks\n\n${words(150)}\n`;
    const [f] = timingFindings(text);
    assert.equal(at(text, f.span), 'duration: 1m');
    assert.equal(f.message, 'Runs about 15 s over the 1 min target (1 min 15 s at 120 words per minute): cut about 30 words.');
  });

  const counted: [string, string, number][] = [
    ['headings are not read out', `# Title\n\n## Part one\n\n${words(10)}`, 10],
    ['delivery notes are not read out', `${words(10)}\n\n[PAUSE]\n\n${words(5)}`, 15],
    ['comments are the writer’s notes', `${words(10)} <!-- ${words(7)} -->`, 10],
    ['a bullet’s number is not a word', `1. ${words(4)}\n2. ${words(4)}`, 8],
    ['salutations are spoken', `Mr. President,\n\n${words(4)}`, 6],
  ];
  for (const [name, text, n] of counted) it(name, () => assert.equal(speakingTime(text).words, n));

  it('does not warn within 5 seconds of the target', () => {
    assert.deepEqual(timingFindings(`---\nduration: 1m\n---\n${words(129)}`), []);
    assert.equal(timingFindings(`---\nduration: 1m\n---\n${words(130)}`).length, 1);
  });

  it('answers a hover on a heading with its words and time, and the title with the target', () => {
    const { text } = statement('000');
    const time = speakingTime(text);
    const policy = sectionAt(time, text.indexOf('Policy') + 2)!;
    assert.equal(policy.title, 'Policy');
    assert.equal(describeSection(policy, time), `${policy.words} words · ${formatDuration(policy.seconds)} at 120 wpm`);
    assert.equal(describeSection(sectionAt(time, 3)!, time), '548 words · 4 min 34 s at 120 wpm · target 3 min (1 min 34 s over)');
    assert.equal(sectionAt(time, text.indexOf('Let me start')), undefined);
  });

  it('nests Markdown sections under their parent heading', () => {
    const text = `# Title\n\n## A\n\n${words(10)}\n\n### A.1\n\n${words(5)}\n\n## B\n\n${words(3)}`;
    assert.deepEqual(speakingTime(text).sections.map((s) => [s.title, s.words]), [['Title', 18], ['A', 15], ['A.1', 5], ['B', 3]]);
  });

  it('ignores an impossible pace and uses the default', () => assert.equal(speakingTime('a b', { wordsPerMinute: 0 }).wordsPerMinute, 120));
});
