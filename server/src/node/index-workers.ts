// Builds one index of many statement files on worker threads (index-worker.ts): each worker reads,
// fingerprints and sorts its share of the files into shared memory, then each merges one hash range
// of all the workers' runs into the shared output arrays. This thread only lists, plans and
// assembles (no sort, no merge), so it keeps answering requests during the whole build.
import { Worker } from 'node:worker_threads';
import { mergedIndex, mergeOutput, planMerge, type CorpusIndex, type SortedRun } from '../core/corpus-index';
import type { Problem } from '../core/types';
import type { FileStamp } from './index-cache';
import type { IndexedFiles } from './index-files';
import type { WorkerMessage, WorkerRequest } from './index-worker';
import type { StatementPath } from './statement-files';

export async function indexOnWorkers(script: string, workers: number, files: readonly StatementPath[], maxFileBytes: number, progress: (done: number) => void): Promise<IndexedFiles> {
  // interleaved chunks balance the workers across years of short and long statements
  const chunks = Array.from({ length: workers }, (_, w) => files.filter((_, i) => i % workers === w));
  const done = new Array<number>(workers).fill(0);
  const pool = chunks.map((_, w) => startWorker(script, (d) => { done[w] = d; progress(done.reduce((a, b) => a + b, 0)); }));
  try {
    if (workers === 1) {
      const m = await pool[0].ask({ files: chunks[0], maxFileBytes, shared: false });
      if (!('result' in m)) throw new Error('index worker: unexpected answer');
      return m.result;
    }
    const answers = await Promise.all(pool.map((w, i) => w.ask({ files: chunks[i], maxFileBytes, shared: true })));
    const runs: SortedRun[] = [], stamps: FileStamp[] = [], problems: Problem[] = [];
    for (const m of answers) {
      if (!('run' in m)) throw new Error('index worker: unexpected answer');
      runs.push(m.run); stamps.push(...m.stamps); problems.push(...m.problems);
    }
    // one index, not one layer per worker: a check then looks each k-gram up once (2 layers: full
    // check median 7.18 ms on UNGDC, 1 layer: 5.75 ms, bench/results.md at 9564dc1)
    const plan = planMerge(runs, workers);
    const out = mergeOutput(plan, (bytes) => new SharedArrayBuffer(bytes));
    await Promise.all(pool.map((w, part) => w.ask({ merge: { plan, part, out } })));
    const index: CorpusIndex = mergedIndex(runs, plan, out);
    return { index, stamps, problems };
  } finally {
    for (const w of pool) w.end();
  }
}

export interface IndexWorker { ask(request: WorkerRequest): Promise<Exclude<WorkerMessage, { progress: number }>>; post(request: WorkerRequest): void; end(): void }

export function startWorker(script: string, progress: (done: number) => void): IndexWorker {
  const worker = new Worker(script);
  let pending: { resolve: (m: Exclude<WorkerMessage, { progress: number }>) => void; reject: (e: Error) => void } | undefined;
  let ended = false;
  const fail = (e: Error) => { const p = pending; pending = undefined; p?.reject(e); };
  worker.on('message', (m: WorkerMessage) => {
    if ('progress' in m) { progress(m.progress); return; }
    const p = pending; pending = undefined; p?.resolve(m);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => { if (!ended) fail(new Error(`index worker exited with code ${code}`)); });
  return {
    ask: (request) => new Promise((resolve, reject) => { pending = { resolve, reject }; worker.postMessage(request); }),
    post: (request) => worker.postMessage(request),
    end: () => { ended = true; void worker.terminate(); },
  };
}
