// `lectern`: the command line. It reuses the core service with a file-system corpus.
import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { liveCount, liveWords } from '../core/corpus';
import { createLecternService } from '../core/service';
import type { Finding } from '../core/types';
import { openCorpus, type OpenedCorpus } from '../node/load-corpus';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_BYTES, readStatement } from '../node/statement-files';
import { progressReporter } from './progress';
import { formatJson, formatText } from './report';

const USAGE = `usage: lectern check [--corpus DIR]... [--cache DIR] [--format text|json] [--min-words N] FILE...
       lectern index [--corpus DIR]... [--cache DIR]

check   checks drafts against an archive of earlier statements and reports reused passages
index   builds or updates the persisted index of the archive (only changed files are re-read)
  --corpus DIR     a folder of statements (repeatable; default: ./corpus)
  --cache DIR      where the persisted index lives (check: none unless given; index: default
                   $XDG_CACHE_HOME/lectern, the same folder the language server uses for other editors)
  --format FORMAT  text (default) or json
  --min-words N    shortest passage reported, in words (default 12)
Exit status: 0 when it ran (findings or not), 2 on bad usage or an unreadable input.`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`lectern: ${e.message}\n`); return 2; }
    throw e;
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') { process.stdout.write(USAGE + '\n'); return 0; }
  if (command !== 'check' && command !== 'index') throw new UsageError(command ? `unknown command '${command}'\n${USAGE}` : USAGE);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: command === 'check', options: {
      corpus: { type: 'string', multiple: true }, cache: { type: 'string' }, format: { type: 'string', default: 'text' }, 'min-words': { type: 'string' },
    } });
  } catch (e) { throw new UsageError((e as Error).message); }
  if (command === 'index') return index(parsed.values.corpus, parsed.values.cache ?? defaultCacheDir());
  const { values, positionals } = parsed;
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
  const minWords = values['min-words'] === undefined ? 12 : Number(values['min-words']);
  if (!Number.isInteger(minWords) || minWords < 6 || minWords > 200) throw new UsageError('--min-words must be a whole number from 6 to 200');
  if (!positionals.length) throw new UsageError('no FILE to check');
  const folders = corpusFolders(values.corpus);

  const drafts = positionals.map((p) => {
    const read = readStatement(resolve(p));
    if ('problem' in read) throw new UsageError(`${p}: ${read.problem.replace(/; skipped.*$/, '')}`);
    return { display: p, path: realpathSync(resolve(p)), text: read.text };
  });

  const opened = await open(folders, values.cache);
  const service = createLecternService({ index: opened.corpus, reader: { readText: (p) => { const r = readStatement(p); return 'text' in r ? r.text : undefined; } } });

  const results: { display: string; text: string; findings: readonly Finding[] }[] = drafts.map((d) => ({
    display: d.display, text: d.text, findings: service.check({ path: d.path, text: d.text }, { minWords }).findings,
  }));
  const sourceText = (path: string) => { const r = readStatement(path); return 'text' in r ? r.text : ''; };
  process.stdout.write(values.format === 'json' ? formatJson(results) : formatText(results, sourceText, liveCount(opened.corpus)));
  return 0;
}

async function index(corpus: string[] | undefined, cache: string): Promise<number> {
  const opened = await open(corpusFolders(corpus), cache);
  const how = opened.source.kind === 'cache'
    ? `updated the index in ${cache}: ${opened.source.reindexed} file(s) re-read, ${opened.source.removed} removed`
    : `built the index in ${cache}`;
  process.stdout.write(`${how}; ${liveCount(opened.corpus)} statements, ${liveWords(opened.corpus)} words, ${(opened.millis / 1000).toFixed(1)} s\n`);
  return 0;
}

function corpusFolders(given: string[] | undefined): string[] {
  const folders = (given ?? ['corpus']).map((d) => resolve(d));
  for (const f of folders) if (!existsSync(f)) throw new UsageError(`corpus folder not found: ${f}`);
  return folders.map((f) => realpathSync(f));
}

async function open(folders: string[], cacheDir: string | undefined): Promise<OpenedCorpus> {
  const progress = progressReporter();
  try {
    const opened = await openCorpus({ folders, include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, maxFileBytes: DEFAULT_MAX_FILE_BYTES }, {
      cacheDir, workerScript: join(__dirname, 'index-worker.js'), progress: (d, t) => progress.update(d, t),
    });
    progress.stop();
    for (const p of opened.problems) process.stderr.write(`lectern: ${p.path}: ${p.message}\n`);
    return opened;
  } finally {
    progress.stop();
  }
}

function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lectern');
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`lectern: internal error: ${(e as Error).stack ?? e}\n`); process.exitCode = 1; });
}
