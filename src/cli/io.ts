import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.ts';

/** Everything piped on stdin, as UTF-8 text. */
export async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
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
