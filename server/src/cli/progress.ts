// Indexing progress on the terminal: a bar (cli-progress) when stderr is a terminal, a few quiet
// lines when it is not (CI logs, pipes).
import { SingleBar, Presets } from 'cli-progress';

export interface ProgressReporter {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY) {
    const bar = new SingleBar({ stream, format: 'indexing {bar} {value}/{total} statements', hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
    let started = false;
    return {
      update(done, total) { if (!started) { bar.start(total, done); started = true; } else bar.update(done); },
      stop() { if (started) bar.stop(); },
    };
  }
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = total ? Math.floor((10 * done) / total) : 10;
      if (tenth !== lastTenth && total >= 1000) { lastTenth = tenth; stream.write(`lectern: indexed ${done}/${total} statements\n`); }
    },
    stop() {},
  };
}
