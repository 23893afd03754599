// The hover texts on an acronym and on an archive name, from the tables of the real sample archive.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGlossary } from '../../server/src/core/glossary';
import { archiveHover } from '../../server/src/lsp/archive-hover';
import { sampleTables, statement } from './corpus-fixture';

const tables = sampleTables();
const glossary = (expansion: string, preferred = '') => parseGlossary(`| Term | Expansion | Preferred form |\n|---|---|---|\n| UNODC | ${expansion} | ${preferred} |\n`);
const EMPTY = parseGlossary('');

describe('archive hovers', () => {
  const text = statement('004').text;
  const at = (needle: string) => text.indexOf(needle) + 1;

  it('an acronym: its use in the archive and both of the archive’s expansions, the conflict said', () => {
    const h = archiveHover(text, at('UNODC'), tables, EMPTY)!;
    assert.equal(text.slice(h.span.start, h.span.end), 'UNODC');
    assert.equal(h.markdown, [
      '**Lectern · UNODC** — UN Office of Drugs and Crime', '',
      'Archive: used in 3 statements, first 14 May 2018, last 17 May 2022.', '',
      '**The archive gives conflicting expansions:**', '',
      '- UN Office of Drugs and Crime — defined in 2 statements, May 2022–17 May 2022',
      '- UN Office on Drugs and Crime — written out alongside it in 1 statement, 14 May 2018',
    ].join('\n'));
  });

  it('the glossary wins, and says so only when the archive never uses its form', () => {
    const agrees = archiveHover(text, at('UNODC'), tables, glossary('United Nations Office on Drugs and Crime', 'UN Office on Drugs and Crime'))!.markdown;
    assert.match(agrees, /^\*\*Lectern · UNODC\*\* — UN Office on Drugs and Crime\n/);
    assert.match(agrees, /Team glossary \(wins over the archive\)/);
    assert.doesNotMatch(agrees, /not one the archive uses/);
    const differs = archiveHover(text, at('UNODC'), tables, glossary('Office for Drug Control'))!.markdown;
    assert.match(differs, /^\*\*Lectern · UNODC\*\* — Office for Drug Control\n/);
    assert.match(differs, /The glossary’s form is not one the archive uses: the glossary wins\.$/);
  });

  it('an acronym the glossary says needs no expansion', () => {
    const h = archiveHover(text, at('UNODC'), tables, glossary('-'))!.markdown;
    assert.match(h, /Team glossary: said without expansion\./);
  });

  it('a name the archive knows: how often, first and last use', () => {
    const name = 'Commission on Crime Prevention and Criminal Justice';
    const s = statement('002').text;
    const h = archiveHover(s, s.indexOf(name) + 5, tables, EMPTY)!;
    assert.equal(s.slice(h.span.start, h.span.end), name);
    assert.match(h.markdown, /^\*\*Lectern · Commission on Crime Prevention and Criminal Justice\*\*\n\nUsed in \d statements of the archive, first \d+ \w+ 20\d\d, last \d+ \w+ 20\d\d\.$/);
  });

  it('a name with spelling variants lists them', () => {
    const entry = [...tables.terms.entries.values()].find((e) => e.variants.length > 1);
    assert.ok(entry, 'the sample archive has a name spelled two ways');
    const draft = `We discussed the ${entry.variants[1].text} today.`;
    // past its first word, which may be an acronym ("UN")
    const h = archiveHover(draft, draft.indexOf(entry.variants[1].text) + entry.variants[1].text.lastIndexOf(" ") + 2, tables, EMPTY)!;
    assert.match(h.markdown, /Spellings in the archive:/);
    for (const v of entry.variants) assert.ok(h.markdown.includes(`- ${v.text} — ${v.statements} statement`), h.markdown);
  });
});
