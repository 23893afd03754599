// Finding and reading statement files on disk. Every file that cannot be used (missing folder,
// binary, invalid UTF-8, empty, too large, unreadable) becomes a Problem with a clear reason and
// is skipped; nothing here throws for bad input.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { HEADER_CHARS } from '../core/metadata';
import type { Problem } from '../core/types';

export interface CorpusSpec {
  /** Absolute folders. */
  readonly folders: readonly string[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Larger files are skipped: no statement is that long, and reading one would stall indexing. */
  readonly maxFileBytes: number;
}

export const DEFAULT_INCLUDE = ['**/*.txt', '**/*.md', '**/*.statement', '**/*.speech'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**', '**/README.md'];
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A statement file as listing finds it, before its size and modification time are read. */
export interface StatementPath {
  /** Absolute path. */
  readonly path: string;
  /** The corpus folder it was found under. */
  readonly folder: string;
}

export interface StatementFile extends StatementPath {
  readonly size: number;
  readonly mtimeMs: number;
}

export function resolveFolders(paths: readonly string[], base: string): string[] {
  return paths.map((p) => (isAbsolute(p) ? p : resolve(base, p)));
}

/**
 * Lists statement files under the corpus folders, sorted, with their size and modification time;
 * missing folders are problems. Without blocking: the event loop stays free between file system
 * calls (the language server checks a cached corpus against the disk while it answers).
 */
export async function listStatementFiles(spec: CorpusSpec): Promise<{ files: StatementFile[]; problems: Problem[] }> {
  const { files: paths, problems } = await listStatementPaths(spec);
  const files: (StatementFile | undefined)[] = new Array(paths.length);
  for (let i = 0; i < paths.length; i += 64) {
    await Promise.all(paths.slice(i, i + 64).map(async ({ path, folder }, k) => {
      try { const s = await stat(path); files[i + k] = { path, folder, size: s.size, mtimeMs: s.mtimeMs }; }
      catch (e) { problems.push({ path, message: unreadable(e) }); }
    }));
  }
  return { files: files.filter((f): f is StatementFile => !!f), problems };
}

/**
 * The statement files' paths only, sorted: a full build leaves reading each file's size and
 * modification time to the worker that reads the file (listing UNGDC with them took ~0.5 s of the
 * cold build before any worker started).
 */
export async function listStatementPaths(spec: CorpusSpec): Promise<{ files: StatementPath[]; problems: Problem[] }> {
  const files: StatementPath[] = [];
  const problems: Problem[] = [];
  for (const folder of spec.folders) {
    try { if (!(await stat(folder)).isDirectory()) { problems.push({ path: folder, message: 'corpus path is not a folder; skipped' }); continue; } }
    catch { problems.push({ path: folder, message: 'corpus folder not found; skipped' }); continue; }
    const included = picomatch([...spec.include], { dot: false });
    const excluded = picomatch([...spec.exclude], { dot: true });
    for await (const rel of walkAsync(folder, problems)) {
      const posix = rel.split(sep).join('/');
      if (included(posix) && !excluded(posix)) files.push({ path: join(folder, rel), folder });
    }
  }
  const unique = [...new Map(files.map((f) => [f.path, f])).values()];
  unique.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: unique, problems };
}

function unreadable(e: unknown): string {
  return `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; skipped`;
}

async function* walkAsync(root: string, problems: Problem[], rel = ''): AsyncGenerator<string> {
  let entries;
  try { entries = await readdir(join(root, rel), { withFileTypes: true }); } catch (e) {
    problems.push({ path: join(root, rel), message: `cannot list folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; skipped` });
    return;
  }
  for (const e of entries) {
    const r = rel ? join(rel, e.name) : e.name;
    if (e.isDirectory()) { if (e.name !== '.git' && e.name !== 'node_modules') yield* walkAsync(root, problems, r); }
    else if (e.isFile()) yield r;
  }
}


/** Decodes a statement file, or says why it cannot be one. */
export function decodeStatement(bytes: Uint8Array, maxFileBytes = DEFAULT_MAX_FILE_BYTES): { text: string } | { problem: string } {
  const bad = bytesProblem(bytes, maxFileBytes);
  if (bad) return { problem: bad };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (!text.trim()) return { problem: 'file holds only whitespace; skipped' };
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Why these bytes cannot be a statement (empty, too large, binary, not UTF-8), or undefined. */
function bytesProblem(bytes: Uint8Array, maxFileBytes: number): string | undefined {
  if (bytes.length === 0) return 'empty file; skipped';
  if (bytes.length > maxFileBytes) return tooLarge(bytes.length, maxFileBytes);
  if (bytes.subarray(0, 8192).includes(0)) return 'binary file (contains NUL bytes); skipped';
  // isUtf8 then toString: measured 136 ms vs 154 ms for a fatal TextDecoder over 4,000 UNGDC files
  if (!isUtf8(bytes)) return 'not valid UTF-8 text; skipped (save it as UTF-8 to index it)';
  return undefined;
}

function tooLarge(size: number, maxFileBytes: number): string {
  return `file is ${(size / 1048576).toFixed(1)} MB, over the ${(maxFileBytes / 1048576).toFixed(0)} MB limit for a statement; skipped`;
}

/**
 * Characters of a statement's start that its metadata needs: what inference reads (metadata.ts
 * inferMeta); front matter may run to the end of the file.
 */
export const HEAD_CHARS = HEADER_CHARS;

/**
 * A statement file's bytes, checked as `decodeStatement` checks them (the same problems), and the
 * text of its start: at least its first HEAD_CHARS UTF-16 code units (all of it when it opens with
 * "---", front matter), without its BOM. Indexing tokenizes the bytes (words.ts utf8WordHashes):
 * decoding every file to a string took 0.2 s of each index worker's 4.2 s on UNGDC (profile).
 */
export function decodeStatementHead(bytes: Uint8Array, maxFileBytes = DEFAULT_MAX_FILE_BYTES): { bytes: Uint8Array; head: string } | { problem: string } {
  const bad = bytesProblem(bytes, maxFileBytes);
  if (bad) return { problem: bad };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // the text up to a character boundary at or before byte `limit`, and whether that is all of it
  const upTo = (limit: number) => {
    let cut = Math.min(bytes.length, limit);
    while (cut < bytes.length && (bytes[cut] & 0xc0) === 0x80) cut--;
    return { text: buf.toString('utf8', bom, cut), all: cut === bytes.length };
  };
  // mostly ASCII text: HEAD_CHARS + 10% bytes hold HEAD_CHARS code units; else HEAD_CHARS * 3 bytes
  // do (at most 3 bytes per code unit)
  let head = upTo(bom + HEAD_CHARS + HEAD_CHARS / 10);
  if (!head.all && head.text.length < HEAD_CHARS) head = upTo(bom + 3 * HEAD_CHARS + 4);
  if (!head.all && (!head.text.trim() || head.text.startsWith('---') || head.text.startsWith('\uFEFF---'))) head = upTo(bytes.length);
  return head.text.trim() ? { bytes, head: head.text } : { problem: 'file holds only whitespace; skipped' };
}

/** The read buffer of `readStatementBytes`, reused from file to file (one per thread). */
let readBuffer = Buffer.alloc(0);

/**
 * Opens a statement file once for indexing: its size and modification time (from the open file,
 * unless the listing already has them) and its bytes, checked, with the start decoded
 * (`decodeStatementHead`). The bytes live in a buffer reused by the next call. One open, fstat,
 * read and close per file and no buffer allocated per file: a stat by path then readFileSync took ~0.2 s of each
 * index worker's build of UNGDC (cpu profile).
 */
export function readStatementBytes(listed: StatementPath | StatementFile, maxFileBytes = DEFAULT_MAX_FILE_BYTES): { file: StatementFile; bytes: Uint8Array; head: string } | { problem: string } {
  let fd = -1;
  try {
    fd = openSync(listed.path, 'r');
    let file: StatementFile;
    if ('size' in listed) file = listed;
    else { const st = fstatSync(fd); file = { path: listed.path, folder: listed.folder, size: st.size, mtimeMs: st.mtimeMs }; }
    if (file.size > maxFileBytes) return { problem: tooLarge(file.size, maxFileBytes) };
    // to the end of the file, as readFileSync reads, whatever its size is by now
    let length = 0;
    for (;;) {
      if (length === readBuffer.length) { const grown = Buffer.allocUnsafe(Math.max(length * 2, file.size + 1, 1 << 16)); readBuffer.copy(grown, 0, 0, length); readBuffer = grown; }
      const got = readSync(fd, readBuffer, length, readBuffer.length - length, length);
      if (got === 0) break;
      length += got;
    }
    const read = decodeStatementHead(readBuffer.subarray(0, length), maxFileBytes);
    return 'problem' in read ? read : { file, ...read };
  } catch (e) {
    return { problem: unreadable(e) };
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** Reads and decodes one statement file (`knownSize` spares a stat when the caller listed the file). */
export function readStatement(path: string, maxFileBytes = DEFAULT_MAX_FILE_BYTES, knownSize?: number): { text: string } | { problem: string } {
  try {
    const size = knownSize ?? statSync(path).size;
    if (size > maxFileBytes) return decodeStatement(new Uint8Array(size), maxFileBytes);
    return decodeStatement(readFileSync(path), maxFileBytes);
  } catch (e) {
    return { problem: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; skipped` };
  }
}

/** Path of a file relative to its corpus folder, with forward slashes (manifest keys). */
export function corpusRelative(file: StatementFile): string {
  return relative(file.folder, file.path).split(sep).join('/');
}
