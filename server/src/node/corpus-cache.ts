// Writes a corpus to the persisted index (index-cache.ts writeCache: temp file + rename, CRC-32),
// compacted first when statements were removed: on a worker thread when the index worker script is
// there, so the caller's thread is not held by the compaction, the encoding or the write (UNGDC:
// encode and write ~0.4 s, at 10x ~8 s), else on the caller's thread.
import { compact, liveCount, singleLayer, type Corpus, type CorpusLayer } from '../core/corpus';
import type { IndexedStatement } from '../core/corpus-index';
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

/**
 * writeCorpusCache on a worker thread. What it needs is handed over in slices, this thread free
 * between them: statements and stamps in messages of SLICE entries (cloning all of UNGDC's in one
 * message held this thread ~90 ms, ten times that at 10x), arrays not already in shared memory
 * copied into it SLICE_BYTES at a time (an index read from the cache is already there: views on
 * one shared buffer).
 */
export function writeCorpusCacheOnWorker(script: string, cacheDir: string, spec: CorpusSpec, corpus: Corpus, stamps: readonly FileStamp[]): Promise<CacheWritten> {
  const next = writing.then(async () => {
    const worker = startWorker(script, () => undefined);
    try {
      const layers: CorpusLayer[] = [];
      for (const [l, { index, firstDoc }] of corpus.layers.entries()) {
        for (let i = 0; i < index.statements.length; i += SLICE) {
          worker.post({ saveSlice: { layer: l, statements: index.statements.slice(i, i + SLICE) } });
          await breather();
        }
        const arrays = { fpLow: await shared(index.fpLow), fpPos: await shared(index.fpPos), bucket: await shared(index.bucket), docStart: await shared(index.docStart), ...(index.fpHash ? { fpHash: await shared(index.fpHash) } : {}) };
        layers.push({ firstDoc, index: { ...index, ...arrays, statements: [] } });
      }
      for (let i = 0; i < stamps.length; i += SLICE) {
        worker.post({ saveSlice: { stamps: stamps.slice(i, i + SLICE) } });
        await breather();
      }
      const m = await worker.ask({ save: { cacheDir, spec, corpus: { layers, removed: corpus.removed, idCount: corpus.idCount } } });
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

const SLICE = 2000, SLICE_BYTES = 8 << 20;

const breather = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The array itself when in shared memory, else a copy in shared memory made a slice at a time. */
async function shared<T extends Uint8Array | Uint32Array>(a: T): Promise<T> {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = new (a.constructor as { new (b: SharedArrayBuffer): T })(new SharedArrayBuffer(a.byteLength));
  const step = SLICE_BYTES / a.BYTES_PER_ELEMENT;
  for (let i = 0; i < a.length; i += step) {
    copy.set(a.subarray(i, i + step), i);
    await breather();
  }
  return copy;
}

/** The worker's side: statements and stamps arrive in slices before the corpus they belong to. */
export interface SaveSlices { statements: IndexedStatement[][]; stamps: FileStamp[] }

export function addSlice(into: SaveSlices, slice: { layer: number; statements: IndexedStatement[] } | { stamps: FileStamp[] }): void {
  if ('stamps' in slice) { for (const s of slice.stamps) into.stamps.push(s); return; }
  const list = (into.statements[slice.layer] ??= []);
  for (const s of slice.statements) list.push(s);
}

/** The corpus the slices complete, written (on the worker). */
export function writeSlicedCache(cacheDir: string, spec: CorpusSpec, skeleton: Corpus, slices: SaveSlices): CacheWritten {
  const corpus: Corpus = { ...skeleton, layers: skeleton.layers.map((l, i) => ({ firstDoc: l.firstDoc, index: { ...l.index, statements: slices.statements[i] ?? [] } })) };
  return writeCorpusCache(cacheDir, spec, corpus, slices.stamps);
}
