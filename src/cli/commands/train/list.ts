import { listTrainings } from '../../../app/train.ts';
import { trainingTable } from '../../../ui/render/train.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ practice?: string; json?: boolean }>, ctx: Context): void {
  const trainings = listTrainings(ctx.store(), { practice: options.practice });
  if (options.json) {
    ctx.print(JSON.stringify(trainings, null, 2));
    return;
  }
  if (trainings.length === 0) {
    ctx.info('No training sessions yet. Log one with: svc train log PRACTICE --people Ana,Bo');
    return;
  }
  ctx.print(trainingTable(trainings, ctx.look()));
}
