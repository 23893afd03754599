// Worker thread entry: extracts the acronym and name facts of the statements it is given (archive-facts.ts).
import { parentPort } from 'node:worker_threads';
import { extractFacts, type FactsMessage, type FactsRequest } from './archive-facts';

parentPort?.on('message', (req: FactsRequest) => {
  parentPort!.postMessage({ facts: extractFacts(req) } satisfies FactsMessage);
});
