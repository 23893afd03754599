import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { houseSpelling, houseVariant, spellingMap, type HouseSpelling } from '../../server/src/core/spelling';
import { statement } from './corpus-fixture';

const flagged = (text: string, mode: HouseSpelling, options = {}) => houseSpelling(text, mode, options).map((f) => `${f.word}→${f.suggestion}`);

describe('house spelling word pairs', () => {
  const cases: [string, HouseSpelling, string | undefined][] = [
    ['organized', 'british', 'organised'],
    ['Organized', 'british', 'Organised'],
    ['ORGANIZED', 'british', 'ORGANISED'],
    ['organisation', 'oxford', 'organization'],
    ['organised', 'american', 'organized'],
    ['organized', 'oxford', undefined],
    // Oxford spelling keeps -yse: the British list has "analyse" but not "analyze"
    ['analyze', 'oxford', 'analyse'],
    ['analyse', 'oxford', undefined],
    ['paralyzed', 'british', 'paralysed'],
    ['color', 'oxford', 'colour'],
    ['colour', 'american', 'color'],
    ['defense', 'british', 'defence'],
    ['defence', 'american', 'defense'],
    ['traveling', 'british', 'travelling'],
    ['travelled', 'american', 'traveled'],
    ['center', 'british', 'centre'],
    // two words in British, one spelling in American
    ['practice', 'british', undefined],
    ['license', 'british', undefined],
    ['licence', 'american', 'license'],
    ['tire', 'british', undefined],
    // never a variant pair: "prize" and "prise", "advertise" (never -ize), "programme" (both American)
    ['prize', 'british', undefined],
    ['advertise', 'oxford', undefined],
    ['programme', 'american', undefined],
    ['iPhone', 'british', undefined],
    // the documented gap: en_US-large lists "centre" too, so American mode lets it pass
    ['centre', 'american', undefined],
  ];
  for (const [word, mode, expected] of cases) it(`${mode}: ${word} → ${expected ?? 'unchanged'}`, () => assert.equal(houseVariant(word, mode), expected));

  it('never flags a house spelling (no pair maps a word onto a flagged word)', () => {
    for (const mode of ['british', 'oxford', 'american'] as const) {
      const map = spellingMap(mode);
      for (const to of map.values()) assert.equal(map.has(to), false, `${mode}: ${to}`);
    }
  });
});

describe('spelling.house', () => {
  it('finds nothing to change in the British statements 000 and 001 in British mode', () => {
    assert.deepEqual(flagged(statement('000').text, 'british'), []);
    assert.deepEqual(flagged(statement('001').text, 'british'), []);
  });

  it('flags 001’s "organised" in Oxford/UN mode, with a fix', () => {
    const { text } = statement('001');
    const found = houseSpelling(text, 'oxford');
    assert.deepEqual([...new Set(found.map((f) => `${f.word}→${f.suggestion}`))], ['organised→organized']);
    const f = found[0];
    assert.equal(text.slice(f.span.start, f.span.end), 'organised');
    assert.deepEqual(f.fix.edits, [{ span: f.span, newText: 'organized' }]);
    assert.equal(f.code, 'spelling.house');
  });

  it('checks names in Oxford mode (000: "Transnational Organised Crime"), keeps them in American mode', () => {
    const { text } = statement('000');
    const oxford = houseSpelling(text, 'oxford');
    const inName = oxford.filter((f) => f.inName);
    // "UN Convention against Transnational Organised Crime" and "**Organised Immigration Crime**"
    assert.deepEqual(inName.map((f) => f.word), ['Organised', 'Organised']);
    assert.ok(text.slice(0, inName[0].span.start).endsWith('Transnational '));
    assert.ok(text.slice(0, inName[1].span.start).endsWith('Tackling **'));
    const american = houseSpelling(text, 'american');
    assert.equal(american.filter((f) => f.inName).length, 0);
    assert.equal(american.length, oxford.length - inName.length);
  });

  it('keeps 004’s convention name in British mode but flags its plain "organized"', () => {
    const { text } = statement('004');
    const found = houseSpelling(text, 'british');
    assert.ok(found.some((f) => f.word === 'organized' && !f.inName));
    assert.ok(!found.some((f) => f.word === 'Organized'));
    assert.ok(houseSpelling(text, 'british', { checkNames: true }).some((f) => f.word === 'Organized' && f.inName));
  });

  it('leaves nothing to flag once its fixes are applied', () => {
    const { text } = statement('002');
    const found = houseSpelling(text, 'american');
    assert.ok(found.length > 0);
    let fixed = text;
    for (const f of [...found].reverse()) fixed = fixed.slice(0, f.span.start) + f.fix.edits[0].newText + fixed.slice(f.span.end);
    assert.deepEqual(flagged(fixed, 'american'), []);
  });

  const skipped: [string, string][] = [
    ['a URL', 'See https://example.org/organized-crime for details.'],
    ['front matter', '---\ntitle: Organized crime\n---\nText.'],
    ['a comment', 'Text <!-- organized --> more.'],
    ['an ignored word', 'The organized side event.'],
  ];
  for (const [name, text] of skipped) it(`skips ${name}`, () => assert.deepEqual(flagged(text, 'british', { ignore: ['organized'].filter(() => name === 'an ignored word') }), []));

  it('flags hyphenated compounds part by part, and possessives', () => {
    assert.deepEqual(flagged('A well-organized, color-coded plan; the Organization’s role.', 'british'), ['organized→organised', 'color→colour', 'Organization→Organisation']);
  });
});
