import type { InterviewStatus } from '../../../core/interview.ts';
import { listInterviews } from '../../../app/interview.ts';
import { interviewJson, interviewTable } from '../../../ui/render/interview.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ status?: InterviewStatus; json?: boolean }>, ctx: Context): void {
  const interviews = listInterviews(ctx.store(), { status: options.status });
  if (options.json) {
    ctx.print(JSON.stringify(interviews.map(interviewJson), null, 2));
    return;
  }
  if (interviews.length === 0) {
    ctx.info(options.status ? `No ${options.status} interviews.` : 'No interviews yet. Pick three customers to call with: svc interview pick');
    return;
  }
  ctx.print(interviewTable(interviews, ctx.look()));
}
