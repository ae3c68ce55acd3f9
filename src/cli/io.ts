import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UsageError, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { utf8Problem } from '../core/text.ts';

/** What svc reads at most of a story or procedure given on stdin or in a file (its text is capped far lower). */
export const MAX_TEXT_INPUT_BYTES = 1024 * 1024;

/**
 * A stream's bytes as UTF-8 text, read a chunk at a time and refused as soon as they pass
 * max (so /dev/zero or 2 GB on stdin cost one chunk of memory, not all of it), or when
 * they are not UTF-8 (named by the first bad byte's offset). `what` names the source.
 */
export async function readCapped(stream: NodeJS.ReadableStream, max: number, what: string): Promise<string> {
  return decodeUtf8(await readBytesCapped(stream, max, what), what);
}

/** A stream's bytes, read a chunk at a time and refused as soon as they pass max. */
export async function readBytesCapped(stream: NodeJS.ReadableStream, max: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > max) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new ValidationError(messages.inputTooBig(what, max), messages.inputTooBigHint);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** Bytes as UTF-8 text; anything else (UTF-16, a bad byte) is refused, never replaced by U+FFFD. */
export function decodeUtf8(bytes: Buffer, what: string): string {
  const problem = utf8Problem(bytes);
  if (problem?.kind === 'utf16') throw new ValidationError(messages.inputUtf16(what), messages.inputNotUtf8Hint);
  if (problem) throw new ValidationError(messages.inputNotUtf8(what, problem.offset), messages.inputNotUtf8Hint);
  return bytes.toString('utf8');
}

/** Everything piped on stdin (at most max bytes), as UTF-8 text. */
export async function readStdin(stream: NodeJS.ReadableStream, max = MAX_TEXT_INPUT_BYTES): Promise<string> {
  return readCapped(stream, max, 'the text on stdin');
}

/** A file (or a device, or a pipe) as UTF-8 text, at most max bytes of it, read as a stream. */
export async function readFileCapped(file: string, max = MAX_TEXT_INPUT_BYTES): Promise<string> {
  return readCapped(createReadStream(file, { highWaterMark: 64 * 1024 }), max, file);
}
/**
 * Runs fn on a private copy of stdin in a file ("-" as FILE): importers read a file
 * twice or by position, which a pipe cannot do. The copy is removed afterwards.
 */
export async function withStdinAsFile<T>(stream: NodeJS.ReadableStream, fn: (path: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'svc-stdin-'));
  try {
    const path = join(dir, 'stdin');
    await pipeline(stream, createWriteStream(path, { mode: 0o600 }));
    return await fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens $VISUAL / $EDITOR on the text and returns what was saved. */
export function editInEditor(text: string, env: Record<string, string | undefined>): string {
  const editor = env.VISUAL || env.EDITOR || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'svc-edit-'));
  const file = join(dir, 'story.md');
  try {
    writeFileSync(file, text, { mode: 0o600 });
    const result = spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true });
    if (result.status !== 0) {
      throw new UsageError(`the editor (${editor}) exited with status ${result.status ?? 'unknown'}; nothing was changed`, 'set EDITOR to an editor that waits, e.g. EDITOR=nano');
    }
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The line each record starts on, from the byte offsets where records end: a record
 * starts after the previous one and any blank lines (a quoted field may span lines).
 */
export function startLines(bytes: Buffer, ends: number[]): number[] {
  const CR = 0x0d;
  const LF = 0x0a;
  let line = 1;
  let at = 0;
  return ends.map((end) => {
    while (at < bytes.length && (bytes[at] === CR || bytes[at] === LF)) if (bytes[at++] === LF) line++;
    const start = line;
    for (; at < end; at++) if (bytes[at] === LF) line++;
    return start;
  });
}
