// The name table built statement by statement: taking a statement out, or changing it, gives the table a fresh merge
// of the archive as it now is would give.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArchiveTablesBuilder, mergeTables, termFacts } from '../../server/src/core/archive-tables';
import { sampleCorpus } from './corpus-fixture';

const facts = sampleCorpus().map((s) => ({ path: s.path, facts: termFacts(s.text, s.meta.date) }));
const plain = (t: ReturnType<typeof mergeTables>) => JSON.stringify({ acronyms: [...t.acronyms.entries], terms: [...t.terms.entries], maxWords: t.terms.maxWords, statements: t.statements });

describe('archive tables, updated statement by statement', () => {
  it('taking each statement out gives the table of the other four', () => {
    for (const gone of facts) {
      const b = new ArchiveTablesBuilder();
      for (const f of facts) b.set(f.path, f.facts);
      b.set(gone.path, undefined);
      assert.equal(plain(b.tables()), plain(mergeTables(facts.filter((f) => f !== gone).map((f) => f.facts))), gone.path);
    }
  });

  it('a statement changed on disk (004 without its paragraphs naming the Office on Drugs and Crime) is taken in as a fresh merge would', () => {
    const b = new ArchiveTablesBuilder();
    for (const f of facts) b.set(f.path, f.facts);
    const s = sampleCorpus().find((x) => x.path.startsWith('004'))!;
    const edited = termFacts(s.text.replace(/[^\n]*Office on Drugs and Crime[^\n]*/g, 'A new paragraph about the Commission on Crime Prevention and Criminal Justice.'), s.meta.date);
    b.set(s.path, edited);
    const fresh = mergeTables(facts.map((f) => (f.path === s.path ? edited : f.facts)));
    assert.equal(plain(b.tables()), plain(fresh));
    assert.deepEqual(b.tables().acronyms.entries.get('UNODC')!.expansions.map((x) => x.text), ['UN Office of Drugs and Crime'], 'the expansion found alongside went with those paragraphs');
  });
});
