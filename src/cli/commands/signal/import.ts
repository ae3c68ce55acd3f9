import { importSignals } from '../../../app/signals.ts';
import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { withStdinAsFile } from '../../io.ts';
import { readFormFile } from '../story/form-file.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const file = String(options.args[0]);
  const form = file === '-' ? await withStdinAsFile(ctx.stdin, (copy) => readFormFile(copy, 'stdin')) : await readFormFile(file);
  const result = importSignals(ctx.store(), { form }, ctx.now());
  if (options.json) ctx.print(JSON.stringify({ file, ...result }, null, 2));
  ctx.info(messages.signalImported(result.added, result.updated, result.unchanged));
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
