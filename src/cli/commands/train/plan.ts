import { loadTrainingPlan } from '../../../app/training.ts';
import { documentFile } from '../../../core/formats.ts';
import { toDay } from '../../../core/dates.ts';
import { renderDocument, type DocumentFormat } from '../../../ui/render/document.ts';
import { trainingPlanDocument } from '../../../ui/render/train.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { writeDocument } from '../../output.ts';
import { requirePractice } from '../../../app/practice.ts';
import { indexForEvidence } from '../../phrases.ts';

interface PlanOptions {
  format?: DocumentFormat;
  out?: string;
  force?: boolean;
  json?: boolean;
}

export async function run(options: WithArgs<PlanOptions>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const store = ctx.store();
  const plan = loadTrainingPlan(store, requirePractice(store, options.args[0]));
  if (plan.warning) ctx.info(`${ctx.err.yellow('warning:')} ${plan.warning}`);
  if (options.json) {
    writeDocument(ctx, options.out, JSON.stringify(plan, null, 2), { what: 'the training plan', file: documentFile('training-plan', 'json') }, options.force);
    return;
  }
  const text = renderDocument(trainingPlanDocument(plan, toDay(ctx.now())), options.format ?? 'text');
  writeDocument(ctx, options.out, text, { what: 'the training plan', file: documentFile('training-plan', options.format ?? 'text') }, options.force);
}
