import { assignTraining } from '../../../app/training-programme.ts';
import { assignmentLine } from '../../../core/programme.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

interface AssignOptions {
  people?: string[];
  team?: string;
  due: string;
  json?: boolean;
}

export function run(options: WithArgs<AssignOptions>, ctx: Context): void {
  const assigned = assignTraining(ctx.store(), { practice: String(options.args[0] ?? ''), people: options.people, team: options.team, due: options.due }, ctx.now);
  if (options.json) ctx.print(JSON.stringify(assigned, null, 2));
  const count = assigned.assignments.length;
  ctx.info(`${ctx.err.green('Assigned')} "${oneLine(assigned.practice)}" to ${count} ${count === 1 ? 'person' : 'people'}, due ${assigned.dueOn}:`);
  for (const a of assigned.assignments) ctx.info(`  ${oneLine(assignmentLine(a))}`);
  ctx.info(ctx.err.dim('hint: svc train log closes them; svc status shows what is open and overdue'));
}
