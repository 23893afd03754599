// Where the index cache lives when the client does not say: the server's --cache-dir argument, then
// the XDG cache folder (other editors, the CLI's default).
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `--cache-dir DIR` or `--cache-dir=DIR` on the server's command line. */
export function cacheDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cache-dir' && argv[i + 1]) return argv[i + 1];
    if (argv[i].startsWith('--cache-dir=')) return argv[i].slice('--cache-dir='.length) || undefined;
  }
  return undefined;
}

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lectern');
}
