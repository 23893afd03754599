// Worker thread entry: indexes the files it is given and hands the layer back. Its typed arrays
// are transferred, not copied, so the hand-over costs nothing whatever the archive's size.
import { parentPort } from 'node:worker_threads';
import { indexFiles } from './index-files';
import type { StatementFile } from './statement-files';

export interface WorkerRequest { files: StatementFile[]; maxFileBytes: number; fullHashes: boolean }
export type WorkerMessage = { progress: number } | { result: ReturnType<typeof indexFiles> };

parentPort?.on('message', (req: WorkerRequest) => {
  const result = indexFiles(req.files, req.maxFileBytes, (done) => parentPort!.postMessage({ progress: done } satisfies WorkerMessage), req.fullHashes);
  const ix = result.index;
  parentPort!.postMessage({ result } satisfies WorkerMessage, [ix.fpLow.buffer, ix.fpPos.buffer, ix.bucket.buffer, ix.docStart.buffer, ...(ix.fpHash ? [ix.fpHash.buffer] : [])].filter((b, i, all) => all.indexOf(b) === i) as ArrayBuffer[]);
});
