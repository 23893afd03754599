import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { liveCount } from '../../server/src/core/corpus';
import { decodeIndex, encodeIndex, INDEX_FORMAT_VERSION } from '../../server/src/core/index-file';
import { createLecternService, indexStatements } from '../../server/src/core/service';
import { cacheFile, fastCrc32, readCache } from '../../server/src/node/index-cache';
import { crc32 } from '../../server/src/core/crc32';
import { openCorpus } from '../../server/src/node/load-corpus';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../../server/src/node/statement-files';
import { CORPUS_DIR, sampleCorpus } from './corpus-fixture';

const PARAGRAPH = 'Turning to the main agenda, the UK welcomes the Commission’s thematic focus on strengthening the use of digital evidence in criminal justice and countering cyber crime.';

describe('index file format', () => {
  const index = indexStatements(sampleCorpus());
  const bytes = encodeIndex([index], { note: 'x' });

  it('round-trips an index exactly', () => {
    const d = decodeIndex(bytes);
    assert.ok('layers' in d);
    const [l] = d.layers;
    assert.deepEqual(Array.from(l.fpLow), Array.from(index.fpLow));
    assert.deepEqual(Array.from(l.fpPos), Array.from(index.fpPos));
    assert.deepEqual(Array.from(l.bucket), Array.from(index.bucket));
    assert.deepEqual(l.statements, index.statements);
    assert.deepEqual(d.extra, { note: 'x' });
  });

  it('reads a statement’s metadata from its row when first asked, and hands it to other threads whole', () => {
    const d = decodeIndex(bytes);
    assert.ok('layers' in d);
    const stored = d.layers[0].statements;
    assert.deepEqual(stored.map((s) => s.meta), index.statements.map((s) => s.meta));
    assert.equal(stored[0].meta, stored[0].meta, 'parsed once');
    const fresh = decodeIndex(bytes);
    assert.ok('layers' in fresh);
    assert.deepEqual(structuredClone(fresh.layers[0].statements), index.statements.map((s) => ({ ...s, meta: { ...s.meta } })));
  });

  const broken: [string, (b: Uint8Array) => Uint8Array, RegExp][] = [
    ['a truncated file', (b) => b.slice(0, b.length - 100), /truncated/],
    ['one flipped byte', (b) => { const c = b.slice(); c[c.length - 10] ^= 0xff; return c; }, /checksum/],
    ['a foreign file', () => new TextEncoder().encode('{"not":"an index"}'.padEnd(64)), /not a Lectern index/],
    ['an older format version', (b) => { const c = b.slice(); new DataView(c.buffer).setUint32(8, INDEX_FORMAT_VERSION - 1, true); return c; }, /format version/],
    ['an empty file', () => new Uint8Array(0), /not a Lectern index/],
  ];
  for (const [name, damage, why] of broken) {
    it(`rejects ${name}`, () => {
      const d = decodeIndex(damage(bytes));
      assert.ok('error' in d, 'no index from a broken file');
      assert.match(d.error, why);
    });
  }
});

describe('CRC-32', () => {
  it('gives the standard check value, chunk by chunk as in one piece, natively as in the core', () => {
    const check = new TextEncoder().encode('123456789');
    assert.equal(crc32(check), 0xcbf43926);
    assert.equal(crc32(check.subarray(4), crc32(check.subarray(0, 4))), 0xcbf43926);
    const bytes = encodeIndex([indexStatements(sampleCorpus())], null);
    assert.equal(fastCrc32(bytes), crc32(bytes));
  });
});

describe('persisted corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cache-'));
  const archive = join(dir, 'archive');
  const cacheDir = join(dir, 'cache');
  after(() => rmSync(dir, { recursive: true, force: true }));
  require('node:fs').mkdirSync(archive);
  for (const f of readdirSync(CORPUS_DIR)) copyFileSync(join(CORPUS_DIR, f), join(archive, f));
  const spec = { folders: [archive], include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, maxFileBytes: 5 << 20 };
  const logs: string[] = [];
  const open = () => openCorpus(spec, { cacheDir, log: (m) => logs.push(m) });
  const sources = async (text: string) => {
    const { corpus } = await open();
    return createLecternService({ index: corpus, reader: { readText: (p) => readFileSync(p, 'utf8') } }).check({ text }).findings.flatMap((f) => f.sources.map((s) => s.path.split('/').pop())).sort();
  };

  it('builds, writes the cache, then loads it without re-indexing', async () => {
    const first = await open();
    assert.equal(first.source.kind, 'build');
    assert.equal(liveCount(first.corpus), 5);
    const second = await open();
    assert.deepEqual(second.source, { kind: 'cache', loadMillis: (second.source as { loadMillis: number }).loadMillis, reindexed: 0, removed: 0 });
  });

  it('reads the cache back in chunks of any size, a header spread over several of them included', async () => {
    await open();
    const whole = decodeIndex(readFileSync(cacheFile(cacheDir, spec)), fastCrc32);
    assert.ok('layers' in whole);
    const b = whole.layers[0];
    for (const chunk of [64, 4096, 1 << 20]) {
      const read = await readCache(cacheDir, spec, chunk);
      assert.ok('contents' in read, `chunks of ${chunk} bytes: ${JSON.stringify(read)}`);
      const a = read.contents.layers[0];
      assert.deepEqual(Array.from(a.fpPos), Array.from(b.fpPos));
      assert.deepEqual(Array.from(a.fpLow), Array.from(b.fpLow));
      assert.deepEqual(a.statements, b.statements);
    }
  });

  it('re-indexes only a changed file', async () => {
    const file = join(archive, '001_c705dcbdf9d00de9.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/Turning to the main agenda[^\n]*/, 'A paragraph written anew.'));
    const t = new Date(Date.now() + 5000); utimesSync(file, t, t);
    const opened = await open();
    assert.equal(opened.source.kind, 'cache');
    assert.equal((opened.source as { reindexed: number }).reindexed, 1);
    assert.deepEqual(await sources(PARAGRAPH), ['002_527f5d6f7f83fa1b.txt']);
  });

  it('drops a deleted file', async () => {
    rmSync(join(archive, '002_527f5d6f7f83fa1b.txt'));
    const opened = await open();
    assert.equal((opened.source as { removed: number }).removed, 1);
    assert.equal(liveCount(opened.corpus), 4);
    assert.deepEqual(await sources(PARAGRAPH), []);
  });

  const damages: [string, (file: string) => void][] = [
    ['deleted', (f) => rmSync(f)],
    ['truncated', (f) => truncateSync(f, Math.floor(statSync(f).size / 2))],
    ['corrupted', (f) => { const b = readFileSync(f); b[b.length - 7] ^= 0x55; writeFileSync(f, b); }],
  ];
  for (const [name, damage] of damages) {
    it(`survives a ${name} cache with one log line and a rebuild`, async () => {
      await open();
      damage(cacheFile(cacheDir, spec));
      logs.length = 0;
      const opened = await open();
      assert.equal(opened.source.kind, 'build');
      assert.equal(liveCount(opened.corpus), 4);
      const complaints = logs.filter((l) => /ignored|cannot read/.test(l));
      assert.equal(complaints.length, name === 'deleted' ? 0 : 1, logs.join('\n'));
      assert.equal((await open()).source.kind, 'cache', 'and the rebuilt cache is trusted again');
    });
  }
});
