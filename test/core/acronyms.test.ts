import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unexpandedAcronyms } from '../../server/src/core/acronym-check';
import { acronymAt, mergeAcronyms, type AcronymTable } from '../../server/src/core/acronym-table';
import { acronymOf, extractAcronyms, statementAcronyms } from '../../server/src/core/acronyms';
import { parseGlossary } from '../../server/src/core/glossary';
import { sampleCorpus, statement, type FixtureStatement } from './corpus-fixture';

const tableOf = (statements: FixtureStatement[]): AcronymTable => mergeAcronyms(statements.map((s) => ({ meta: s.meta, ...statementAcronyms(s.text) })));
const GLOSSARY = `# Team glossary

Edit the table; prose around it is ignored.

| Term     | Expansion                                | Preferred form               | Notes            |
|----------|------------------------------------------|------------------------------|------------------|
| UNODC    | United Nations Office on Drugs and Crime | UN Office on Drugs and Crime | "on", not "of"   |
| SOCnet   | -                                        |                              | our own network  |
`;

describe('acronym shapes', () => {
  const cases: [string, string | undefined][] = [
    ['UNODC', 'UNODC'], ['SOCnet', 'SOCnet'], ['NGOs', 'NGO'], ['UNODC’s', 'UNODC'], ['COVID-19', 'COVID-19'],
    ['McDonald', undefined], ['Vienna', undefined], ['I', undefined], ['II', undefined], ['XXI', undefined],
  ];
  for (const [token, expected] of cases) it(`${token} → ${expected ?? 'not an acronym'}`, () => assert.equal(acronymOf(token), expected));
});

describe('extractAcronyms', () => {
  const cases: [string, string, [string, string][]][] = [
    ['long form first', 'Today the United Nations Office on Drugs and Crime (UNODC) said', [['UNODC', 'United Nations Office on Drugs and Crime']]],
    ['letters from inside words', 'members of the Association of Southeast Asian Nations (ASEAN) met', [['ASEAN', 'Association of Southeast Asian Nations']]],
    ['a slash inside the long form', 'the Joint United Nations Programme on HIV/AIDS (UNAIDS) leads', [['UNAIDS', 'United Nations Programme on HIV/AIDS']]],
    ['a PDF line break', 'the Economic Community of\nWest African States (ECOWAS) and', [['ECOWAS', 'Economic Community of West African States']]],
    ['a mixed-case acronym', 'the Serious Organised Crime network (SOCnet) covers', [['SOCnet', 'Serious Organised Crime network']]],
    ['acronym first (001)', 'As a major UNODC (UN Office of Drugs and Crime) donor', [['UNODC', 'UN Office of Drugs and Crime']]],
    ['acronym first, "the" dropped', 'WHO (the World Health Organization, in Geneva)', [['WHO', 'World Health Organization']]],
    ['a clause is not a long form', 'it was WHO (which has been working hard) that', []],
    ['an aside is not a long form', 'the plan (see annex) and the list (UNODC) of', []],
    ['not across a sentence', 'We thank the Office of Drugs. Crime (ODC) matters', []],
    ['within one sentence', 'We thank the Office of Drugs Crime (ODC) team', [['ODC', 'Office of Drugs Crime']]],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(extractAcronyms(text).filter((d) => d.kind === 'defined').map((d) => [d.acronym, d.longForm]), expected));
  }

  it('finds 001’s "UNODC (UN Office of Drugs and Crime)" with its span', () => {
    const { text } = statement('001');
    const [d] = extractAcronyms(text).filter((x) => x.kind === 'defined');
    assert.equal(text.slice(d.span.start, d.span.end), 'UNODC (UN Office of Drugs and Crime)');
    assert.equal(text.slice(d.longFormSpan.start, d.longFormSpan.end), 'UN Office of Drugs and Crime');
  });

  it('finds 004’s "UN Office on Drugs and Crime" alongside its "UNODC"', () => {
    const defs = extractAcronyms(statement('004').text);
    assert.deepEqual(defs.map((d) => [d.acronym, d.longForm, d.kind]), [['UNODC', 'UN Office on Drugs and Crime', 'alongside']]);
  });
});

describe('the archive’s acronyms', () => {
  const table = tableOf(sampleCorpus());

  it('keeps both of the archive’s expansions of UNODC, most defined first', () => {
    const e = table.entries.get('UNODC')!;
    assert.equal(e.statements, 3);
    assert.equal(e.first, '2018-05-14');
    assert.equal(e.last, '2022-05-17');
    assert.deepEqual(e.expansions.map((x) => [x.text, x.definedIn, x.alongsideIn]), [['UN Office of Drugs and Crime', 2, 0], ['UN Office on Drugs and Crime', 0, 1]]);
  });

  it('counts INTERPOL’s use (003, 004) though the archive never expands it', () => {
    assert.deepEqual({ ...table.entries.get('INTERPOL')! }, { acronym: 'INTERPOL', statements: 2, first: '2018-05-14', last: '2021-03-07', expansions: [] });
  });

  it('keeps an acronym one statement uses only if it expands it', () => {
    assert.equal(table.entries.get('SOCnet'), undefined);
  });

  it('takes a statement out by rebuilding from the others', () => {
    const e = tableOf(sampleCorpus().filter((s) => !s.path.startsWith('004'))).entries.get('UNODC')!;
    assert.equal(e.expansions.length, 1);
    assert.equal(e.first, '2022-05');
  });

  it('answers a hover on UNODC with the conflict shown', () => {
    const { text } = statement('002');
    const h = acronymAt(text, text.indexOf('UNODC') + 2, table)!;
    assert.equal(h.acronym, 'UNODC');
    assert.equal(h.conflicting, true);
    assert.equal(h.preferred, 'UN Office of Drugs and Crime');
    assert.equal(acronymAt(text, text.indexOf('donor') + 1, table), undefined);
  });

  it('lets the glossary win in a hover', () => {
    const { text } = statement('001');
    const h = acronymAt(text, text.indexOf('UNODC'), table, parseGlossary(GLOSSARY))!;
    assert.equal(h.preferred, 'UN Office on Drugs and Crime');
    assert.equal(h.glossary?.notes, '"on", not "of"');
  });
});

describe('parseGlossary', () => {
  it('reads a Markdown table among prose', () => {
    const g = parseGlossary(GLOSSARY);
    assert.deepEqual([...g.entries.keys()], ['UNODC', 'SOCnet']);
    assert.deepEqual(g.entries.get('UNODC'), { term: 'UNODC', expansion: 'United Nations Office on Drugs and Crime', preferred: 'UN Office on Drugs and Crime', notes: '"on", not "of"', line: 7 });
    assert.deepEqual(g.problems, []);
  });

  it('reads TSV with columns in any order', () => {
    const g = parseGlossary('Notes\tTerm\tExpansion\nsee website\tCCPCJ\tCommission on Crime Prevention and Criminal Justice\n');
    assert.equal(g.entries.get('CCPCJ')?.expansion, 'Commission on Crime Prevention and Criminal Justice');
  });

  it('reports rows it skips instead of failing', () => {
    const g = parseGlossary('| Term | Expansion |\n|---|---|\n| UNODC | a |\n|  | b |\n| UNODC | c |\n');
    assert.equal(g.entries.get('UNODC')?.expansion, 'a');
    assert.deepEqual(g.problems.map((p) => p.line), [4, 5]);
  });
});

describe('acronym.unexpanded', () => {
  const table = tableOf(sampleCorpus());
  const glossary = parseGlossary(GLOSSARY);
  const check = (text: string, g = parseGlossary(''), noExpansion?: string[]) =>
    unexpandedAcronyms(text, table, g, noExpansion ? { noExpansion } : {}).map((f) => [text.slice(f.span.start, f.span.end), f.fixes[0]?.edits[0].newText]);

  const cases: [string, string, [string, string | undefined][]][] = [
    ['used without expansion: the archive’s most defined expansion', 'The UK and UNODC launched a toolkit.', [['UNODC', 'UN Office of Drugs and Crime (UNODC)']]],
    ['defined at first use', 'The UN Office on Drugs and Crime (UNODC) helps. UNODC works.', []],
    ['defined acronym first', 'UNODC (UN Office on Drugs and Crime) helps.', []],
    ['said in full before', 'The UN Office on Drugs and Crime helps. UNODC works.', []],
    ['used before it is defined', 'UNODC works.\n\nThe UN Office on Drugs and Crime (UNODC) helps.', [['UNODC', 'UN Office of Drugs and Crime (UNODC)']]],
    ['a possessive keeps its "’s" outside the fix', 'We commend UNODC’s work.', [['UNODC', 'UN Office of Drugs and Crime (UNODC)']]],
    ['INTERPOL: the archive uses it bare', 'INTERPOL stands ready.', []],
    ['UN and UK need no expansion', 'The UN and the UK agree.', []],
    ['unknown to all: flagged without a fix', 'The new JCTF will help.', [['JCTF', undefined]]],
    ['not in a heading', '# UNODC and us\n\nWe work together.', []],
  ];
  for (const [name, text, expected] of cases) it(name, () => assert.deepEqual(check(text), expected));

  // "United Nations Office on ..." (the glossary's expansion) is the same name as its preferred form: offered once
  it('lets the glossary’s preferred form win and offers the archive’s too', () => {
    const [f] = unexpandedAcronyms('The UK and UNODC launched a toolkit.', table, glossary);
    assert.deepEqual(f.fixes.map((x) => x.edits[0].newText), ['UN Office on Drugs and Crime (UNODC)', 'UN Office of Drugs and Crime (UNODC)']);
    assert.equal(f.code, 'acronym.unexpanded');
    assert.match(f.message, /“UNODC” is used without being expanded: a listener cannot look it up\. Say “UN Office on Drugs and Crime \(UNODC\)” the first time\./);
  });

  it('points at the later definition when one exists', () => {
    const text = 'UNODC works.\n\nThe UN Office of Drugs and Crime (UNODC) helps.';
    const [f] = unexpandedAcronyms(text, table);
    assert.equal(text.slice(f.definedAt!.start, f.definedAt!.end), 'UN Office of Drugs and Crime (UNODC)');
    assert.match(f.message, /used before it is expanded/);
  });

  it('flags 000’s SOCnet, unless the glossary says it needs no expansion', () => {
    assert.deepEqual(check(statement('000').text), [['SOCnet', undefined]]);
    assert.deepEqual(check(statement('000').text, glossary), []);
  });

  it('takes the list of acronyms that need no expansion from the options', () => {
    assert.deepEqual(check('The JCTF and UNODC launched it.', undefined, ['UNODC']), [['JCTF', undefined]]);
    assert.deepEqual(check('The JCTF and UNODC launched it.', undefined, ['jctf', 'UNODC']), []);
  });

  it('finds nothing in 001, 002 and 004, which expand UNODC at first use or say it in full', () => {
    for (const id of ['001', '002', '004']) assert.deepEqual(check(statement(id).text), [], id);
  });

  it('leaves nothing to flag once its fix is applied', () => {
    const text = 'We thank UNODC. UNODC helps.';
    const [f] = unexpandedAcronyms(text, table);
    const { span, newText } = f.fixes[0].edits[0];
    const fixed = text.slice(0, span.start) + newText + text.slice(span.end);
    assert.equal(fixed, 'We thank UN Office of Drugs and Crime (UNODC). UNODC helps.');
    assert.deepEqual(unexpandedAcronyms(fixed, table), []);
  });
});
