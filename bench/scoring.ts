// When a tool has found a planted copy. The same rule for every tool: what it reports must cover at
// least half of the copy in the draft and name the statement the copy was taken from.
import type { Finding, Span } from '../server/src/core/types';
import { COPY_KINDS, type BenchDraft, type CopyKind, type PlantedCopy } from './drafts';

export interface CopyOutcome {
  readonly copy: number;
  readonly kind: CopyKind;
  readonly variant: string;
  readonly found: boolean;
  /** What the tool called it, when it has a name for it (Lectern's finding code). */
  readonly as?: string;
}

export type Tally = Record<CopyKind, { found: number; planted: number }>;

export function covers(reported: Span, planted: Span): boolean {
  const shared = Math.min(reported.end, planted.end) - Math.max(reported.start, planted.start);
  return shared * 2 >= planted.end - planted.start;
}

/** A planted copy is found by a reuse.verbatim or reuse.edited finding that names its source. */
export function lecternOutcomes(draft: BenchDraft, findings: readonly Finding[]): CopyOutcome[] {
  return draft.planted.map((p) => {
    const hit = findings.find((f) => (f.code === 'reuse.verbatim' || f.code === 'reuse.edited') && covers(f.span, p.span) && f.sources.some((s) => s.path === p.copy.sourcePath));
    const near = hit ? undefined : findings.find((f) => covers(f.span, p.span));
    return outcome(p, !!hit, hit?.code ?? (near ? `missed; covered by ${near.code}${near.sources.length ? ` from ${near.sources.map((s) => s.path).join(', ')}` : ''}` : 'missed; no finding'));
  });
}

export function outcome(p: PlantedCopy, found: boolean, as?: string): CopyOutcome {
  return { copy: p.copy.id, kind: p.copy.kind, variant: p.copy.variant, found, ...(as ? { as } : {}) };
}

export function tally(outcomes: readonly CopyOutcome[]): Tally {
  const t = Object.fromEntries(COPY_KINDS.map((k) => [k, { found: 0, planted: 0 }])) as Tally;
  for (const o of outcomes) { t[o.kind].planted++; if (o.found) t[o.kind].found++; }
  return t;
}

export function formatTally(t: Tally): string {
  return COPY_KINDS.map((k) => `${k} ${t[k].found}/${t[k].planted}`).join(', ');
}
