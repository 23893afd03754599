// What a speechwriter would use instead of Lectern, on the same drafts and the same corpus:
//   ripgrep: the first 12 words of every draft paragraph, searched as fixed strings in one pass;
//   jscpd:   a copy/paste detector, given the draft and the corpus and asked for shared runs of tokens.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Span } from '../server/src/core/types';
import type { BenchDraft } from './drafts';
import { runTool, type ToolRun } from './processes';
import { covers, outcome, type CopyOutcome } from './scoring';
import { median } from './stats';

export interface PeerDraftResult {
  readonly draft: string;
  /** Median wall time of one draft's check (the whole process: that is what the user waits for). */
  readonly ms: number;
  readonly runsMs: readonly number[];
  readonly peakRssMB?: number;
  readonly timedOut: boolean;
  readonly error?: string;
  readonly copies: readonly CopyOutcome[];
}

/** The corpus as each peer is told to read it: exactly the statement files Lectern indexed. */
export interface PeerCorpus {
  readonly folder: string;
  /** ripgrep globs (include, then `!exclude`), mirroring the index's include/exclude and held-out files. */
  readonly rgGlobs: readonly string[];
  /** Paths that hold every indexed statement and no held-out one (jscpd takes no exclude glob for this). */
  readonly paths: readonly string[];
}

const PATTERN_WORDS = 12;

/** The first 12 words of each paragraph of at least 12 words, as written in the draft. */
export function paragraphOpenings(draft: BenchDraft): { span: Span; pattern: string }[] {
  const out: { span: Span; pattern: string }[] = [];
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  for (let m; (m = re.exec(draft.text));) {
    const words = m[0].split(/\s+/).filter(Boolean);
    if (words.length >= PATTERN_WORDS) out.push({ span: { start: m.index, end: m.index + m[0].length }, pattern: words.slice(0, PATTERN_WORDS).join(' ') });
  }
  return out;
}

export async function ripgrepDraft(draft: BenchDraft, corpus: PeerCorpus, workDir: string, runs: number): Promise<PeerDraftResult> {
  mkdirSync(workDir, { recursive: true });
  const openings = paragraphOpenings(draft);
  const patterns = join(workDir, `${draft.name}.patterns`);
  writeFileSync(patterns, openings.map((o) => o.pattern).join('\n') + '\n');
  // -o prints each match, so a match tells which opening (and so which planted copy) it is
  const args = ['-F', '-i', '-o', '--no-line-number', '--with-filename', '--null', '--no-ignore', ...corpus.rgGlobs.flatMap((g) => ['-g', g]), '-f', patterns, corpus.folder];
  const done: ToolRun[] = [];
  for (let i = 0; i < runs; i++) done.push(await runTool('rg', args, { timeoutMs: 120_000 }));
  const first = done[0];
  const failed = first.timedOut || (first.exitCode !== 0 && first.exitCode !== 1);
  const hits = new Set<string>();
  for (const line of first.stdout.split('\n')) {
    const nul = line.indexOf('\0');
    if (nul > 0) hits.add(`${line.slice(0, nul)}\0${line.slice(nul + 1).toLowerCase()}`);
  }
  const copies = draft.planted.map((p) => {
    const opening = openings.find((o) => o.span.start === p.span.start);
    return outcome(p, !!opening && hits.has(`${p.copy.sourcePath}\0${opening.pattern.toLowerCase()}`));
  });
  return {
    draft: draft.name, ms: median(done.map((r) => r.wallMs)), runsMs: done.map((r) => r.wallMs), peakRssMB: maxOf(done.map((r) => r.peakRssMB)),
    timedOut: first.timedOut, ...(failed ? { error: `rg exited with ${first.exitCode}: ${first.stderr.slice(0, 300)}` } : {}), copies,
  };
}

export const JSCPD_ARGS = ['--format', 'txt', '--min-tokens', '30', '--min-lines', '1', '--ignore-case', '--reporters', 'json', '--silent', '--no-tips', '--no-gitignore', '--absolute'];

export async function jscpdDraft(jscpd: string, draft: BenchDraft, corpus: PeerCorpus, workDir: string, timeoutMs: number): Promise<PeerDraftResult & { sources?: number; clones?: number }> {
  const draftDir = join(workDir, draft.name);
  const reportDir = join(workDir, `${draft.name}-report`);
  rmSync(draftDir, { recursive: true, force: true });
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(draftDir, { recursive: true });
  const draftPath = join(draftDir, `${draft.name}.txt`);
  writeFileSync(draftPath, draft.text);
  const run = await runTool(jscpd, [...JSCPD_ARGS, '--output', reportDir, draftDir, ...corpus.paths], { timeoutMs });
  const base = { draft: draft.name, ms: run.wallMs, runsMs: [run.wallMs], peakRssMB: run.peakRssMB, timedOut: run.timedOut };
  let report: JscpdReport;
  try { report = JSON.parse(readFileSync(join(reportDir, 'jscpd-report.json'), 'utf8')) as JscpdReport; } catch {
    const why = run.timedOut ? `timed out after ${(timeoutMs / 1000).toFixed(0)} s` : `no report (exit ${run.exitCode}): ${run.stderr.slice(0, 300)}`;
    return { ...base, error: why, copies: draft.planted.map((p) => outcome(p, false)) };
  }
  const lineStarts = [0];
  for (let i = 0; i < draft.text.length; i++) if (draft.text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (loc: JscpdLocation) => utf16Offset(draft.text, lineStarts, loc);
  const copies = draft.planted.map((p) => outcome(p, report.duplicates.some((d) => {
    const [mine, other] = d.firstFile.name === draftPath ? [d.firstFile, d.secondFile] : d.secondFile.name === draftPath ? [d.secondFile, d.firstFile] : [];
    return !!mine && other!.name === p.copy.sourcePath && covers({ start: offset(mine.startLoc), end: offset(mine.endLoc) }, p.span);
  })));
  return { ...base, copies, sources: report.statistics?.total?.sources, clones: report.statistics?.total?.clones };
}

interface JscpdLocation { line: number; column: number }
interface JscpdFile { name: string; startLoc: JscpdLocation; endLoc: JscpdLocation }
interface JscpdReport {
  duplicates: { firstFile: JscpdFile; secondFile: JscpdFile }[];
  statistics?: { total?: { sources?: number; clones?: number } };
}

/** jscpd's locations are 1-based lines and 0-based byte columns (measured on a file with accents). */
function utf16Offset(text: string, lineStarts: readonly number[], loc: JscpdLocation): number {
  const start = lineStarts[Math.max(0, Math.min(lineStarts.length - 1, loc.line - 1))];
  const end = loc.line < lineStarts.length ? lineStarts[loc.line] : text.length;
  return start + Buffer.from(text.slice(start, end), 'utf8').subarray(0, loc.column).toString('utf8').length;
}

function maxOf(xs: readonly (number | undefined)[]): number | undefined {
  const known = xs.filter((x): x is number => x !== undefined);
  return known.length ? Math.max(...known) : undefined;
}
