import { unlinkInterviewFromPractice } from '../../../app/interview.ts';
import { requirePractice } from '../../../app/practice.ts';
import { messages } from '../../../core/messages.ts';
import { interviewJson } from '../../../ui/render/interview.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const [id, name] = options.args as [string, string];
  const store = ctx.store();
  const practice = requirePractice(store, name);
  const interview = unlinkInterviewFromPractice(store, { interviewId: String(id), practice }, ctx.now());
  if (options.json) ctx.print(JSON.stringify(interviewJson(interview), null, 2));
  ctx.info(messages.interviewUnlinked(interview.id, oneLine(practice.name)));
}
