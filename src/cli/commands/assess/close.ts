import { closeAssessmentRound } from '../../../app/assess.ts';
import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const closed = closeAssessmentRound(ctx.store(), ctx.now());
  if (options.json) ctx.print(JSON.stringify({ round: closed.openedOn, took: closed.took }, null, 2));
  ctx.info(messages.assessClosed(closed.openedOn, closed.took));
  ctx.info(ctx.err.dim('hint: svc assess results shows the team figures'));
}
