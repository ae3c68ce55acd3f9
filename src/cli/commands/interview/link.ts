import { linkInterviewToPractices } from '../../../app/interview.ts';
import { requirePractices } from '../../../app/story.ts';
import { messages } from '../../../core/messages.ts';
import { interviewJson } from '../../../ui/render/interview.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const [id, practiceNames] = options.args as [string, string[]];
  const store = ctx.store();
  const practices = requirePractices(store, practiceNames);
  const interview = linkInterviewToPractices(store, { interviewId: String(id), practiceIds: practices.map((p) => p.id) }, ctx.now());
  if (options.json) ctx.print(JSON.stringify(interviewJson(interview), null, 2));
  ctx.info(messages.interviewLinked(interview.id, practices.map((p) => oneLine(p.name))));
}
