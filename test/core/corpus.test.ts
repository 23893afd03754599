import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IndexBuilder, mergedIndex, mergeOutput, mergeRange, planMerge, radixSortPairs } from '../../server/src/core/corpus-index';
import { compact, compactAfterChange, liveCount, liveDocOf, liveStatements, liveWords, singleLayer, withChanges, type Corpus } from '../../server/src/core/corpus';
import { createLecternService, indexStatements } from '../../server/src/core/service';
import { sampleCorpus } from './corpus-fixture';

const statements = sampleCorpus();
const texts = new Map(statements.map((s) => [s.path, s.text]));
const reader = { readText: (p: string) => texts.get(p) };
const PARAGRAPH = 'Turning to the main agenda, the UK welcomes the Commission’s thematic focus on strengthening the use of digital evidence in criminal justice and countering cyber crime.';
const NEW_PARAGRAPH = 'Our mission in Vienna has opened a new liaison office to support the Commission’s work on electronic evidence with partners from every region.';
const sources = (corpus: Parameters<typeof createLecternService>[0]['index'], text: string) =>
  createLecternService({ index: corpus, reader }).check({ text }).findings.flatMap((f) => f.sources.map((s) => s.path)).sort();

describe('corpus layers', () => {
  const base = singleLayer(indexStatements(statements));
  /** The live words are the live statements' words (not the removed versions'), as many as before the changes. */
  const assertLiveWords = (corpus: Corpus) => {
    const counted = [...liveStatements(corpus)].reduce((n, [, st]) => n + st.words, 0);
    assert.equal(liveWords(corpus), counted, 'the live words are the live statements\' words, not the removed versions\'');
    assert.equal(liveWords(corpus), liveWords(base));
  };

  it('forgets a removed statement', () => {
    const corpus = withChanges(base, undefined, ['001_c705dcbdf9d00de9.txt']);
    assert.equal(liveCount(corpus), 4);
    assert.deepEqual(sources(corpus, PARAGRAPH), ['002_527f5d6f7f83fa1b.txt']);
  });

  it('knows the live statement of a path across layers, and none once it is removed', () => {
    const path = '001_c705dcbdf9d00de9.txt';
    const edited = statements.find((s) => s.path === path)!;
    assert.equal(liveDocOf(base, path), base.layers[0].index.statements.findIndex((s) => s.path === path));
    const changed = withChanges(withChanges(base, undefined, [path]), indexStatements([edited]), []);
    assert.equal(liveDocOf(changed, path), 5, 'the new version, first in the new layer');
    assert.equal(liveDocOf(withChanges(changed, undefined, [path]), path), undefined);
    assert.equal(liveDocOf(base, 'not-in-the-corpus.txt'), undefined);
  });

  it('finds a changed statement in its new version only', () => {
    const edited = statements.find((s) => s.path.startsWith('001'))!;
    const newText = edited.text.replace(/Turning to the main agenda[^\n]*/, NEW_PARAGRAPH);
    texts.set('001-v2', newText);
    const corpus = withChanges(base, indexStatements([{ path: '001-v2', text: newText, meta: edited.meta }]), [edited.path]);
    assert.deepEqual(sources(corpus, PARAGRAPH), ['002_527f5d6f7f83fa1b.txt']);
    assert.deepEqual(sources(corpus, NEW_PARAGRAPH), ['001-v2']);
    assert.equal(corpus.layers.length, 2);

    const folded = compact(corpus);
    assert.equal(folded.statements.length, 5);
    assert.deepEqual(sources(folded, PARAGRAPH), ['002_527f5d6f7f83fa1b.txt']);
    assert.deepEqual(sources(folded, NEW_PARAGRAPH), ['001-v2']);
  });

  it('still finds a passage of a statement changed three times (its removed versions do not count)', () => {
    const edited = statements.find((s) => s.path.startsWith('001'))!;
    let corpus = base;
    for (let i = 0; i < 3; i++) corpus = withChanges(corpus, indexStatements([edited]), [edited.path]);
    assert.equal(liveCount(corpus), 5);
    assert.deepEqual(sources(corpus, PARAGRAPH), sources(base, PARAGRAPH));
    assertLiveWords(corpus);
  });

  it('after many single-file changes keeps the base layer and folds the small ones into one', () => {
    const edited = statements.find((s) => s.path.startsWith('001'))!;
    const other = statements.find((s) => s.path.startsWith('003'))!;
    let corpus = base;
    for (let i = 0; i < 12; i++) {
      const st = i % 2 ? edited : other;
      corpus = compactAfterChange(withChanges(corpus, indexStatements([st]), [st.path]));
      assert.ok(corpus.layers.length <= 9, `${corpus.layers.length} layers after ${i + 1} changes`);
      assert.equal(corpus.layers[0], base.layers[0], 'the base layer is kept');
    }
    assert.ok(corpus.layers.length < 8, 'folded at least once');
    assert.equal(liveCount(corpus), 5);
    assert.deepEqual(sources(corpus, PARAGRAPH), sources(base, PARAGRAPH));
    assertLiveWords(corpus);
  });

  it('compacts a single layer into an identical index', () => {
    const folded = compact(base);
    const original = base.layers[0].index;
    assert.deepEqual(folded.fpLow, original.fpLow);
    assert.deepEqual(folded.fpPos, original.fpPos);
    assert.deepEqual(folded.docStart, original.docStart);
  });

  it('merges sorted runs, in one part or in hash ranges, into the index one builder makes of all their statements', () => {
    const run = (list: typeof statements) => {
      const b = new IndexBuilder();
      for (const st of list) b.add(st.path, st.text, st.meta);
      return b;
    };
    const even = statements.filter((_, i) => i % 2 === 0), odd = statements.filter((_, i) => i % 2 === 1);
    const whole = run([...even, ...odd]).finish();
    for (const parts of [1, 2, 3]) {
      const runs = [run(even).finishRun(), run(odd).finishRun()];
      const plan = planMerge(runs, parts);
      const out = mergeOutput(plan);
      for (let p = parts - 1; p >= 0; p--) mergeRange(plan, p, out);
      const merged = mergedIndex(runs, plan, out);
      assert.deepEqual(merged.statements.map((st) => st.path), whole.statements.map((st) => st.path));
      for (const k of ['fpLow', 'fpPos', 'bucket', 'docStart', 'fpHash'] as const) assert.deepEqual(merged[k], whole[k], `${k}, ${parts} part(s)`);
      assert.equal(merged.bucketBits, whole.bucketBits);
      assert.deepEqual(sources(merged, PARAGRAPH), sources(base, PARAGRAPH));
    }
  });

  it('sorts fingerprints by hash, equal hashes in input order, into the arrays it is given', () => {
    let seed = 5;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    // few distinct hashes (many ties) and the skew winnowing gives (small hashes over-represented)
    for (const [n, distinct] of [[0, 1], [1, 1], [1000, 7], [100000, 1 << 30], [50000, 0]] as const) {
      const keys = Uint32Array.from({ length: n }, () => (distinct ? next() % distinct : Math.min(next(), next(), next(), next())));
      const want = Array.from(keys, (k, i) => [k, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const given: Uint32Array[] = [];
      const sorted = radixSortPairs(keys.slice(), Uint32Array.from(keys, (_, i) => i), (len) => { const a = new Uint32Array(len); given.push(a); return a; });
      assert.deepEqual(Array.from(sorted.keys), want.map((p) => p[0]), `${n} pairs`);
      assert.deepEqual(Array.from(sorted.values), want.map((p) => p[1]), `${n} pairs`);
      assert.ok(given.length === 2 && given[0] === sorted.keys && given[1] === sorted.values);
      assert.equal(sorted.topCounts.reduce((a, b) => a + b, 0), n);
    }
  });

  it('refuses a statement added after the builder is finished', () => {
    const b = new IndexBuilder();
    b.add(statements[0].path, statements[0].text, statements[0].meta);
    b.finish();
    assert.throws(() => b.add(statements[1].path, statements[1].text, statements[1].meta), /after finish/);
  });
});
