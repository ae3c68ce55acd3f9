import { retireAssessmentQuestion } from '../../../app/assess.ts';
import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<object>, ctx: Context): void {
  const retired = retireAssessmentQuestion(ctx.store(), { key: String(options.args[0]) }, ctx.now());
  ctx.info(messages.assessQuestionRetired(retired.key));
}
