import { chmodSync, writeFileSync } from 'node:fs';
import { ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Context } from './context.ts';

/**
 * Writes a rendered document to --out FILE (owner-only: it may quote customers'
 * stories), or to stdout when there is no --out or it is "-".
 */
export function writeDocument(ctx: Context, out: string | undefined, text: string, what: string): void {
  if (out === undefined || out === '-') {
    ctx.print(text);
    return;
  }
  try {
    writeFileSync(out, text, { mode: 0o600 });
    chmodSync(out, 0o600); // an existing file keeps its old mode otherwise
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new ValidationError(messages.outFileFailed(out, reason), messages.outFileFailedHint);
  }
  ctx.info(`${ctx.err.green('Wrote')} ${what} to ${out}`);
}
