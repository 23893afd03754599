// Worker thread entry. A lone worker indexes its files and hands the finished layer back (its typed
// arrays transferred, not copied). With several workers each first hands back its sorted run in
// shared memory, then merges one hash range of every worker's run into the shared output arrays
// (core/corpus-index.ts mergeRange), so the caller's thread never sorts or merges. It also writes
// the persisted index off the caller's thread (corpus-cache.ts).
import { parentPort } from 'node:worker_threads';
import { mergeRange, type IndexedStatement, type MergeOutput, type MergePlan, type SortedRun } from '../core/corpus-index';
import type { Corpus } from '../core/corpus';
import type { Problem } from '../core/types';
import type { FileStamp } from './index-cache';
import { collectFiles, indexFiles } from './index-files';
import { addSlice, writeSlicedCache, type CacheWritten, type SaveSlices } from './corpus-cache';
import type { CorpusSpec, StatementPath } from './statement-files';

export type WorkerRequest =
  | { files: StatementPath[]; maxFileBytes: number; shared: boolean }
  | { merge: { plan: MergePlan; part: number; out: MergeOutput } }
  | { saveSlice: { layer: number; statements: IndexedStatement[] } | { stamps: FileStamp[] } }
  | { save: { cacheDir: string; spec: CorpusSpec; corpus: Corpus } };
export type WorkerMessage =
  | { progress: number }
  | { result: ReturnType<typeof indexFiles> }
  | { run: SortedRun; stamps: FileStamp[]; problems: Problem[] }
  | { merged: number }
  | { saved: CacheWritten };

const slices: SaveSlices = { statements: [], stamps: [] };
const shared = (n: number) => new Uint32Array(new SharedArrayBuffer(4 * n));

parentPort?.on('message', (req: WorkerRequest) => {
  if ('saveSlice' in req) { addSlice(slices, req.saveSlice); return; }
  if ('save' in req) {
    const { cacheDir, spec, corpus } = req.save;
    parentPort!.postMessage({ saved: writeSlicedCache(cacheDir, spec, corpus, slices) } satisfies WorkerMessage);
    return;
  }
  if ('merge' in req) {
    mergeRange(req.merge.plan, req.merge.part, req.merge.out);
    parentPort!.postMessage({ merged: req.merge.part } satisfies WorkerMessage);
    return;
  }
  const progress = (done: number) => parentPort!.postMessage({ progress: done } satisfies WorkerMessage);
  if (req.shared) {
    const { builder, stamps, problems } = collectFiles(req.files, req.maxFileBytes, progress);
    parentPort!.postMessage({ run: builder.finishRun(shared), stamps, problems } satisfies WorkerMessage);
    return;
  }
  const result = indexFiles(req.files, req.maxFileBytes, progress);
  const ix = result.index;
  parentPort!.postMessage({ result } satisfies WorkerMessage, [ix.fpLow.buffer, ix.fpPos.buffer, ix.bucket.buffer, ix.docStart.buffer, ...(ix.fpHash ? [ix.fpHash.buffer] : [])].filter((b, i, all) => all.indexOf(b) === i) as ArrayBuffer[]);
});
