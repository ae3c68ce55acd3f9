import { changePracticeStatus } from '../../../app/practice-admin.ts';
import { messages } from '../../../core/messages.ts';
import type { PracticeStatus } from '../../../core/practice.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

/** Moves a practice along its lifecycle and says so (`practice status`, `practice retire`). */
export function changeStatus(ctx: Context, input: { practice: string; to: PracticeStatus; force?: boolean | undefined; json?: boolean | undefined }): void {
  const { practice, from, changed } = changePracticeStatus(ctx.store(), input, ctx.now);
  if (input.json) ctx.print(JSON.stringify({ id: practice.id, name: practice.name, from, status: practice.status }, null, 2));
  if (!changed) ctx.info(`"${practice.name}" is already ${input.to}; nothing changed.`);
  else ctx.info(`${ctx.err.green('Moved')} "${practice.name}" from ${from} to ${input.to}`);
  if (input.to === 'retired' && changed) ctx.info(ctx.err.dim(messages.retiredHint(from)));
}

export function run(options: WithArgs<{ force?: boolean; json?: boolean }>, ctx: Context): void {
  changeStatus(ctx, { practice: String(options.args[0] ?? ''), to: options.args[1] as PracticeStatus, force: options.force, json: options.json });
}
