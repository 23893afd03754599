import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeTerms } from '../../server/src/core/term-table';
import { extractTerms, nameRuns, statementTerms, termAt, variantKey, type TermTable } from '../../server/src/core/terms';
import { sampleCorpus, statement, type FixtureStatement } from './corpus-fixture';

const runs = (text: string) => nameRuns(text).map((r) => text.slice(r.span.start, r.span.end).replace(/\s+/g, ' '));
const tableOf = (statements: FixtureStatement[], options = {}): TermTable =>
  mergeTerms(statements.map((s) => ({ meta: s.meta, terms: statementTerms(s.text) })), options);

describe('names in a statement', () => {
  const cases: [string, string, string[]][] = [
    ['connectors inside a name', 'the Commission on Crime Prevention and Criminal Justice met', ['Commission on Crime Prevention and Criminal Justice']],
    ['a sentence opener is not part of the name', 'The Commission on Narcotic Drugs met.', ['Commission on Narcotic Drugs']],
    ['one capitalised word is not a name', 'The Commission met. Transnational crime grows.', []],
    ['Markdown emphasis', 'Tackling **Organised Immigration Crime** remains', ['Organised Immigration Crime']],
    ['a PDF line break inside a name', 'the United Nations\nDevelopment Programme has', ['United Nations Development Programme']],
    ['a blank line ends a name', 'United Nations\n\nDevelopment Programme', ['United Nations', 'Development Programme']],
    ['punctuation ends a name', 'Mr. President, Excellencies', []],
    ['two acronyms are not a name', 'the UK and UNODC launched', []],
    ['capitals shouting', 'THE GENERAL DEBATE', []],
    ['the pronoun I is no name', 'What I said', []],
    ['a title before a name', 'His Excellency Mr. Kofi Annan', ['Kofi Annan']],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.deepEqual(runs(text), expected));

  // regressions found mining UNGDC: "The United Nations" after a line break, "South Africa's" as a name of its own
  it('never starts a name with "The", even inside a run', () => {
    const texts = extractTerms('the Republic of Korea\nThe United Nations must').map((t) => t.text);
    assert.ok(texts.includes('United Nations'), texts.join(' | '));
    assert.ok(!texts.some((t) => t.startsWith('The ')), texts.join(' | '));
  });
  it('leaves a possessive out of the name', () => {
    assert.deepEqual(extractTerms('South Africa’s policy').map((t) => t.text), ['South Africa']);
  });

  it('yields a name inside a longer one, marked as not standing alone', () => {
    const terms = extractTerms('the Thirty-First Regular Session of the Commission on Crime Prevention and Criminal Justice');
    const part = terms.find((t) => t.text === 'Commission on Crime Prevention and Criminal Justice');
    assert.equal(part?.whole, false);
    assert.equal(terms.find((t) => t.text === 'Thirty-First Regular Session of the Commission on Crime Prevention and Criminal Justice')?.whole, true);
    assert.equal(terms.find((t) => t.text === 'Thirty-First Regular Session')?.whole, false);
  });
});

describe('variant keys', () => {
  const same: [string, string][] = [
    ['UN Convention against Transnational Organised Crime', 'United Nations Convention Against Transnational Organized Crime'],
    ['International Labour Organisation', 'International Labor Organization'],
    ['Counter-Terrorism Centre', 'Counter Terrorism Center'],
    ['Côte d’Ivoire', "Cote d'Ivoire"],
  ];
  for (const [a, b] of same) it(`folds "${a}" and "${b}" together`, () => assert.equal(variantKey(a), variantKey(b)));
  it('keeps different names apart', () => assert.notEqual(variantKey('UN Office on Drugs and Crime'), variantKey('UN Office of Drugs and Crime')));
});

describe('the archive’s names', () => {
  const table = tableOf(sampleCorpus());

  it('counts statements and dates for "Commission on Crime Prevention and Criminal Justice"', () => {
    const e = table.entries.get(variantKey('Commission on Crime Prevention and Criminal Justice'))!;
    assert.equal(e.statements, 3);
    assert.equal(e.first, '2018-05-14');
    assert.equal(e.last, '2022-05-17');
  });

  it('shows both spellings of the convention: 000 "Organised", 004 "Organized"', () => {
    const e = table.entries.get(variantKey('UN Convention against Transnational Organized Crime'))!;
    assert.equal(e.statements, 2);
    assert.deepEqual(e.variants.map((v) => v.text).sort(), ['UN Convention Against Transnational Organized Crime', 'UN Convention against Transnational Organised Crime']);
  });

  it('keeps only names two statements use', () => {
    assert.ok(statement('000').text.includes('Tackling Child Sexual Abuse Strategy'));
    assert.equal(table.entries.get(variantKey('Tackling Child Sexual Abuse Strategy')), undefined);
    assert.equal(tableOf(sampleCorpus(), { maxTerms: 1 }).entries.size, 1);
  });

  it('takes a statement out by rebuilding from the others', () => {
    const without = tableOf(sampleCorpus().filter((s) => !s.path.startsWith('004')));
    assert.equal(without.entries.get(variantKey('UN Convention against Transnational Organized Crime')), undefined);
    // 004 is also the only statement where the Commission's name stands alone (001 and 002 say it inside longer names)
    assert.equal(without.entries.get(variantKey('Commission on Crime Prevention and Criminal Justice')), undefined);
    assert.deepEqual(without.entries.get(variantKey('United Kingdom')), table.entries.get(variantKey('United Kingdom')));
  });
});

describe('termAt', () => {
  const table = tableOf(sampleCorpus());
  const hover = (text: string) => {
    const offset = text.indexOf('|');
    const h = termAt(text.replace('|', ''), offset, table);
    return h && text.replace('|', '').slice(h.span.start, h.span.end);
  };
  const cases: [string, string | undefined][] = [
    ['we support the UN Convention against Transnational Organ|ised Crime and its protocols', 'UN Convention against Transnational Organised Crime'],
    ['the 31st session of the Com|mission on Crime Prevention and Criminal Justice', 'Commission on Crime Prevention and Criminal Justice'],
    ['the Thirty-First Regular Session of the Commission on Crime Prevention and Criminal Jus|tice', 'Thirty-First Regular Session of the Commission on Crime Prevention and Criminal Justice'],
    ['the United Nations Commission on Crime Prevention and Criminal| Justice', 'Commission on Crime Prevention and Criminal Justice'],
    ['organised cri|me is a threat', undefined],
    ['the Tackling Child Sexual Ab|use Strategy', undefined],
  ];
  for (const [text, expected] of cases) it(`finds ${expected ?? 'nothing'} in "${text}"`, () => assert.equal(hover(text), expected));

  it('finds the longest known name in a real statement (004)', () => {
    const { text } = statement('004');
    const h = termAt(text, text.indexOf('Transnational Organized Crime') + 5, table)!;
    assert.equal(h.entry.statements, 2);
    assert.equal(text.slice(h.span.start, h.span.end), 'UN Convention Against Transnational Organized Crime');
  });
});
