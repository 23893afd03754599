import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { liveCount, withChanges } from '../../server/src/core/corpus';
import { writeCorpusCache, writeCorpusCacheOnWorker } from '../../server/src/node/corpus-cache';
import { cacheFile, readCache } from '../../server/src/node/index-cache';
import { openCorpus } from '../../server/src/node/load-corpus';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../../server/src/node/statement-files';
import { CORPUS_DIR } from './corpus-fixture';

// the bundled worker (npm run build writes it beside the test bundles' out/ folder)
const WORKER = join(__dirname, '../../../dist/index-worker.js');

describe('the index cache written on a worker thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-cache-worker-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const spec = { folders: [CORPUS_DIR], include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, maxFileBytes: 5 << 20 };

  it('writes the file this thread writes, compacting removed statements away, and it reads back', async () => {
    const { corpus } = await openCorpus(spec);
    const all = corpus.layers[0].index.statements;
    const stamps = all.map((s, i) => ({ path: s.path, size: 100 + i, mtimeMs: 1000 + i }));
    // one statement removed: both writers must compact it away
    const less = withChanges(corpus, undefined, [all[1].path]);
    const liveStamps = stamps.filter((_, i) => i !== 1);
    writeCorpusCache(join(dir, 'here'), spec, less, liveStamps);
    const written = await writeCorpusCacheOnWorker(WORKER, join(dir, 'worker'), spec, less, liveStamps);
    assert.ok('bytes' in written, JSON.stringify(written));
    const here = readFileSync(cacheFile(join(dir, 'here'), spec)), there = readFileSync(cacheFile(join(dir, 'worker'), spec));
    assert.equal(there.length, written.bytes);
    assert.ok(here.equals(there), 'the same bytes');
    const read = await readCache(join(dir, 'worker'), spec);
    assert.ok('contents' in read);
    assert.equal(read.contents.layers.length, 1);
    assert.equal(read.contents.layers[0].statements.length, liveCount(less));
    assert.deepEqual(read.contents.stamps, liveStamps);
  });

  it('reports a write that fails on the worker as a problem', async () => {
    const { corpus } = await openCorpus(spec);
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, 'not a folder');
    const written = await writeCorpusCacheOnWorker(WORKER, blocked, spec, corpus, corpus.layers[0].index.statements.map((s) => ({ path: s.path, size: 1, mtimeMs: 1 })));
    assert.ok('problem' in written && /cannot write the index cache/.test(written.problem), JSON.stringify(written));
  });
});
