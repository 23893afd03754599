// Worker thread entry: one archive-facts run (archive-facts.ts), its tables handed back.
import { parentPort } from 'node:worker_threads';
import { syncFacts, type FactsJob } from './archive-facts';

parentPort?.once('message', (job: FactsJob) => {
  syncFacts(job).then(
    (result) => parentPort!.postMessage({ result }),
    (e: unknown) => parentPort!.postMessage({ error: (e as Error).stack ?? String(e) }),
  );
});
