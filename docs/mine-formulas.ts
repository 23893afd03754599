// Mines the openings and closings of a statement archive (UNGDC by default) with the core's
// formulas.ts, times the mining and the completion, and writes docs/mined-formulas-ungdc.md.
// Not part of the core (it reads files); run it from the repository root:
//
//   npx esbuild docs/mine-formulas.ts --bundle --platform=node --outfile=/tmp/mine.js && node /tmp/mine.js [CORPUS_DIR] [OUT.md]
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { completeFormulas, extractFormulas, mergeFormulas, type Formula, type FormulaSet, type StatementFormulas } from '../server/src/core/formulas';
import { mergeMeta, parseManifest } from '../server/src/core/metadata';
import type { StatementMeta } from '../server/src/core/types';

// (relative to the working directory: the bundle runs from /tmp)
const CORPUS = process.argv[2] ?? '../shared/corpora/ungdc';
const OUT = process.argv[3] ?? 'docs/mined-formulas-ungdc.md';
const TOP = 20;

interface Mined { path: string; meta: StatementMeta; formulas: StatementFormulas; text: string }

function mine(): { statements: Mined[]; readMs: number; extractMs: number } {
  const manifest = parseManifest(readFileSync(join(CORPUS, 'manifest.tsv'), 'utf8'));
  const statements: Mined[] = [];
  let readMs = 0, extractMs = 0;
  for (const [path, fields] of manifest) {
    let t = performance.now();
    const text = readFileSync(join(CORPUS, path), 'utf8');
    readMs += performance.now() - t;
    const meta = mergeMeta(fields);
    t = performance.now();
    statements.push({ path, meta, formulas: extractFormulas(text, meta), text });
    extractMs += performance.now() - t;
  }
  return { statements, readMs, extractMs };
}

/** A 5,000-word draft: a title, then paragraphs of real statements until the word count is reached. */
function draftOf(statements: readonly Mined[]): string {
  const paragraphs: string[] = [];
  let words = 0;
  for (const s of statements.slice(-40)) {
    for (const p of s.text.split(/\n+/).map((l) => l.trim()).filter((l) => l.split(' ').length > 8)) {
      paragraphs.push(p);
      words += p.split(/\s+/).length;
      if (words >= 5000) return `# Statement to the General Assembly\n\n${paragraphs.join('\n\n')}\n`;
    }
  }
  return `# Statement to the General Assembly\n\n${paragraphs.join('\n\n')}\n`;
}

/** Completion latency at many places in the draft: line starts, mid-line, and after a trigger word. */
interface Latency { p50: number; p99: number; max: number; calls: number; lineP99: number }

function latency(set: FormulaSet, draft: string): Latency {
  const lineStarts = [...draft.matchAll(/\n\n/g)].map((m) => m.index! + 2);
  let seed = 42;
  const random = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const times: number[] = [];
  const lineTimes: number[] = [];
  for (let i = 0; i < 3000; i++) {
    let text = draft, offset: number;
    const mode = i % 3;
    if (mode === 0) {
      // an empty line where the writer is about to type
      const at = lineStarts[random(lineStarts.length)];
      text = `${draft.slice(0, at)}\n\n${draft.slice(at)}`;
      offset = at + 1;
    } else if (mode === 1) {
      offset = random(draft.length);
    } else {
      const at = lineStarts[random(lineStarts.length)];
      const word = ['closing', 'opening', 'thanks', 'salutation', 'closi'][random(5)];
      text = `${draft.slice(0, at)}${word}\n\n${draft.slice(at)}`;
      offset = at + word.length;
    }
    const t = performance.now();
    completeFormulas(set, text, offset);
    const ms = performance.now() - t;
    // the first calls warm the JIT up
    if (i < 100) continue;
    times.push(ms);
    if (mode === 0) lineTimes.push(ms);
  }
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: percentile(times, 1), calls: times.length, lineP99: percentile(lineTimes, 0.99) };
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** A table cell: `|` would end it (GFM reads `\|` as a literal bar, even inside code). */
const cell = (s: string) => s.replace(/\|/g, '\\|');

function table(formulas: readonly Formula[]): string[] {
  const rows = ['| # | statements | latest | kind | formula (snippet) | placeholders |', '|---:|---:|---|---|---|---|'];
  formulas.slice(0, TOP).forEach((f, i) => {
    rows.push(`| ${i + 1} | ${f.count} | ${f.lastDate} | ${f.kind} | \`${cell(f.snippet)}\` | ${cell(f.placeholders.join('; ')) || '—'} |`);
  });
  return rows;
}

function years(statements: readonly Mined[]): string {
  const dates = statements.map((s) => s.meta.date.slice(0, 4)).filter(Boolean).sort();
  return `${dates[0]}–${dates[dates.length - 1]}`;
}

function main(): void {
  const t0 = performance.now();
  const { statements, readMs, extractMs } = mine();
  const t1 = performance.now();
  const set = mergeFormulas(statements);
  const mergeMs = performance.now() - t1;
  const openings = [...set.byKind.salutation, ...set.byKind.thanks, ...set.byKind.opening].sort((a, b) => b.count - a.count || (a.lastDate < b.lastDate ? 1 : -1));
  const draft = draftOf(statements);
  const lat = latency(set, draft);
  const candidates = statements.reduce((n, s) => n + s.formulas.candidates.length, 0);
  const doc = [
    '# Formulas mined from UNGDC',
    '',
    `Generated by \`docs/mine-formulas.ts\` from the ${statements.length.toLocaleString('en')} statements of the UN General Debate corpus`,
    `(${years(statements)}, \`../shared/corpora/ungdc\`), with the same core code the server runs (\`server/src/core/formulas.ts\`).`,
    'Counts are statements, not occurrences; "latest" is the most recent session year that used the formula.',
    'A snippet ending in `$0` is a formula whose users go on differently: the writer continues from there.',
    '',
    '## Top 20 openings (salutations, thanks, openings)',
    '',
    ...table(openings),
    '',
    '## Top 20 closings',
    '',
    ...table(set.byKind.closing),
    '',
    '## Reading the lists',
    '',
    '- Salutations: `Mr. President,` dominates (every General Debate speaker addresses the President); the title is a placeholder, so',
    '  `Madam President,`, `Mr. Chairman,` and `Sir,` count with it. Longer lines (`Excellencies, Heads of State and Government,`) follow.',
    '- Openings are the protocol formulas of the General Debate: speaking on behalf of a Government or people, congratulating the',
    '  President on the election (with the President\'s name as a `person` placeholder), the honour or pleasure to address the Assembly.',
    '  Most end in `$0`: after `I would like to congratulate you, Mr. President,` speakers go on in many ways, and the formula stops there.',
    '- Thanks (in the full set, not all in the top 20): to the outgoing President and to the Secretary-General, by name.',
    '- Closings: `In conclusion,`, `In closing,`, `To conclude,` as formula starts; `I thank you.`, `Thank you for your attention.`,',
    '  `Long live ...`, `May God bless ...` as whole sentences.',
    '',
    'How the list was tuned (each step looked at this file): a formula must contain its cue (congratulate, thank, honour, behalf,',
    'conclusion, ...), not only a frame (`At the outset,` or `Finally,` alone were top entries at first); it may end only at a comma,',
    'after "you", or after a placeholder that is an object (`I congratulate Mr. X`), never after a placeholder that starts a clause',
    '(`In conclusion, Burkina Faso` was a top closing) or before a possessive (`reaffirm Zimbabwe’`); words such as "delegates",',
    '"Heads of State and Government" and "Majesties" are protocol, not names; "the Malian delegation" and "the Argentine people" are',
    'country placeholders; "should" and "would" count as one word. Known limits: the list reflects the General Debate (one body, one',
    'kind of speech); amounts and numbers other than ordinals, dates and years stay literal; names in capitals (`MR. PRESIDENT OF THE',
    'GENERAL ASSEMBLY`) are read as names.',
    '',
    '## Figures',
    '',
    '| what | figure |',
    '|---|---|',
    `| statements mined | ${statements.length.toLocaleString('en')} (${candidates.toLocaleString('en')} formula sentences kept) |`,
    `| extraction (\`extractFormulas\`, all statements, one core) | ${(extractMs / 1000).toFixed(2)} s (${(extractMs / statements.length).toFixed(2)} ms per statement) |`,
    `| merge (\`mergeFormulas\`) | ${(mergeMs / 1000).toFixed(2)} s |`,
    `| reading the files (not part of mining) | ${(readMs / 1000).toFixed(2)} s |`,
    `| formulas kept | ${set.formulas.length} (${Object.entries(set.byKind).map(([k, v]) => `${v.length} ${k}`).join(', ')}) |`,
    `| completion latency, ${lat.calls} calls in a ${draft.split(/\s+/).length.toLocaleString('en')}-word draft | p50 ${lat.p50.toFixed(2)} ms, **p99 ${lat.p99.toFixed(2)} ms**, max ${lat.max.toFixed(2)} ms |`,
    `| the same, only the calls on an empty line (the slowest case: the draft's blocks are read) | p99 ${lat.lineP99.toFixed(2)} ms |`,
    '',
    `Measured on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the end`,
    `${loadavg()[0] > cpus().length ? '(other work was running on the machine)' : '(a quiet machine)'}. Completion calls: a third on a fresh empty line`,
    'at a random paragraph break, a third at a random offset, a third after a typed trigger word (`closing`, `opening`, `thanks`,',
    '`salutation`, `closi`); the draft is the text of recent statements as blank-line paragraphs under a title.',
    '',
  ].join('\n');
  writeFileSync(OUT, doc);
  console.log(doc);
  console.error(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main();
