import { PassThrough, Readable, Writable } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/main.ts';
import type { Host, StreamName } from '../../src/cli/streams.ts';
import { baseEnv, sandboxPlace, snapshotDb, withOwnDataHome, type RunOptions, type RunResult } from './cli.ts';

const INDEX_WORKER = new URL('../../dist/index-worker.cjs', import.meta.url);

/**
 * Runs svc's own command program (src/cli/main.ts's run, the function the binary calls)
 * inside the test process: same parsing, handlers, store and error reporting, without
 * spawning Node and loading the bundles for every command. What only a real process
 * shows (signals, terminals, start-up, locks between processes) stays in the spawned tests.
 */
export interface InProcessOptions extends Omit<RunOptions, 'cwd' | 'input'> {
  /** What stdin holds, then closed; nothing unless given. */
  input?: string | Buffer;
  /** Which streams are terminals (none, as under spawnSync, unless given). */
  tty?: boolean | Partial<Record<StreamName, boolean>>;
  /**
   * The keys typed at each prompt, one string per prompt in order (e.g. 'Ana\r', or
   * KEY.down + KEY.enter from terminal.ts); a prompt beyond them gets Ctrl-C. Prompts
   * draw on stdout, as on a terminal. Needs tty (svc asks only on a terminal).
   */
  answers?: string[];
  /**
   * Index phrases in a worker thread from the build's dist/index-worker.cjs, as the binary
   * does. By default the test's own thread indexes, keeping the language model loaded:
   * a worker loads it again for every command that indexes (some 200 ms of CPU each).
   */
  indexInWorker?: boolean;
}

/** A temporary database and a way to run svc in-process against it, shaped like cli.ts's sandbox. */
export interface InProcessSandbox {
  dir: string;
  db: string;
  run(args: string[], options?: InProcessOptions): Promise<RunResult>;
  /** Runs and parses stdout as JSON, failing loudly if the command failed. */
  json<T = unknown>(args: string[], options?: InProcessOptions): Promise<T>;
  /** A digest of everything stored, to prove a refused command changed nothing. */
  snapshot(): string;
  /** Writes a file in the sandbox's folder (an import, a config) and returns its path. */
  writeFile(name: string, content: string | Buffer): string;
  cleanup(): void;
}

/** Runs one command line in-process against db; the result is what the binary would have printed and exited with. */
export async function runInProcess(args: string[], db: string, options: InProcessOptions = {}): Promise<RunResult> {
  const output = { stdout: '', stderr: '' };
  const terminal = (name: StreamName): boolean => (typeof options.tty === 'object' ? (options.tty[name] ?? false) : (options.tty ?? false));
  const host: Host = {
    env: baseEnv(db, options.env),
    isTerminal: terminal,
    write: (name, text) => {
      output[name] += text;
    },
    // stdin as a pipe gives it: the input a chunk at a time, then closed.
    stdin: () => Readable.from(pipeChunks(Buffer.from(options.input ?? ''))) as unknown as NodeJS.ReadStream,
    // A worker thread loads a bundle, never TypeScript: the build's own (npm test builds first).
    indexWorker: options.indexInWorker ? INDEX_WORKER : 'calling-thread',
  };
  if (options.answers) Object.assign(host, { promptStreams: promptStreamsAnswering(options.answers, (text) => (output.stdout += text)) });
  const code = await run([process.execPath, 'svc', ...args], host);
  return { code, ...output };
}

const CTRL_C = '\u0003';

/**
 * Streams for svc's prompts that type the next answer once each prompt is listening:
 * every prompt pipes its drawing into output as it starts, and its keys are read from
 * the next turn on. One answer at a time, since a prompt that is answered drops the
 * keys that came with its Enter.
 */
function promptStreamsAnswering(answers: readonly string[], draw: (text: string) => void): NonNullable<Host['promptStreams']> {
  const pending = [...answers];
  const input = new PassThrough();
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      draw(chunk.toString('utf8'));
      done();
    },
  });
  // Each prompt ends its own drawing stream when answered; the screen stays open for the next.
  output.end = () => output;
  output.on('pipe', () => setImmediate(() => input.write(pending.shift() ?? CTRL_C)));
  return { input, output };
}

/** A pipe's capacity on Linux: what one read of stdin returns at most. */
const PIPE_CHUNK = 64 * 1024;

function* pipeChunks(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += PIPE_CHUNK) yield bytes.subarray(at, at + PIPE_CHUNK);
}

export function inProcessSandbox(): InProcessSandbox {
  const { dir, db, cleanup } = sandboxPlace('svc-in-process-');
  const runHere = (args: string[], options?: InProcessOptions) => runInProcess(args, db, withOwnDataHome(dir, options));
  return {
    dir,
    db,
    run: runHere,
    async json<T>(args: string[], options?: InProcessOptions): Promise<T> {
      const result = await runHere([...args, '--json'], options);
      if (result.code !== 0) throw new Error(`svc ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return JSON.parse(result.stdout) as T;
    },
    snapshot: () => snapshotDb(db),
    writeFile(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup,
  };
}
