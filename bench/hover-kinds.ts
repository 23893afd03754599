// Hover latency for each kind of hover (reused passage, acronym, archive name, section timing) on the benchmark's
// drafts, through the server's own hover chain (lsp/draft-hover.ts) with the archive's acronym and name tables mined
// as the server mines them (node/archive-facts.ts, on a worker thread); and the speechwriter's checks
// (acronym.unexpanded, spelling.house, timing.over) on the same drafts, each run reading the whole draft afresh.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { acronymUses } from '../server/src/core/acronyms';
import { draftChecks } from '../server/src/core/draft-checks';
import { EMPTY_GLOSSARY } from '../server/src/core/glossary';
import { createLecternService, type StatementReader } from '../server/src/core/service';
import { nameRuns, termAt } from '../server/src/core/terms';
import type { CorpusIndex } from '../server/src/core/corpus-index';
import { draftHover, type DraftHoverContext } from '../server/src/lsp/draft-hover';
import { SpeakingTimes } from '../server/src/lsp/speaking-time';
import { runFactsJob, type FactsResult } from '../server/src/node/archive-facts';
import type { CorpusSpec } from '../server/src/node/statement-files';
import type { ArchiveTables } from '../server/src/core/archive-extractors';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings';
import type { BenchDraft } from './drafts';
import type { ServerChecks } from './lectern-checks';
import { latency, sample, type Latency } from './stats';

export const HOVER_KINDS = ['reuse', 'acronym', 'name', 'section'] as const;
export type HoverKind = (typeof HOVER_KINDS)[number];

export interface HoverKindsResult {
  /** One cold run of the archive facts (every extractor) on a worker thread; `mergeMs` is all tables' merge on it. */
  readonly tables: { readonly ms: number; readonly extractMs: number; readonly mergeMs: number; readonly statements: number; readonly acronyms: number; readonly names: number };
  /** Per kind, over every draft: hovers at this many places per draft, each asked `repeats` times. */
  readonly hovers: readonly { readonly kind: HoverKind; readonly places: number; readonly answered: number; readonly latency: Latency; readonly cpu: Latency }[];
  /** The three checks together on each draft read afresh, as a draft's first check runs them (house spelling: Oxford). */
  readonly draftChecks: readonly { readonly draft: string; readonly words: number; readonly findings: number; readonly latency: Latency; readonly byCheck: Readonly<Record<'acronym.unexpanded' | 'spelling.house' | 'timing.over', Latency>> }[];
}

/**
 * The speechwriter's checks as lsp/server.ts passes them on every keystroke with the default settings, the archive's
 * tables as the server mines them, and house spelling on (British) so that check runs too; on the draft with a title,
 * a target and section headings (it runs over its target, so timing.over reports).
 */
export function serverChecks(tables: ArchiveTables): ServerChecks {
  const s = DEFAULT_SETTINGS;
  return {
    options: { minWords: s.reuse.minWords, severity: s.diagnostics.severity, draft: { tables, glossary: EMPTY_GLOSSARY, noExpansion: s.acronyms.noExpansion, houseSpelling: 'british', wordsPerMinute: s.timing.wordsPerMinute } },
    text: (d) => withSections(d.text),
  };
}

const PLACES = 40;
const REPEATS = 25;
const CHECK_RUNS = 50;

/** A title with a target and a heading every few paragraphs, so that the draft has sections to hover. */
export function withSections(text: string): string {
  const paras = text.split(/\n\s*\n/);
  return [`# Draft statement ~30 minutes`, ...paras.map((p, i) => (i % 6 === 0 ? `## Part ${i / 6 + 1}\n\n${p}` : p))].join('\n\n');
}

/** Up to `n` places spread over the list. */
const spread = <T>(xs: readonly T[], n: number): T[] => (xs.length <= n ? [...xs] : Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]));

/** The archive facts of the indexed statements, mined as the server mines them (a worker thread, no cache), timed. */
export async function mineFacts(index: CorpusIndex, spec: CorpusSpec, workerScript: string, cacheDir?: string): Promise<{ facts: FactsResult; ms: number }> {
  const t0 = performance.now();
  const facts = await runFactsJob({ spec, ...(cacheDir ? { cacheDir } : {}), statements: index.statements.map((s) => ({ path: s.path, meta: s.meta })) }, workerScript);
  return { facts, ms: performance.now() - t0 };
}

export async function measureHoverKinds(index: CorpusIndex, mined: { facts: FactsResult; ms: number }, reader: StatementReader, drafts: readonly BenchDraft[]): Promise<HoverKindsResult> {
  const { facts, ms: tableMs } = mined;
  const tables = facts.tables;
  const service = createLecternService({ index, reader });
  const samples = new Map<HoverKind, { places: number; answered: number; ms: number[]; cpuMs: number[] }>(HOVER_KINDS.map((k) => [k, { places: 0, answered: 0, ms: [], cpuMs: [] }]));
  const checks: HoverKindsResult['draftChecks'][number][] = [];
  for (const d of drafts) {
    const text = withSections(d.text);
    const doc = TextDocument.create(`file:///bench/${d.name}.statement`, 'statement', 1, text);
    const options = { draft: { tables, houseSpelling: 'oxford' as const } };
    const ctx: DraftHoverContext = { service, options, tables, glossary: EMPTY_GLOSSARY, times: new SpeakingTimes(), wordsPerMinute: 120, sourceDoc: () => undefined };
    // what the server has done before the writer hovers: the check after the last keystroke
    const { findings } = service.check({ text, key: doc.uri }, options);
    const mid = (s: { start: number; end: number }) => Math.floor((s.start + s.end) / 2);
    const places: Record<HoverKind, number[]> = {
      reuse: findings.filter((f) => f.code.startsWith('reuse.')).map((f) => mid(f.span)),
      acronym: acronymUses(text).filter((u) => tables.acronyms.entries.has(u.acronym)).map((u) => mid(u.span)),
      name: nameRuns(text).map((r) => mid(r.span)).filter((o) => termAt(text, o, tables.terms)),
      section: [...text.matchAll(/^#+ .*$/gm)].map((m) => m.index! + 3),
    };
    for (const kind of HOVER_KINDS) {
      const s = samples.get(kind)!;
      for (const offset of spread(places[kind], PLACES)) {
        s.places++;
        const h = draftHover(doc, offset, ctx);
        const value = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
        if (HOVER_HEADINGS[kind].test(value)) s.answered++;
        for (let r = 0; r < REPEATS; r++) {
          // wall time, and this thread's CPU time: on a loaded 2-core machine the difference is time spent descheduled
          const c0 = process.cpuUsage(), t0 = performance.now();
          draftHover(doc, offset, ctx);
          const t1 = performance.now(), c1 = process.cpuUsage(c0);
          s.ms.push(t1 - t0); s.cpuMs.push((c1.user + c1.system) / 1000);
        }
      }
    }
    const all = sample(CHECK_RUNS, () => draftChecks(text, options.draft, {}));
    const only = (code: 'acronym.unexpanded' | 'spelling.house' | 'timing.over') => {
      const severity = { 'acronym.unexpanded': 'off', 'spelling.house': 'off', 'timing.over': 'off', [code]: 'warning' } as const;
      return latency(sample(CHECK_RUNS, () => draftChecks(text, options.draft, severity)));
    };
    const byCheck = { 'acronym.unexpanded': only('acronym.unexpanded'), 'spelling.house': only('spelling.house'), 'timing.over': only('timing.over') };
    checks.push({ draft: d.name, words: d.words, findings: draftChecks(text, options.draft, {}).length, latency: latency(all), byCheck });
  }
  return {
    tables: { ms: tableMs, extractMs: facts.extractMillis, mergeMs: facts.mergeMillis, statements: facts.statements, acronyms: tables.acronyms.entries.size, names: tables.terms.entries.size },
    hovers: HOVER_KINDS.map((kind) => { const s = samples.get(kind)!; return { kind, places: s.places, answered: s.answered, latency: latency(s.ms), cpu: latency(s.cpuMs) }; }),
    draftChecks: checks,
  };
}

/** What each kind's hover starts with (a hover of another kind at the place does not count as answered). */
const HOVER_HEADINGS: Record<HoverKind, RegExp> = {
  reuse: /^\*\*Lectern · (Reused|Common|Repeated)/, acronym: /^\*\*Lectern · [^*]+\*\*( — |\n)/, name: /^\*\*Lectern · [^*]+\*\*\n\nUsed in/, section: /^\*\*Lectern · Speaking time/,
};

export function hoverKindsMarkdown(r: HoverKindsResult): string[] {
  const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : 2)} ms`;
  return [
    '## Hover of each kind, and the speechwriter’s checks', '',
    `Archive facts mined from ${r.tables.statements} statements as the server mines them (one worker thread, no cache) in ${(r.tables.ms / 1000).toFixed(1)} s (extraction ${(r.tables.extractMs / 1000).toFixed(1)} s, merging every table ${(r.tables.mergeMs / 1000).toFixed(1)} s): ${r.tables.acronyms} acronyms, ${r.tables.names} names. Hovers go through the server's hover chain (\`lsp/draft-hover.ts\`: reuse, then acronym or name, then section timing) after the draft's check, as in the editor; ${REPEATS} hovers at each place. The drafts get a title with a target and a heading every six paragraphs.`, '',
    '| hover on | places | answered with that kind | median | p99 | max | CPU time p99 (process) | target p99 |', '|---|---|---|---|---|---|---|---|',
    ...r.hovers.map((h) => `| ${h.kind} | ${h.places} | ${h.answered} | ${ms(h.latency.median)} | ${ms(h.latency.p99)} | ${ms(h.latency.max)} | ${ms(h.cpu.p99)} | ≤ 5 ms ${h.latency.p99 <= 5 ? '✔' : '✘'} |`),
    '', `acronym.unexpanded + spelling.house (Oxford) + timing.over on the whole draft read afresh (no memo of an earlier check: a draft's first check; after a keystroke only the changed chunk is read again, see the server's keystroke figures), ${CHECK_RUNS} runs:`, '',
    '| draft | words | findings | all three: median | p99 | acronym.unexpanded median | spelling.house median | timing.over median |', '|---|---|---|---|---|---|---|---|',
    ...r.draftChecks.map((c) => `| ${c.draft} | ${c.words} | ${c.findings} | ${ms(c.latency.median)} | ${ms(c.latency.p99)} | ${ms(c.byCheck['acronym.unexpanded'].median)} | ${ms(c.byCheck['spelling.house'].median)} | ${ms(c.byCheck['timing.over'].median)} |`), '',
  ];
}
