import { Readable } from 'node:stream';
import { join } from 'node:path';
import { run } from '../../src/cli/main.ts';
import type { Host, StreamName } from '../../src/cli/streams.ts';
import { baseEnv, snapshotDb, type RunOptions, type RunResult } from './cli.ts';
import { tempDir } from './db.ts';

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
    // The worker thread loads a bundle, never TypeScript: the build's own (npm test builds first).
    indexWorker: INDEX_WORKER,
  };
  const code = await run([process.execPath, 'svc', ...args], host);
  return { code, ...output };
}

/** A pipe's capacity on Linux: what one read of stdin returns at most. */
const PIPE_CHUNK = 64 * 1024;

function* pipeChunks(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += PIPE_CHUNK) yield bytes.subarray(at, at + PIPE_CHUNK);
}

export function inProcessSandbox(): InProcessSandbox {
  const { dir, cleanup } = tempDir('svc-in-process-');
  const db = join(dir, 'svc.db');
  const runHere = (args: string[], options?: InProcessOptions) => runInProcess(args, db, options);
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
    cleanup,
  };
}
