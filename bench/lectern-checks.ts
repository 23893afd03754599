// Lectern on one draft, as an editor drives it: the first check of a draft (no source statement
// read back yet), repeated full checks, a re-check after one typed character, and a hover over a
// planted copy. Drafts with a `key` take the service's incremental path, as the language server
// calls it (the document URI is the key); drafts without one are checked in full.
import { createLecternService, type CheckOptions, type LecternService, type ServiceInit } from '../server/src/core/service';
import type { Finding, FindingCode, Span } from '../server/src/core/types';
import type { BenchDraft } from './drafts';
import { lecternOutcomes, type CopyOutcome } from './scoring';
import { getHeapStatistics } from 'node:v8';
import { latency, sample, settle, type Latency } from './stats';

export interface CheckPlan {
  warmup: number;
  runs: number;
  /** Keystrokes typed and then deleted again: 2 × this many timed re-checks per place. */
  keystrokes: number;
  hovers: number;
}

export interface KeystrokeTimings {
  /** Where the character was typed. */
  readonly where: string;
  /** Re-check through the service's incremental path (a keyed draft, as the server does). */
  readonly incremental: Latency;
  /**
   * The same re-checks' CPU time, of the whole process: V8's compiler and garbage-collector threads count too, so it
   * can exceed wall time (measured: p99 4-18 ms against wall 1-12 ms); wall time far above it is time descheduled.
   */
  readonly incrementalCpu: Latency;
  /** Re-checks over 2 ms, and how many of them a garbage collection ran during (V8's used heap shrank across it). */
  readonly slow?: { readonly count: number; readonly duringGc: number; readonly samples: number };
  /** The same edit checked from scratch (no key). */
  readonly full: Latency;
  /** Findings of the incremental re-check that differ from a full check of the same text. */
  readonly differences: readonly string[];
}

export interface DraftResult {
  readonly draft: string;
  readonly words: number;
  /** A new service per draft: its first check reads every matched source statement from disk. */
  readonly firstCheckMs: number;
  /** Statements the first check read back, and how many of them its findings name. */
  readonly statementsRead: number;
  readonly statementsNamed: number;
  readonly full: Latency;
  readonly keystrokes: readonly KeystrokeTimings[];
  /** The same places with the language server's whole per-keystroke work (see `ServerChecks`), when asked for. */
  readonly serverKeystrokes?: readonly KeystrokeTimings[];
  readonly hover: { readonly keyed: Latency; readonly unkeyed: Latency; readonly answered: boolean };
  readonly findings: Readonly<Record<FindingCode, number>>;
  readonly copies: readonly CopyOutcome[];
}

export type Indexed = ServiceInit['index'];

/**
 * What lsp/server.ts does for a keystroke besides the reuse re-check: the speechwriter's checks (`options.draft`:
 * the archive's acronym table as the server mines it, house spelling, speaking time) on the draft as the editor
 * holds it (`text`: the bench draft with a title, a target and section headings).
 */
export interface ServerChecks {
  readonly options: Partial<CheckOptions>;
  readonly text: (draft: BenchDraft) => string;
}

/**
 * The server's work after one keystroke (lsp/server.ts validate): the check with the speechwriter's checks, which
 * also gives the new version's speaking time (the server keeps it for the status bar, lenses and hovers).
 */
export function serverCheck(service: LecternService, text: string, key: string | undefined, options: Partial<CheckOptions>): Finding[] {
  const r = service.check({ text, key }, options);
  if (!r.speakingTime) throw new Error('the check gave no speaking time');
  return [...r.findings];
}

export function checkDraft(index: Indexed, readText: (path: string) => string | undefined, draft: BenchDraft, plan: CheckPlan, server?: ServerChecks): DraftResult {
  let statementsRead = 0;
  const service = createLecternService({ index, reader: { readText: (path) => { statementsRead++; return readText(path); } } });
  const text = draft.text;
  const t0 = performance.now();
  const first = service.check({ text }).findings;
  const firstCheckMs = performance.now() - t0;
  const firstReads = statementsRead;
  const statementsNamed = new Set(first.flatMap((f) => f.sources.map((s) => s.path))).size;
  sample(plan.warmup, () => service.check({ text }));
  settle();
  const full = latency(sample(plan.runs, () => service.check({ text })));

  const keystrokes = keystrokePlaces(draft).map(({ where, offset }) => typeAt(service, draft.name, text, where, offset, plan));
  const serverText = server?.text(draft);
  const serverKeystrokes = server && serverText !== undefined
    ? keystrokePlaces(draft).map(({ where, offset }) => typeAt(service, `${draft.name}:server`, serverText, where, moveOffset(text, serverText, offset), plan, server.options))
    : undefined;

  const target = draft.planted.find((p) => p.copy.kind === 'verbatim') ?? draft.planted[0];
  const at = Math.floor((target.span.start + target.span.end) / 2);
  const key = `bench:${draft.name}:hover`;
  service.check({ text, key });
  sample(plan.warmup, () => service.hover({ text, key }, at));
  settle();
  let answered = true;
  const keyed = latency(sample(plan.hovers, () => {
    const h = service.hover({ text, key }, at);
    answered &&= !!h?.finding.sources.some((s) => s.path === target.copy.sourcePath);
  }));
  const unkeyed = latency(sample(Math.max(5, plan.hovers / 2), () => service.hover({ text }, at)));

  const findings = { 'reuse.verbatim': 0, 'reuse.edited': 0, 'reuse.common': 0, 'reuse.internal': 0, 'acronym.unexpanded': 0, 'spelling.house': 0, 'timing.over': 0 };
  for (const f of first) findings[f.code]++;
  return { draft: draft.name, words: draft.words, firstCheckMs, statementsRead: firstReads, statementsNamed, full, keystrokes, ...(serverKeystrokes ? { serverKeystrokes } : {}), hover: { keyed, unkeyed, answered }, findings, copies: lecternOutcomes(draft, first) };
}

/** The middle of the draft's own paragraph nearest its middle, and the middle of a verbatim copy. */
function keystrokePlaces(draft: BenchDraft): { where: string; offset: number }[] {
  const mid = (s: Span) => Math.floor((s.start + s.end) / 2);
  const own: Span[] = [];
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  for (let m; (m = re.exec(draft.text));) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!draft.planted.some((p) => p.span.start < span.end && span.start < p.span.end)) own.push(span);
  }
  const middle = draft.text.length / 2;
  const ownPara = own.reduce((a, b) => (Math.abs(mid(b) - middle) < Math.abs(mid(a) - middle) ? b : a));
  const copy = draft.planted.find((p) => p.copy.kind === 'verbatim') ?? draft.planted[0];
  return [{ where: 'own paragraph', offset: mid(ownPara) }, { where: 'inside a verbatim copy', offset: mid(copy.span) }];
}

/** `offset` in `from` at the same place in `to`, which holds the same line (with headings added around it). */
function moveOffset(from: string, to: string, offset: number): number {
  const lineStart = from.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = from.indexOf('\n', offset);
  const line = from.slice(lineStart, lineEnd < 0 ? from.length : lineEnd);
  const at = to.indexOf(line);
  if (at < 0) throw new Error('the bench draft with sections lost a line');
  return at + offset - lineStart;
}

/**
 * Types one character and deletes it again, `plan.keystrokes` times; every change is one timed re-check. With
 * `options` (the speechwriter's checks) each re-check is the server's whole work for a keystroke (`serverCheck`).
 */
function typeAt(service: LecternService, name: string, base: string, where: string, offset: number, plan: CheckPlan, options?: Partial<CheckOptions>): KeystrokeTimings {
  const typed = base.slice(0, offset) + 'x' + base.slice(offset);
  const key = `bench:${name}:${where}`;
  const run = (text: string, k?: string) => (options ? serverCheck(service, text, k, options) : service.check({ text, key: k }).findings);
  const keystroke = (i: number) => run(i % 2 === 0 ? typed : base, key);
  run(base, key);
  sample(2 * plan.warmup, keystroke);
  settle();
  const wall: number[] = [], cpu: number[] = [];
  let slow = 0, duringGc = 0;
  for (let i = 0; i < 2 * plan.keystrokes; i++) {
    const h0 = getHeapStatistics().used_heap_size;
    const c0 = process.cpuUsage(), t0 = performance.now();
    keystroke(i);
    const t1 = performance.now(), c1 = process.cpuUsage(c0);
    wall.push(t1 - t0); cpu.push((c1.user + c1.system) / 1000);
    if (t1 - t0 > 2) { slow++; if (getHeapStatistics().used_heap_size < h0) duringGc++; }
  }
  const incremental = latency(wall), incrementalCpu = latency(cpu);
  settle();
  const full = latency(sample(plan.keystrokes, () => run(typed)));
  // one more keystroke, compared with a check from scratch of the same text
  run(base, key);
  const viaEdit = run(typed, key).map(describe);
  const fromScratch = run(typed).map(describe);
  const differences = [
    ...viaEdit.filter((f) => !fromScratch.includes(f)).map((f) => `only after the edit: ${f}`),
    ...fromScratch.filter((f) => !viaEdit.includes(f)).map((f) => `only from scratch: ${f}`),
  ];
  return { where, incremental, incrementalCpu, slow: { count: slow, duringGc, samples: wall.length }, full, differences };
}

function describe(f: Finding): string {
  const sources = f.sources.map((s) => `${s.path.split('/').slice(-2).join('/')}@${s.span.start}-${s.span.end}~${s.similarity.toFixed(2)}`);
  return `${f.code} ${f.span.start}-${f.span.end}${sources.length ? ` ${sources.join(' ')}` : ''}`;
}

/** Full checks only, e.g. against the corpus as the language server holds it (one layer per index worker). */
export function fullChecks(index: Indexed, readText: (path: string) => string | undefined, draft: BenchDraft, plan: CheckPlan): Latency {
  const service = createLecternService({ index, reader: { readText } });
  sample(1 + plan.warmup, () => service.check({ text: draft.text }));
  settle();
  return latency(sample(plan.runs, () => service.check({ text: draft.text })));
}
