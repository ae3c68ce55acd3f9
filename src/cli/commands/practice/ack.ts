import { acknowledgeCurrentProcedure } from '../../../app/training-programme.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ as: string; json?: boolean }>, ctx: Context): void {
  const ack = acknowledgeCurrentProcedure(ctx.store(), { practice: String(options.args[0] ?? ''), person: options.as }, ctx.now);
  if (options.json) ctx.print(JSON.stringify(ack, null, 2));
  const what = `"${oneLine(ack.practice)}" v${ack.version}`;
  ctx.info(ack.recorded ? `${ctx.err.green('Recorded')} that ${oneLine(ack.person)} read ${what}.` : `${oneLine(ack.person)} had already read ${what}.`);
}
