// Writes a corpus to the persisted index (index-cache.ts writeCache: temp file + rename, CRC-32),
// compacted first when statements were removed: on a worker thread when the index worker script is
// there, so the caller's thread is not held by the compaction, the encoding or the write (UNGDC:
// encode and write ~0.4 s, at 10x ~8 s), else on the caller's thread.
import { compact, liveCount, singleLayer, type Corpus } from '../core/corpus';
import { writeCache, type FileStamp } from './index-cache';
import { startWorker } from './index-workers';
import type { CorpusSpec } from './statement-files';

export type CacheWritten = { file: string; bytes: number } | { problem: string };

/** `stamps`: one per live statement, in the order of liveStatements(corpus). */
export function writeCorpusCache(cacheDir: string, spec: CorpusSpec, corpus: Corpus, stamps: readonly FileStamp[]): CacheWritten {
  if (liveCount(corpus) !== corpus.idCount) corpus = singleLayer(compact(corpus));
  return writeCache(cacheDir, spec, { layers: corpus.layers.map((l) => l.index), stamps: [...stamps] });
}

/** One write at a time: two writes of one cache file would race for its temporary name. */
let writing: Promise<unknown> = Promise.resolve();

/** Settles once every cache write begun so far has ended (the server waits for it on shutdown). */
export async function cacheWrites(): Promise<void> {
  await writing;
}

/** writeCorpusCache on a worker thread; the corpus's arrays are copied to it unless they are in shared memory. */
export function writeCorpusCacheOnWorker(script: string, cacheDir: string, spec: CorpusSpec, corpus: Corpus, stamps: readonly FileStamp[]): Promise<CacheWritten> {
  const next = writing.then(async () => {
    const worker = startWorker(script, () => undefined);
    try {
      const m = await worker.ask({ save: { cacheDir, spec, corpus, stamps } });
      return 'saved' in m ? m.saved : { problem: 'index worker: unexpected answer' };
    } catch (e) {
      return { problem: `cannot write the index cache: ${(e as Error).message}` };
    } finally {
      worker.end();
    }
  });
  writing = next;
  return next;
}
