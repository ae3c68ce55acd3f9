import { moveInterview } from '../../../app/interview.ts';
import { toDay } from '../../../core/dates.ts';
import { parseId } from '../../../core/ids.ts';
import { interviewJson } from '../../../ui/render/interview.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const id = parseId('interview', String(options.args[0]));
  const now = ctx.now();
  const interview = moveInterview(ctx.store(), { interviewId: id, move: { to: 'declined', day: toDay(now) } }, now);
  if (options.json) ctx.print(JSON.stringify(interviewJson(interview), null, 2));
  ctx.info(`${ctx.err.green('Closed')} interview #${interview.id} with ${oneLine(interview.customer)}: declined.`);
}
