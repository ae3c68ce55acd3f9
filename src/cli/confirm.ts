import { UsageError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Context } from './context.ts';

/**
 * Whether a destructive change may go ahead: --yes, or a yes on a terminal. Without a
 * terminal, a UsageError naming --yes and the command to run again.
 */
export async function confirmChange(ctx: Context, options: { yes?: boolean | undefined; what: string; command: string; question: string }): Promise<boolean> {
  if (options.yes) return true;
  if (!ctx.canPrompt) throw new UsageError(messages.needsYes(options.what, options.command), messages.needsYesHint(options.command));
  const { askConfirm } = await import('./prompts.ts');
  const sure = await askConfirm(options.question);
  if (!sure) ctx.info('Nothing was changed.');
  return sure;
}
