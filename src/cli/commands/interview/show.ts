import { requireInterview } from '../../../app/interview.ts';
import { invitationText } from '../../../core/interview.ts';
import { interviewJson, interviewLines } from '../../../ui/render/interview.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const interview = requireInterview(ctx.store(), String(options.args[0]));
  // The invitation as it would go out now, with this customer's and caller's names.
  const invitation = invitationText(ctx.settings()['interview.invitation'], { customer: interview.customer, caller: interview.interviewer });
  if (options.json) {
    ctx.print(JSON.stringify({ ...interviewJson(interview), invitation }, null, 2));
    return;
  }
  ctx.print(interviewLines(interview, invitation, ctx.look()));
}
