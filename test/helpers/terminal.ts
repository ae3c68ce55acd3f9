import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, baseEnv } from './cli.ts';

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  space: ' ',
  down: '\u001b[B',
  up: '\u001b[A',
  ctrlC: '\u0003',
  backspace: '\u007f',
} as const;

// Cursor moves and colours, so tests can wait for plain words.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-B]|\u001b[=>]/g;

/**
 * svc running in a real pseudo-terminal (util-linux `script`), for the flows that only
 * happen on a terminal: guided prompts, checkbox lists, confirmations.
 */
export class Terminal {
  private readonly child: ChildProcessWithoutNullStreams;
  private raw = '';
  private readonly exited: Promise<number | null>;

  /** `stderrFile` takes svc's stderr off the terminal into that file, for tests that tell the two streams apart. */
  constructor(args: string[], db: string, env: Record<string, string | undefined> = {}, size = { cols: 100, rows: 40 }, options: { stderrFile?: string } = {}) {
    const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
    const quoted = [process.execPath, BIN, ...args].map(quote).join(' ') + (options.stderrFile ? ` 2>${quote(options.stderrFile)}` : '');
    // No pager unless a test asks for one: a pager waiting for a key would hold the test up.
    const childEnv = baseEnv(db, { TERM: 'xterm', COLUMNS: String(size.cols), LINES: String(size.rows), SVC_PAGER: 'cat', ...env });
    this.child = spawn('script', ['-qfec', `stty cols ${size.cols} rows ${size.rows}; ${quoted}`, '/dev/null'], { env: childEnv });
    this.child.stdout.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.child.stderr.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** Everything shown so far, without escape sequences. */
  get screen(): string {
    return this.raw.replace(ANSI, '');
  }

  /** Waits until the screen shows the text (after `from` characters), or fails after timeoutMs. */
  async waitFor(text: string | RegExp, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    const found = () => (typeof text === 'string' ? this.screen.includes(text) : text.test(this.screen));
    while (!found()) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${String(text)}; screen:\n${this.screen}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Types keys, as a person would. */
  async type(keys: string): Promise<void> {
    this.child.stdin.write(keys);
    await new Promise((r) => setTimeout(r, 60));
  }

  /** Waits for the question, then answers it and presses Enter. */
  async answer(question: string | RegExp, text: string): Promise<void> {
    await this.waitFor(question);
    const mark = this.raw.length;
    await this.type(text);
    await this.type(KEY.enter);
    // Let inquirer draw the answered line before the next question is awaited.
    const start = Date.now();
    while (this.raw.length === mark && Date.now() - start < 2_000) await new Promise((r) => setTimeout(r, 20));
  }

  /** The exit code once svc has finished. */
  async exitCode(timeoutMs = 15_000): Promise<number | null> {
    const timer = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`svc did not exit; screen:\n${this.screen}`)), timeoutMs),
    );
    try {
      return await Promise.race([this.exited, timer]);
    } finally {
      this.child.stdin.end();
    }
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/** Answers the guided story's first questions: what they did, yes to more detail, what led up to it, what resulted. */
export async function answerStoryDetail(term: Terminal, story: { did: string; ledUp: string; resulted: string }): Promise<void> {
  await term.answer('What exactly did they do?', story.did);
  await term.answer('More detail?', 'y');
  await term.answer('What led up to it?', story.ledUp);
  await term.answer('What resulted for the customer?', story.resulted);
}
