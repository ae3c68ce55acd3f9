import { fstatSync, writeSync } from 'node:fs';
import { errorCode } from '../core/errors.ts';

// The first touch of process.stdout, stderr or stdin builds a Node stream: some twenty
// internal modules, and net as well for a pipe, 2–4 ms of every start. Off a terminal,
// svc asks and writes through the file descriptors instead; terminals keep the streams.

export type StreamName = 'stdin' | 'stdout' | 'stderr';

/**
 * What a run of svc touches of its process: the environment, stdin, stdout and stderr.
 * The real process unless a caller of main's run() gives its own (the in-process tests
 * do), so that both take the same path through every command.
 */
export interface Host {
  readonly env: NodeJS.ProcessEnv;
  isTerminal(name: StreamName): boolean;
  write(name: 'stdout' | 'stderr', text: string): void;
  stdin(): NodeJS.ReadStream;
  /** Where prompts read keys and draw: Node's own streams unless given. */
  readonly promptStreams?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
  /**
   * Where phrase indexing runs: a worker thread from dist/index-worker.cjs beside svc's own
   * bundle unless given (a run from source has none beside it); 'calling-thread' runs it in
   * the thread that asks, as `svc reindex` does, for a process that keeps the language
   * model loaded from one command to the next.
   */
  readonly indexWorker?: URL | 'calling-thread';
}

let host: Host | undefined;

/** Runs svc against host until the next call (undefined: the real process again). */
export function useHost(next: Host | undefined): void {
  host = next;
}

/** The environment svc reads its settings from. */
export function environment(): NodeJS.ProcessEnv {
  return host ? host.env : process.env;
}

/** stdin as a stream, built on first use. */
export function stdinStream(): NodeJS.ReadStream {
  return host ? host.stdin() : process.stdin;
}

/** Where phrase indexing runs, when not in a worker from the bundle beside the running one. */
export function indexWorkerBundle(): Host['indexWorker'] {
  return host?.indexWorker;
}

/** The streams prompts use, when they are not Node's own. */
export function promptStreams(): Host['promptStreams'] {
  return host?.promptStreams;
}

const FD: Record<StreamName, number> = { stdin: 0, stdout: 1, stderr: 2 };
const viaStream = new Set<StreamName>();
// Streams whose reader has gone (`svc … | head`): the rest of the output is dropped
// quietly, as Unix tools do, rather than ending in an EPIPE stack trace.
const readerGone = new Set<StreamName>();
const guarded = new Set<StreamName>();
const characterDevice = new Map<StreamName, boolean>();

// Linux's memory devices (/dev/null, /dev/zero, /dev/urandom) share major number 1.
const MEMORY_DEVICE_MAJOR = 1;

/**
 * Only a character device can be a terminal; anything else (pipe, file) is decided
 * without a stream, and so is /dev/null, where cron jobs and scripts send output.
 */
function mayBeTerminal(name: StreamName): boolean {
  let known = characterDevice.get(name);
  if (known === undefined) {
    try {
      const stat = fstatSync(FD[name]);
      known = stat.isCharacterDevice() && (process.platform !== 'linux' || (stat.rdev >> 8) !== MEMORY_DEVICE_MAJOR);
    } catch {
      known = true; // let Node's own stream handle a closed or odd descriptor
    }
    characterDevice.set(name, known);
  }
  return known;
}

/** Whether the stream is a terminal. */
export function isTerminal(name: StreamName): boolean {
  if (host) return host.isTerminal(name);
  return mayBeTerminal(name) && Boolean(process[name].isTTY);
}

function isEpipe(error: unknown): boolean {
  return errorCode(error) === 'EPIPE';
}

/** Node's stream for stdout or stderr, which no longer throws when its reader goes away. */
function nodeStream(name: 'stdout' | 'stderr'): NodeJS.WriteStream {
  const stream = process[name];
  if (!guarded.has(name)) {
    guarded.add(name);
    stream.on('error', (error) => {
      if (!isEpipe(error)) throw error;
      readerGone.add(name);
    });
  }
  return stream;
}

/** Writes text to stdout or stderr, whole and in order. */
export function write(name: 'stdout' | 'stderr', text: string): void {
  if (host) {
    host.write(name, text);
    return;
  }
  if (readerGone.has(name)) return;
  if (viaStream.has(name) || mayBeTerminal(name)) {
    nodeStream(name).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(FD[name], bytes, done);
  } catch (error) {
    if (isEpipe(error)) {
      readerGone.add(name);
      return;
    }
    // A full non-blocking pipe (EAGAIN): from here on Node's stream writes, in order.
    viaStream.add(name);
    nodeStream(name).write(bytes.subarray(done));
  }
}
