import { assessmentQuestions } from '../../../app/assess.ts';
import { questionsJson, questionsTable } from '../../../ui/render/assessment.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ all?: boolean; json?: boolean }>, ctx: Context): void {
  const questions = assessmentQuestions(ctx.store()).filter((q) => options.all || q.retiredAt === null);
  if (options.json) ctx.print(JSON.stringify(questionsJson(questions), null, 2));
  else ctx.print(questionsTable(questions, ctx.look()));
}
