import { moveInterview } from '../../../app/interview.ts';
import { parseId } from '../../../core/ids.ts';
import { draftAgreement } from '../../../core/interview.ts';
import { interviewJson } from '../../../ui/render/interview.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

interface AgreeOptions {
  on?: string;
  at?: string;
  phone?: string;
  contact?: string;
  json?: boolean;
}

export function run(options: WithArgs<AgreeOptions>, ctx: Context): void {
  const id = parseId('interview', String(options.args[0]));
  const now = ctx.now();
  const agreement = draftAgreement(options, now);
  const interview = moveInterview(ctx.store(), { interviewId: id, move: { to: 'agreed', agreement } }, now);
  if (options.json) ctx.print(JSON.stringify(interviewJson(interview), null, 2));
  ctx.info(`${ctx.err.green('Agreed')}: call ${oneLine(interview.customer)} on ${agreement.on} at ${agreement.at} (${oneLine(agreement.contact)}).`);
  ctx.info(ctx.err.dim(`hint: after the call, svc interview log ${interview.id} asks the three questions`));
}
