// A quick benchmark of the work after one keystroke only (`node out/bench/keystroke.js`, a minute or two): the
// reuse re-check as bench/run.ts measures it, and beside it the language server's whole per-keystroke work with the
// speechwriter's checks (bench/lectern-checks.ts ServerChecks), on the first LECTERN_KEYSTROKE_DRAFTS (3) of the
// benchmark's drafts, each with its 100 full checks as bench/run.ts times them, and then the first draft once more.
// The archive's tables are mined once and kept in bench/tmp/keystroke-facts.
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCorpus } from '../server/src/node/load-corpus';
import { benchDrafts, chooseCorpus, heldOutPaths, readText, spec } from './bench-corpus';
import { mineFacts, serverChecks } from './hover-kinds';
import { createLecternService } from '../server/src/core/service';
import { checkDraft, serverCheck, type KeystrokeTimings } from './lectern-checks';
import { profile } from './profile';

const repoRoot = resolve(__dirname, '../..');

interface HeapNode { callFrame: { functionName: string; lineNumber: number }; selfSize: number; children: HeapNode[] }
const DRAFTS = Number(process.env.LECTERN_KEYSTROKE_DRAFTS ?? 3);
const KEYSTROKES = Number(process.env.LECTERN_KEYSTROKES ?? 50);

async function main(): Promise<void> {
  const corpus = chooseCorpus(repoRoot);
  const heldOut = await heldOutPaths(corpus);
  const loaded = await loadCorpus(spec(corpus.folder, corpus.heldOut));
  const { facts } = await mineFacts(loaded.index, spec(corpus.folder, corpus.heldOut), join(repoRoot, 'dist/archive-facts-worker.js'), join(repoRoot, 'bench/tmp/keystroke-facts'));
  const { drafts } = benchDrafts(corpus, loaded.index, heldOut);
  console.log(`load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${corpus.label}; ${facts.tables.acronyms.entries.size} acronyms`);
  const fmt = (k: KeystrokeTimings) => `${k.where}: median ${k.incremental.median.toFixed(3)} p99 ${k.incremental.p99.toFixed(3)} max ${k.incremental.max.toFixed(2)} ms (CPU median ${k.incrementalCpu.median.toFixed(3)} p99 ${k.incrementalCpu.p99.toFixed(3)}) (full p99 ${k.full.p99.toFixed(2)})${k.differences.length ? ` DIFFERENCES ${k.differences.length}: ${k.differences.slice(0, 3).join(' | ')}` : ''}`;
  for (const d of drafts.slice(0, DRAFTS)) {
    const r = checkDraft(loaded.index, readText, d, { warmup: 5, runs: 100, keystrokes: KEYSTROKES, hovers: 5 }, serverChecks(facts.tables));
    console.log(`${d.name} (${d.words} words): full check median ${r.full.median.toFixed(2)} p99 ${r.full.p99.toFixed(2)} max ${r.full.max.toFixed(2)} ms`);
    for (const k of r.keystrokes) console.log(`  reuse only    ${fmt(k)}`);
    for (const k of r.serverKeystrokes ?? []) console.log(`  server's work ${fmt(k)}`);
  }
  if (DRAFTS > 0) {
    // the first draft once more, now that every draft's checks have run: what its first run's tail owes to being first
    const again = checkDraft(loaded.index, readText, drafts[0], { warmup: 5, runs: 100, keystrokes: KEYSTROKES, hovers: 5 }, serverChecks(facts.tables));
    console.log(`${again.draft} again: full check median ${again.full.median.toFixed(2)} p99 ${again.full.p99.toFixed(2)} max ${again.full.max.toFixed(2)} ms`);
    for (const k of again.serverKeystrokes ?? []) console.log(`  server's work ${fmt(k)}`);
  }
  if (process.env.LECTERN_KEYSTROKE_GC) {
    // LECTERN_KEYSTROKE_GC=1: the reuse-only keystrokes of the first draft's own paragraph, each slow one (> 1 ms) with
    // the garbage collections that overlapped it
    const gcs: { start: number; end: number; kind: number }[] = [];
    const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration, kind: (e as unknown as { detail: { kind: number } }).detail.kind }); });
    obs.observe({ entryTypes: ['gc'] });
    const d = drafts[0], service = createLecternService({ index: loaded.index, reader: { readText } });
    // LECTERN_KEYSTROKE_GC=server: the server's whole work (serverCheck) instead of the reuse re-check
    const server = process.env.LECTERN_KEYSTROKE_GC === 'server' ? serverChecks(facts.tables) : undefined;
    const text = server ? server.text(d) : d.text;
    // LECTERN_KEYSTROKE_GC=full: full checks (no key: every check reads the whole draft), as the bench's "full check" row
    const full = process.env.LECTERN_KEYSTROKE_GC === 'full';
    const run = (t: string) => (server ? serverCheck(service, t, 'g', server.options) : service.check({ text: t, key: full ? undefined : 'g' }));
    // LECTERN_KEYSTROKE_GC=one: the keystrokes' service is the only one (no other service checked before it)
    const r = process.env.LECTERN_KEYSTROKE_GC === 'one' ? (Array.from({ length: 100 }, () => service.check({ text })), { draft: d.name }) : checkDraft(loaded.index, readText, d, { warmup: 5, runs: 100, keystrokes: 1, hovers: 1 });
    gcs.length = 0;
    console.log('--- keystroke loop');
    const at = text.indexOf('\n\n', text.length / 2) - 40, typed = text.slice(0, at) + 'x' + text.slice(at);
    run(text);
    const spans: { start: number; end: number; cpu: number }[] = [];
    for (let i = 0; i < 3000; i++) {
      const c0 = process.cpuUsage(), t0 = performance.now();
      run(i % 2 ? text : typed);
      const t1 = performance.now(), c1 = process.cpuUsage(c0);
      spans.push({ start: t0, end: t1, cpu: (c1.user + c1.system) / 1000 });
    }
    await new Promise((res) => setTimeout(res, 100));
    obs.disconnect();
    const ms = spans.map((x) => x.end - x.start).sort((a, b) => a - b);
    const over = full ? 6 : 1;
    const slow = spans.map((x, i) => ({ ...x, i })).filter((x) => x.end - x.start > over);
    const withGc = slow.filter((x) => gcs.some((g) => g.start < x.end && g.end > x.start));
    console.log(`${server ? 'server' : full ? 'full checks,' : 'reuse-only'} keystrokes (${r.draft} own paragraph): median ${ms[1500].toFixed(3)} p99 ${ms[2970].toFixed(3)} max ${ms[2999].toFixed(2)} ms; ${slow.length} over ${over} ms, ${withGc.length} of them overlapping a GC; GCs during the loop: ${gcs.length} (kinds ${[...new Set(gcs.map((g) => g.kind))].join(',')}), longest ${Math.max(0, ...gcs.map((g) => g.end - g.start)).toFixed(2)} ms`);
    const cpu = spans.map((x) => x.cpu).sort((a, b) => a - b);
    console.log(`CPU time per keystroke: median ${cpu[1500].toFixed(3)} p99 ${cpu[2970].toFixed(3)} max ${cpu[2999].toFixed(2)} ms`);
    for (const x of slow.slice(0, 20)) console.log(`  #${x.i} ${(x.end - x.start).toFixed(2)} ms (CPU ${x.cpu.toFixed(2)} ms) ${gcs.filter((g) => g.start < x.end && g.end > x.start).map((g) => `gc kind ${g.kind} ${(g.end - g.start).toFixed(2)} ms`).join(', ')}`);
  }
  if (process.env.LECTERN_KEYSTROKE_PROFILE) {
    // LECTERN_KEYSTROKE_PROFILE=1: where the first draft's keystrokes spend their time (bench/tmp/keystroke.cpuprofile)
    const d = drafts[0], server = serverChecks(facts.tables), text = server.text(d);
    const service = createLecternService({ index: loaded.index, reader: { readText } });
    const at = Math.floor(text.length / 2), typed = text.slice(0, at) + 'x' + text.slice(at);
    serverCheck(service, text, 'p', server.options);
    const work = () => { for (let i = 0; i < 2000; i++) serverCheck(service, i % 2 ? text : typed, 'p', server.options); };
    if (process.env.LECTERN_KEYSTROKE_PROFILE === 'heap') {
      // LECTERN_KEYSTROKE_PROFILE=heap: what the server's keystrokes allocate, by function (sampling heap profiler)
      const session = new Session();
      session.connect();
      // LECTERN_KEYSTROKE_RETAINED=1: only what survived a minor collection (promoted to the old generation): ending
      // with two minor collections, it leaves out what the young generation alone reclaims
      const retained = process.env.LECTERN_KEYSTROKE_RETAINED === '1';
      await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !retained } as never);
      work();
      if (retained) { const gc = (globalThis as unknown as { gc: (o: unknown) => void }).gc; gc({ type: 'minor' }); gc({ type: 'minor' }); }
      const { profile: heap } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: HeapNode } };
      session.disconnect();
      const by = new Map<string, number>();
      const walk = (n: HeapNode) => { const k = `${n.callFrame.functionName || '(anonymous)'}:${n.callFrame.lineNumber + 1}`; by.set(k, (by.get(k) ?? 0) + n.selfSize); n.children.forEach(walk); };
      walk(heap.head);
      const total = [...by.values()].reduce((a, b) => a + b, 0);
      console.log(`${retained ? 'promoted' : 'allocated'} about ${(total / 2000 / 1024).toFixed(1)} kB per keystroke (sampled)`);
      for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
      return;
    }
    const lines = await profile(join(repoRoot, 'bench/tmp/keystroke.cpuprofile'), work);
    for (const l of lines.slice(0, 25)) console.log(`  ${(100 * l.share).toFixed(1).padStart(5)}%  ${l.selfMs.toFixed(0).padStart(6)} ms  ${l.fn} (${l.where})`);
  }
  console.log(`load average at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

main().catch((e: unknown) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
