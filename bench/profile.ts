// An opt-in CPU profile of Lectern's checks only (LECTERN_BENCH_PROFILE=1), without the index
// build or the peers in it: the .cpuprofile opens in Chrome DevTools, and the summary lists the
// functions that take the most time of their own.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export interface ProfileLine { fn: string; where: string; selfMs: number; share: number }

export async function profile(file: string, work: () => void): Promise<ProfileLine[]> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  work();
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  return selfTimes(profile);
}

function selfTimes(p: Profile): ProfileLine[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { fn: string; where: string; us: number }>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const us = p.timeDeltas[i] ?? 0;
    total += us;
    const where = `${n.callFrame.url.split('/').slice(-1)[0]}:${n.callFrame.lineNumber + 1}`;
    const key = `${n.callFrame.functionName}@${where}`;
    const e = self.get(key) ?? { fn: n.callFrame.functionName || '(anonymous)', where, us: 0 };
    e.us += us;
    self.set(key, e);
  });
  return [...self.values()].sort((a, b) => b.us - a.us).slice(0, 20).map((e) => ({ fn: e.fn, where: e.where, selfMs: e.us / 1000, share: e.us / total }));
}
