// Running a peer tool as a child process: wall time, peak memory, and a hard time limit.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

export interface ToolRun {
  readonly wallMs: number;
  /** Largest resident set of the tool or any process it started; undefined when it could not be measured. */
  readonly peakRssMB?: number;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs `command` and measures it. GNU time reports the peak RSS of the largest process in the
 * tree (jscpd's npm launcher starts its native binary as a child); without it, /proc is polled.
 */
export function runTool(command: string, args: readonly string[], options: { timeoutMs: number; cwd?: string }): Promise<ToolRun> {
  const timed = existsSync(GNU_TIME);
  const [cmd, argv] = timed ? [GNU_TIME, ['-v', command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // its own process group, so a timeout stops the tool and everything it started
    const child = spawn(cmd, argv, { cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [], err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    let polledKB = 0;
    const poll = timed ? undefined : setInterval(() => { polledKB = Math.max(polledKB, treePeakKB(child.pid!)); }, 50);
    const timer = setTimeout(() => { timedOut = true; try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } }, options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let stderr = Buffer.concat(err).toString('utf8');
      let peakKB: number | undefined = polledKB || undefined;
      if (timed) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        peakKB = m ? Number(m[1]) : undefined;
        stderr = stderr.replace(/\s*(?:Command (?:being timed|exited|terminated)[\s\S]*)$/, '');
      }
      resolve({ wallMs, peakRssMB: peakKB === undefined ? undefined : peakKB / 1024, exitCode: code, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

/** Peak RSS (VmHWM) of a process and its descendants, from /proc; 0 when unreadable. */
function treePeakKB(pid: number): number {
  let peak = 0;
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (hwm) peak = Number(hwm[1]);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) peak = Math.max(peak, treePeakKB(Number(child)));
    }
  } catch { /* the process ended between two reads */ }
  return peak;
}

/** First line of `command --version`, or undefined when the command is missing. */
export function toolVersion(command: string): string | undefined {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : undefined;
}
