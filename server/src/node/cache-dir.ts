// Where the index cache lives when the client does not say: the XDG cache folder (other editors, the CLI).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'lectern');
}
