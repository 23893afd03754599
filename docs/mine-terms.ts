// Runs the acronym and name extractors over the UNGDC corpus and prints the tables, sizes and timings that
// docs/archive-terms-ungdc.md reports. Not part of the core (it reads files).
//
//   npx esbuild docs/mine-terms.ts --bundle --platform=node --outfile=/tmp/mt.js && node --expose-gc /tmp/mt.js [corpus dir]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { unexpandedAcronyms } from '../server/src/core/acronym-check';
import { acronymAt, mergeAcronyms, type AcronymTable } from '../server/src/core/acronym-table';
import { statementAcronyms, type StatementAcronyms } from '../server/src/core/acronyms';
import { formatDate, mergeMeta, parseManifest } from '../server/src/core/metadata';
import { houseSpelling, spellingMap } from '../server/src/core/spelling';
import { mergeTerms } from '../server/src/core/term-table';
import { statementNameRuns, statementTerms, termAt, type StatementTerms, type TermTable } from '../server/src/core/terms';
import { speakingTime } from '../server/src/core/timing';

// run from the repository root: the corpus is beside it, in ../shared
const DIR = process.argv[2] ?? '../shared/corpora/ungdc';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const heapMB = () => { gc(); gc(); return process.memoryUsage().heapUsed / 2 ** 20; };
// phases are timed in CPU time (user + system) of this process: on a shared machine wall time mostly measures the neighbours
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const ms = (t0: number) => cpu() - t0;

interface Mined { path: string; meta: { date: string }; acronyms: StatementAcronyms; terms: StatementTerms }

function mine(): { mined: Mined[]; readMs: number; acronymMs: number; termMs: number; chars: number } {
  const manifest = parseManifest(readFileSync(join(DIR, 'manifest.tsv'), 'utf8'));
  const mined: Mined[] = [];
  let readMs = 0, acronymMs = 0, termMs = 0, chars = 0;
  for (const [path, fields] of manifest) {
    let t0 = cpu();
    const text = readFileSync(join(DIR, path), 'utf8');
    readMs += ms(t0); chars += text.length;
    t0 = cpu();
    // as the archive-facts extractors run: the acronym extractor finds the name runs, the name extractor reuses them
    const acronyms = statementAcronyms(text, statementNameRuns(text));
    acronymMs += ms(t0); t0 = cpu();
    const terms = statementTerms(text, statementNameRuns(text));
    termMs += ms(t0);
    mined.push({ path, meta: { date: mergeMeta(fields).date }, acronyms, terms });
  }
  return { mined, readMs, acronymMs, termMs, chars };
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
const years = (a: string, b: string) => (a ? `${formatDate(a)}–${formatDate(b)}` : '');

function acronymRows(table: AcronymTable, n: number): string[] {
  const rows = [...table.entries.values()].filter((e) => e.expansions.length)
    .sort((a, b) => b.statements - a.statements).slice(0, n);
  return rows.map((e, i) => {
    const exps = e.expansions.slice(0, 3).map((x) => `${cell(x.text)} (${x.definedIn} defined, ${x.alongsideIn} alongside${x.variants.length ? `; also “${cell(x.variants.join('”, “'))}”` : ''})`);
    return `| ${i + 1} | ${e.acronym} | ${e.statements} | ${years(e.first, e.last)} | ${exps.join('<br>')} |`;
  });
}

function termRows(table: TermTable, n: number, onlyVariants = false): string[] {
  return [...table.entries.values()].filter((e) => !onlyVariants || e.variants.length > 1).slice(0, n).map((e, i) => {
    const variants = e.variants.length > 1 ? e.variants.slice(0, 4).map((v) => `${cell(v.text)} (${v.statements})`).join('<br>') : '';
    return `| ${i + 1} | ${cell(e.text)} | ${e.statements} | ${years(e.first, e.last)} | ${variants} |`;
  });
}

/** A 5,000-word draft made of whole 2015 statements, and lookups at random offsets (a fixed seed: repeatable). */
function hoverLatency(acronyms: AcronymTable, terms: TermTable, mined: Mined[]): string[] {
  const parts: string[] = [];
  let words = 0;
  for (const m of mined.filter((x) => x.path.startsWith('2015/'))) {
    const t = readFileSync(join(DIR, m.path), 'utf8');
    parts.push(t); words += t.split(/\s+/).length;
    if (words >= 5000) break;
  }
  const draft = parts.join('\n\n').split(/(\s+)/).slice(0, 10_000).join('');
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const time = (f: (offset: number) => unknown) => {
    for (let i = 0; i < 2000; i++) f(Math.floor(rand() * draft.length));
    const xs: number[] = [];
    for (let i = 0; i < 20_000; i++) { const o = Math.floor(rand() * draft.length); const t0 = performance.now(); f(o); xs.push(performance.now() - t0); }
    xs.sort((a, b) => a - b);
    return `p50 ${xs[10_000].toFixed(3)} ms, p99 ${xs[19_800].toFixed(3)} ms, max ${xs[19_999].toFixed(2)} ms`;
  };
  const once = (f: () => unknown) => { f(); const xs = [0, 0, 0, 0, 0].map(() => { const t0 = cpu(); f(); return ms(t0); }).sort((a, b) => a - b); return `${xs[2].toFixed(1)} ms`; };
  return [
    `draft: ${draft.split(/\s+/).filter(Boolean).length} words (${parts.length} statements of 2015)`,
    `acronymAt + termAt at 20,000 random offsets: ${time((o) => { acronymAt(draft, o, acronyms); termAt(draft, o, terms); })}`,
    `acronymAt alone: ${time((o) => acronymAt(draft, o, acronyms))}`,
    `termAt alone: ${time((o) => termAt(draft, o, terms))}`,
    `whole-draft checks (median of 5): unexpandedAcronyms ${once(() => unexpandedAcronyms(draft, acronyms))}, houseSpelling ${once(() => houseSpelling(draft, 'oxford'))}, speakingTime ${once(() => speakingTime(draft))}`,
  ];
}

function main(): void {
  let heap0 = heapMB();
  const s0 = cpu();
  const sizes = (['british', 'oxford', 'american'] as const).map((m) => spellingMap(m).size);
  const spelling = `spelling maps (first use, all three modes): ${ms(s0).toFixed(1)} ms, ${sizes.join(' / ')} entries, heap ${(heapMB() - heap0).toFixed(1)} MB`;
  heap0 = heapMB();
  let t0 = cpu();
  const { mined, readMs, acronymMs, termMs, chars } = mine();
  const totalMs = ms(t0);
  const heapMined = heapMB();
  t0 = cpu();
  const acronyms = mergeAcronyms(mined.map((m) => ({ meta: m.meta, ...m.acronyms })));
  const acrMergeMs = ms(t0); t0 = cpu();
  const terms = mergeTerms(mined.map((m) => ({ meta: m.meta, terms: m.terms })));
  const termMergeMs = ms(t0);
  const heapTables = heapMB();
  const withExpansion = [...acronyms.entries.values()].filter((e) => e.expansions.length).length;
  const conflicting = [...acronyms.entries.values()].filter((e) => e.expansions.length > 1).length;
  const multiVariant = [...terms.entries.values()].filter((e) => e.variants.length > 1).length;
  const out = [
    `statements: ${mined.length}, ${(chars / 2 ** 20).toFixed(0)} MiB of text; phases in CPU ms, lookups in wall ms; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
    `extraction: ${(totalMs / 1000).toFixed(1)} s in all (reading ${(readMs / 1000).toFixed(1)} s, name runs + acronyms ${(acronymMs / 1000).toFixed(1)} s, names ${(termMs / 1000).toFixed(1)} s)`,
    `merge (= rebuild after one statement changed): acronyms ${acrMergeMs.toFixed(0)} ms, names ${termMergeMs.toFixed(0)} ms`,
    `per-statement results kept: ${mined.reduce((n, m) => n + m.acronyms.definitions.length, 0)} definitions, ${mined.reduce((n, m) => n + m.acronyms.used.length, 0)} acronym uses, ${mined.reduce((n, m) => n + m.terms.names.split('\n').length, 0)} distinct names per statement; heap ${(heapMined - heap0).toFixed(0)} MB`,
    `acronym table: ${acronyms.entries.size} acronyms (${withExpansion} with an expansion, ${conflicting} with more than one)`,
    `name table: ${terms.entries.size} names (${multiVariant} with spelling variants), longest ${terms.maxWords - 2} words`,
    `both tables: heap ${(heapTables - heapMined).toFixed(0)} MB`,
    spelling,
    ...hoverLatency(acronyms, terms, mined),
    '', '| # | Acronym | Statements using it | First–last | Expansions (statements) |', '|---|---|---|---|---|', ...acronymRows(acronyms, 30),
    '', '| # | Name | Statements | First–last | Spelling variants (statements) |', '|---|---|---|---|---|', ...termRows(terms, 30),
    '', '| # | Name with variants | Statements | First–last | Spelling variants (statements) |', '|---|---|---|---|---|', ...termRows(terms, 30, true),
  ];
  console.log(out.join('\n'));
}

main();
