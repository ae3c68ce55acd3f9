import { addAssessmentQuestion } from '../../../app/assess.ts';
import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ attribute?: string; json?: boolean }>, ctx: Context): void {
  const added = addAssessmentQuestion(ctx.store(), { key: String(options.args[0]), text: String(options.args[1]), attribute: options.attribute }, ctx.now());
  if (options.json) ctx.print(JSON.stringify(added, null, 2));
  ctx.info(messages.assessQuestionAdded(added.key, added.version));
}
