import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defineExtractor, extractFacts, mergeFacts } from '../../server/src/core/archive-facts';
import { ARCHIVE_EXTRACTORS, archiveTables, EMPTY_TABLES } from '../../server/src/core/archive-extractors';
import { mergeMeta, parseManifest, inferMeta } from '../../server/src/core/metadata';
import { decodeFacts, encodeFacts, factsCacheFile, FACTS_FORMAT_VERSION } from '../../server/src/node/archive-facts-cache';
import { syncFacts, type FactsJob } from '../../server/src/node/archive-facts';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../../server/src/node/statement-files';
import { CORPUS_DIR, sampleCorpus } from './corpus-fixture';

describe('archive facts: extract and merge', () => {
  const statements = sampleCorpus().map((s) => ({ path: s.path, meta: s.meta, facts: extractFacts(ARCHIVE_EXTRACTORS, s.text, s.meta).facts }));
  const tables = archiveTables(statements);

  it('extracts every registered fact of each statement as JSON that round-trips', () => {
    for (const s of statements) {
      assert.deepEqual(Object.keys(s.facts), ARCHIVE_EXTRACTORS.map((e) => e.name));
      assert.deepEqual(JSON.parse(JSON.stringify(s.facts)), s.facts);
    }
  });
  it('merges the formulas of corpus/: the thanks to the host (000) and "In closing," (001, 002)', () => {
    const thanks = tables.formulas.byKind.thanks.find((f) => f.label.startsWith('Let me start by thanking'));
    assert.equal(thanks?.snippet, 'Let me start by thanking ${1:the Government of Japan} for hosting this event.');
    const closing = tables.formulas.byKind.closing.find((f) => f.label.startsWith('In closing'));
    assert.equal(closing?.count, 2);
  });
  it('gives the same tables from facts that went through JSON (the cache)', () => {
    const again = archiveTables(JSON.parse(JSON.stringify(statements)));
    assert.deepEqual(again.formulas.formulas.map((f) => [f.snippet, f.count]), tables.formulas.formulas.map((f) => [f.snippet, f.count]));
  });
  it('leaves out what an extractor that throws would have given, and says why', () => {
    const words = defineExtractor({ name: 'words', version: 1, extract: (t: string) => t.split(/\s+/).length, merge: (es) => es.reduce((n, e) => n + e.result, 0), empty: 0 });
    const broken = defineExtractor({ name: 'broken', version: 1, extract: (): number => { throw new Error('odd input'); }, merge: () => 1, empty: -1 });
    const { facts, errors } = extractFacts([words, broken], 'a b c', statements[0].meta);
    assert.deepEqual(facts, { words: 3 });
    assert.deepEqual(errors, ['broken: odd input']);
    assert.deepEqual(mergeFacts([words, broken] as const, [{ path: 'a', meta: statements[0].meta, facts }]), { words: 3, broken: -1 });
  });
  it('has empty tables before anything is mined', () => {
    assert.equal(EMPTY_TABLES.formulas.formulas.length, 0);
  });
});

describe('archive facts: cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-facts-'));
  const archive = join(dir, 'archive');
  const cacheDir = join(dir, 'cache');
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(archive);
  for (const f of readdirSync(CORPUS_DIR)) copyFileSync(join(CORPUS_DIR, f), join(archive, f));
  const spec = { folders: [archive], include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, maxFileBytes: 5 << 20 };
  const manifest = parseManifest(readFileSync(join(archive, 'manifest.tsv'), 'utf8'));
  /** The statements as the index gives them: path and metadata. */
  const indexed = (): FactsJob['statements'] => readdirSync(archive).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => ({ path: join(archive, f), meta: mergeMeta(manifest.get(f), inferMeta(readFileSync(join(archive, f), 'utf8'))) }));
  const run = () => syncFacts({ spec, cacheDir, statements: indexed() });

  it('builds and writes the cache, then reads it back without reading any statement', async () => {
    const first = await run();
    assert.equal(first.extracted, 5);
    assert.equal(first.loadMillis, undefined);
    assert.ok(first.messages.some((m) => /facts cache written/.test(m)));
    const second = await run();
    assert.deepEqual([second.extracted, second.removed, second.statements], [0, 0, 5]);
    assert.ok(second.loadMillis !== undefined);
    assert.deepEqual(second.messages, [], 'nothing changed: the cache is not written again');
    assert.deepEqual(second.tables.formulas.formulas.map((f) => f.snippet), first.tables.formulas.formulas.map((f) => f.snippet));
  });

  it('re-reads only a changed file, and its new formula is in the tables', async () => {
    const file = join(archive, '000_0d605f3011f179aa.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Let me start by thanking the Government of Japan for hosting this event.', 'Let me start by thanking the Government of Austria for hosting this event.'));
    const t = new Date(Date.now() + 5000); utimesSync(file, t, t);
    const r = await run();
    assert.deepEqual([r.extracted, r.removed], [1, 1]);
    assert.equal(r.tables.formulas.byKind.thanks.find((f) => f.label.startsWith('Let me start'))?.snippet, 'Let me start by thanking ${1:the Government of Austria} for hosting this event.');
  });

  it('drops a deleted file', async () => {
    rmSync(join(archive, '004_b769a10b26c252fd.txt'));
    const r = await run();
    assert.deepEqual([r.extracted, r.removed, r.statements], [0, 1, 4]);
  });

  const damages: [string, (file: string) => void, RegExp][] = [
    ['truncated', (f) => truncateSync(f, Math.floor(statSync(f).size / 2)), /truncated/],
    ['corrupted', (f) => { const b = readFileSync(f); b[b.length - 7] ^= 0x55; writeFileSync(f, b); }, /checksum/],
    ['foreign', (f) => writeFileSync(f, '{"not":"a facts file"}'), /not a Lectern facts file/],
    ['older', (f) => { const b = readFileSync(f); b.writeUInt32LE(FACTS_FORMAT_VERSION - 1, 8); writeFileSync(f, b); }, /format version/],
  ];
  for (const [name, damage, why] of damages) {
    it(`survives a ${name} cache with one log line and a rebuild`, async () => {
      await run();
      damage(factsCacheFile(cacheDir, spec));
      const r = await run();
      assert.equal(r.extracted, 4);
      const complaints = r.messages.filter((m) => /ignored/.test(m));
      assert.equal(complaints.length, 1, r.messages.join('\n'));
      assert.match(complaints[0], why);
      assert.equal((await run()).extracted, 0, 'and the rebuilt cache is trusted again');
    });
  }

  it('rebuilds a cache made by other extractors', async () => {
    const file = factsCacheFile(cacheDir, spec);
    const payload = decodeFacts(readFileSync(file));
    assert.ok(!('error' in payload));
    writeFileSync(file, encodeFacts({ ...payload, extractors: { formulas: 0 } }));
    const r = await run();
    assert.equal(r.extracted, 4);
    assert.ok(r.messages.some((m) => /other extractors/.test(m)));
  });
});
