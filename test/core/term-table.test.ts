// The name table built statement by statement: taking a statement out, or changing it, gives the table a fresh merge
// of the archive as it now is would give.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeTerms, TermTableBuilder } from '../../server/src/core/term-table';
import { statementTerms, type TermTable } from '../../server/src/core/terms';
import { sampleCorpus } from './corpus-fixture';

const statements = sampleCorpus().map((s) => ({ path: s.path, meta: s.meta, terms: statementTerms(s.text) }));
const plain = (t: TermTable) => JSON.stringify({ entries: [...t.entries], maxWords: t.maxWords });

describe('the name table, updated statement by statement', () => {
  it('taking each statement out gives the table of the other four', () => {
    for (const gone of statements) {
      const b = new TermTableBuilder();
      for (const s of statements) b.add(s.terms, s.meta.date);
      b.table();
      b.remove(gone.terms, gone.meta.date);
      assert.equal(plain(b.table()), plain(mergeTerms(statements.filter((s) => s !== gone))), gone.path);
    }
  });

  it('a statement changed (004 without its paragraphs naming a Commission) is taken in as a fresh merge would', () => {
    const b = new TermTableBuilder();
    for (const s of statements) b.add(s.terms, s.meta.date);
    const before = b.table();
    const s = sampleCorpus().find((x) => x.path.startsWith('004'))!;
    const old = statements.find((x) => x.path === s.path)!;
    const edited = statementTerms(s.text.replace(/[^\n]*Commission[^\n]*/g, 'A new paragraph.'));
    b.remove(old.terms, s.meta.date);
    b.add(edited, s.meta.date);
    const fresh = mergeTerms(statements.map((x) => (x === old ? { meta: x.meta, terms: edited } : x)));
    assert.equal(plain(b.table()), plain(fresh));
    assert.notEqual(plain(before), plain(fresh), 'the change shows in the table');
  });
});
