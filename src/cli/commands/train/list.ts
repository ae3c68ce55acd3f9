import { listTrainings } from '../../../app/train.ts';
import { renderTable } from '../../../ui/table.ts';
import { formatDay } from '../../../ui/format.ts';
import { oneLine, truncate } from '../../../ui/text.ts';
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
  const look = ctx.look();
  const rows = trainings.map((t) => [
    t.id,
    formatDay(t.heldOn, look.now, look.tty),
    t.practice,
    t.facilitator,
    t.attendees.join(', '),
    t.notes === null ? null : look.tty ? truncate(oneLine(t.notes), 40) : oneLine(t.notes),
  ]);
  ctx.print(renderTable(['id', 'date', 'practice', 'facilitator', 'attendees', 'notes'], rows, { tty: look.tty, head: (t) => look.color.bold(t) }).trimEnd());
}
