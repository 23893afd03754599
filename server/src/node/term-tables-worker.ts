// Worker thread entry: extracts the acronyms and names of the statements it is given (term-tables.ts).
import { parentPort } from 'node:worker_threads';
import { extractTermFacts, type TermsMessage, type TermsRequest } from './term-tables';

parentPort?.on('message', (req: TermsRequest) => {
  parentPort!.postMessage({ facts: extractTermFacts(req) } satisfies TermsMessage);
});
