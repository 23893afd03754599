// Language server entry point. The transport comes from the command line: --stdio, --node-ipc or --socket=N;
// `--cache-dir DIR` names the index cache folder (else initialization options, else ~/.cache/lectern).
// The index files the last session opened are read ahead on libuv's threads before the server's code
// loads, so the read overlaps the load and the client's first messages.
import { prefetchCaches } from './node/index-cache';
import { cacheDirArgument, defaultCacheDir } from './node/cache-dir';

prefetchCaches(cacheDirArgument(process.argv) ?? defaultCacheDir());

// required here, not imported: an import would load the language server before the read ahead starts
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer } = require('./lsp/server') as typeof import('./lsp/server');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createConnection, ProposedFeatures } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
startServer(createConnection(ProposedFeatures.all));
