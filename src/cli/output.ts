import { showControls } from '../core/safe-text.ts';
import { writeOutputFile } from '../store/files.ts';
import type { Context } from './context.ts';

/**
 * Writes a rendered document to --out FILE (owner-only: it may quote customers'
 * stories; whole or not at all, see store/files.ts), or to stdout when there is no --out
 * or it is "-". force lets --out write through a symbolic link or to a device.
 */
export function writeDocument(ctx: Context, out: string | undefined, text: string, what: string, force = false): void {
  if (out === undefined || out === '-') {
    ctx.print(text);
    return;
  }
  // The same sanitiser as the terminal's: a document is read with cat and less too.
  const path = writeOutputFile(out, showControls(text), { force });
  ctx.info(`${ctx.err.green('Wrote')} ${what} to ${path}`);
}
