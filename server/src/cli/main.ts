// `lectern`: the command line. It reuses the core service with a file-system corpus.
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLecternService } from '../core/service';
import type { Finding } from '../core/types';
import { loadCorpus } from '../node/load-corpus';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_BYTES, readStatement } from '../node/statement-files';
import { formatJson, formatText } from './report';

const USAGE = `usage: lectern check [--corpus DIR]... [--format text|json] [--min-words N] FILE...

Checks drafts against an archive of earlier statements and reports reused passages.
  --corpus DIR     a folder of statements (repeatable; default: ./corpus)
  --format FORMAT  text (default) or json
  --min-words N    shortest passage reported, in words (default 12)
Exit status: 0 when the check ran (findings or not), 2 on bad usage or an unreadable input.`;

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
  if (command !== 'check') throw new UsageError(command ? `unknown command '${command}'\n${USAGE}` : USAGE);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: {
      corpus: { type: 'string', multiple: true }, format: { type: 'string', default: 'text' }, 'min-words': { type: 'string' },
    } });
  } catch (e) { throw new UsageError((e as Error).message); }
  const { values, positionals } = parsed;
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
  const minWords = values['min-words'] === undefined ? 12 : Number(values['min-words']);
  if (!Number.isInteger(minWords) || minWords < 6 || minWords > 200) throw new UsageError('--min-words must be a whole number from 6 to 200');
  if (!positionals.length) throw new UsageError('no FILE to check');
  const folders = (values.corpus ?? ['corpus']).map((d) => resolve(d));
  for (const f of folders) if (!existsSync(f)) throw new UsageError(`corpus folder not found: ${f}`);

  const drafts = positionals.map((p) => {
    const read = readStatement(resolve(p));
    if ('problem' in read) throw new UsageError(`${p}: ${read.problem.replace(/; skipped.*$/, '')}`);
    return { display: p, path: realpathSync(resolve(p)), text: read.text };
  });

  const loaded = await loadCorpus({ folders: folders.map((f) => realpathSync(f)), include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE, maxFileBytes: DEFAULT_MAX_FILE_BYTES });
  for (const p of loaded.problems) process.stderr.write(`lectern: ${p.path}: ${p.message}\n`);
  const service = createLecternService({ index: loaded.index, reader: { readText: (p) => { const r = readStatement(p); return 'text' in r ? r.text : undefined; } } });

  const results: { display: string; text: string; findings: readonly Finding[] }[] = drafts.map((d) => ({
    display: d.display, text: d.text, findings: service.check({ path: d.path, text: d.text }, { minWords }).findings,
  }));
  const sourceText = (path: string) => { const r = readStatement(path); return 'text' in r ? r.text : ''; };
  process.stdout.write(values.format === 'json' ? formatJson(results) : formatText(results, sourceText, loaded.index.statements.length));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`lectern: internal error: ${(e as Error).stack ?? e}\n`); process.exitCode = 1; });
}
