// `lectern`: the command line. It reuses the core service with a file-system corpus.
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { liveCount, liveStatements, liveWords } from '../core/corpus';
import { EMPTY_GLOSSARY, parseGlossary, type Glossary } from '../core/glossary';
import { createLecternService } from '../core/service';
import { DEFAULT_WORDS_PER_MINUTE } from '../core/timing';
import type { Finding } from '../core/types';
import { syncFacts } from '../node/archive-facts';
import { defaultCacheDir } from '../node/cache-dir';
import { openCorpus, type OpenedCorpus } from '../node/load-corpus';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_BYTES, readStatement, type CorpusSpec } from '../node/statement-files';
import { progressReporter } from './progress';
import { formatJson, formatText } from './report';

const USAGE = `usage: lectern check [--corpus DIR]... [--cache DIR] [--format text|json] [--min-words N]
                     [--house-spelling MODE] [--words-per-minute N] [--glossary FILE] FILE...
       lectern index [--corpus DIR]... [--cache DIR]

check   checks drafts against an archive of earlier statements: reused passages, acronyms used before
        they are expanded, speaking time over the target, and (when asked) house spelling
index   builds or updates the persisted index of the archive (only changed files are re-read)
  --corpus DIR            a folder of statements (repeatable; default: ./corpus)
  --cache DIR             where the persisted index lives (check: none unless given; index: default
                          $XDG_CACHE_HOME/lectern, the same folder the language server uses for other editors)
  --format FORMAT         text (default) or json
  --min-words N           shortest passage reported, in words (default 12)
  --house-spelling MODE   off (default), british, oxford or american
  --words-per-minute N    delivery pace for the speaking time (default ${DEFAULT_WORDS_PER_MINUTE})
  --glossary FILE         the team glossary (default: .lectern/glossary.md when it exists)
Exit status: 0 when it ran (findings or not), 2 on bad usage or an unreadable input.`;

const HOUSE_SPELLINGS = ['off', 'british', 'oxford', 'american'] as const;
const DEFAULT_GLOSSARY = join('.lectern', 'glossary.md');

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
      'house-spelling': { type: 'string', default: 'off' }, 'words-per-minute': { type: 'string' }, glossary: { type: 'string' },
    } });
  } catch (e) { throw new UsageError((e as Error).message); }
  if (command === 'index') return index(parsed.values.corpus, parsed.values.cache ?? defaultCacheDir());
  const { values, positionals } = parsed;
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
  const minWords = values['min-words'] === undefined ? 12 : Number(values['min-words']);
  if (!Number.isInteger(minWords) || minWords < 6 || minWords > 200) throw new UsageError('--min-words must be a whole number from 6 to 200');
  const houseSpelling = HOUSE_SPELLINGS.find((m) => m === values['house-spelling']);
  if (!houseSpelling) throw new UsageError(`--house-spelling must be one of ${HOUSE_SPELLINGS.join(', ')}, not '${values['house-spelling']}'`);
  const wordsPerMinute = values['words-per-minute'] === undefined ? DEFAULT_WORDS_PER_MINUTE : Number(values['words-per-minute']);
  if (!Number.isFinite(wordsPerMinute) || wordsPerMinute < 60 || wordsPerMinute > 300) throw new UsageError('--words-per-minute must be a number from 60 to 300');
  const glossary = readGlossary(values.glossary);
  if (!positionals.length) throw new UsageError('no FILE to check');
  const spec = corpusSpec(corpusFolders(values.corpus));

  const drafts = positionals.map((p) => {
    const read = readStatement(resolve(p));
    if ('problem' in read) throw new UsageError(`${p}: ${read.problem.replace(/; skipped.*$/, '')}`);
    return { display: p, path: realpathSync(resolve(p)), text: read.text };
  });

  const opened = await open(spec, values.cache);
  const service = createLecternService({ index: opened.corpus, reader: { readText: (p) => { const r = readStatement(p); return 'text' in r ? r.text : undefined; } } });
  // the archive's acronyms, for the acronym check (kept with the index cache when there is one)
  const facts = await syncFacts({ spec, cacheDir: values.cache, tables: ['acronyms'], statements: [...liveStatements(opened.corpus)].map(([, st]) => ({ path: st.path, meta: st.meta })) });
  for (const m of facts.messages) process.stderr.write(`lectern: ${m}\n`);
  const draft = { tables: facts.tables, glossary, houseSpelling, wordsPerMinute };

  const results: { display: string; text: string; findings: readonly Finding[] }[] = drafts.map((d) => ({
    display: d.display, text: d.text, findings: service.check({ path: d.path, text: d.text }, { minWords, draft }).findings,
  }));
  const sourceText = (path: string) => { const r = readStatement(path); return 'text' in r ? r.text : ''; };
  process.stdout.write(values.format === 'json' ? formatJson(results) : formatText(results, sourceText, liveCount(opened.corpus)));
  return 0;
}

async function index(corpus: string[] | undefined, cache: string): Promise<number> {
  const opened = await open(corpusSpec(corpusFolders(corpus)), cache);
  const how = opened.source.kind === 'cache'
    ? `updated the index in ${cache}: ${opened.source.reindexed} file(s) re-read, ${opened.source.removed} removed`
    : `built the index in ${cache}`;
  process.stdout.write(`${how}; ${liveCount(opened.corpus)} statements, ${liveWords(opened.corpus)} words, ${(opened.millis / 1000).toFixed(1)} s\n`);
  return 0;
}

/** The team glossary: the file given (which must be readable), else .lectern/glossary.md when it exists. */
function readGlossary(given: string | undefined): Glossary {
  const path = resolve(given ?? DEFAULT_GLOSSARY);
  if (!given && !existsSync(path)) return EMPTY_GLOSSARY;
  const read = readStatement(path);
  if ('problem' in read) throw new UsageError(`${given}: ${read.problem.replace(/; skipped.*$/, '')}`);
  const glossary = parseGlossary(read.text);
  for (const p of glossary.problems) process.stderr.write(`lectern: ${path}:${p.line}: ${p.message}\n`);
  return glossary;
}

function corpusFolders(given: string[] | undefined): string[] {
  const folders = (given ?? ['corpus']).map((d) => resolve(d));
  for (const f of folders) if (!existsSync(f)) throw new UsageError(`corpus folder not found: ${f}`);
  return folders.map((f) => realpathSync(f));
}

function corpusSpec(folders: string[]): CorpusSpec {
  return { folders, include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, maxFileBytes: DEFAULT_MAX_FILE_BYTES };
}

async function open(spec: CorpusSpec, cacheDir: string | undefined): Promise<OpenedCorpus> {
  const progress = progressReporter();
  try {
    const opened = await openCorpus(spec, {
      cacheDir, workerScript: join(__dirname, 'index-worker.js'), progress: (d, t) => progress.update(d, t),
    });
    progress.stop();
    for (const p of opened.problems) process.stderr.write(`lectern: ${p.path}: ${p.message}\n`);
    return opened;
  } finally {
    progress.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`lectern: internal error: ${(e as Error).stack ?? e}\n`); process.exitCode = 1; });
}
