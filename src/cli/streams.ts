import { fstatSync, writeSync } from 'node:fs';

// The first touch of process.stdout, stderr or stdin builds a Node stream: some twenty
// internal modules, and net as well for a pipe, 2–4 ms of every start. Off a terminal,
// svc asks and writes through the file descriptors instead; terminals keep the streams.

export type StreamName = 'stdin' | 'stdout' | 'stderr';

const FD: Record<StreamName, number> = { stdin: 0, stdout: 1, stderr: 2 };
const viaStream = new Set<StreamName>();
const characterDevice = new Map<StreamName, boolean>();

/** Only a character device can be a terminal; anything else (pipe, file) is decided without a stream. */
function mayBeTerminal(name: StreamName): boolean {
  let known = characterDevice.get(name);
  if (known === undefined) {
    try {
      known = fstatSync(FD[name]).isCharacterDevice();
    } catch {
      known = true; // let Node's own stream handle a closed or odd descriptor
    }
    characterDevice.set(name, known);
  }
  return known;
}

/** Whether the stream is a terminal. */
export function isTerminal(name: StreamName): boolean {
  return mayBeTerminal(name) && Boolean(process[name].isTTY);
}

/** Writes text to stdout or stderr, whole and in order. */
export function write(name: 'stdout' | 'stderr', text: string): void {
  if (viaStream.has(name) || mayBeTerminal(name)) {
    process[name].write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(FD[name], bytes, done);
  } catch {
    // A full non-blocking pipe (EAGAIN) or a closed reader: from here on Node's stream
    // writes, and reports, exactly as it always did.
    viaStream.add(name);
    process[name].write(bytes.subarray(done));
  }
}
