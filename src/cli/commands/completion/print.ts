import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { SHELLS, completionScript, type Shell } from './scripts.ts';

/** `svc completion SHELL`: the script that shell sources. */
export function run(options: WithArgs<Record<string, unknown>>, ctx: Context): void {
  const shell = String(options.args[0] ?? '');
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(messages.notOneOf('SHELL', shell, SHELLS), messages.completionShellHint);
  ctx.print(completionScript(shell as Shell).trimEnd());
}
