import { isTerminal, write } from './streams.ts';

// A bar appears only once work has run this long: quick commands stay quiet.
const SHOW_AFTER_MS = 1_000;
const BAR_WIDTH = 24;

/** A progress bar for long work, on stderr, drawn only on a terminal. */
export interface Progress {
  /** Reports how far the work is; draws the bar once it has run past the delay. */
  update(done: number, total: number): void;
  /** Ends the bar's line, if one was drawn. */
  end(): void;
  /** Whether the work ran long enough for a bar (drawn or, off a terminal, not). */
  readonly longRunning: boolean;
  /** Seconds since the work started. */
  seconds(): number;
}

/** Where a bar goes and what time it is: the real stderr and clock unless a test gives its own. */
export interface ProgressOutput {
  tty: boolean;
  write: (text: string) => void;
  now: () => number;
}

const STDERR: () => ProgressOutput = () => ({ tty: isTerminal('stderr'), write: (text) => write('stderr', text), now: Date.now });

/** "Indexing story phrases ████░░░░ 1,200/4,000": the one bar every long command draws. */
export function startProgress(label: string, output: ProgressOutput = STDERR()): Progress {
  const started = output.now();
  let longRunning = false;
  let drawn = false;
  return {
    update(done, total) {
      if (output.now() - started < SHOW_AFTER_MS) return;
      longRunning = true;
      if (!output.tty) return;
      const filled = Math.min(BAR_WIDTH, Math.round((done / Math.max(total, 1)) * BAR_WIDTH));
      const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
      output.write(`\r${label} ${bar} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
      drawn = true;
    },
    end() {
      if (drawn) output.write('\n');
      drawn = false;
    },
    get longRunning() {
      return longRunning;
    },
    seconds: () => (output.now() - started) / 1000,
  };
}
