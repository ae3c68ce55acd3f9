import { renamePractice } from '../../../app/practice-admin.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { practice, name } = renamePractice(ctx.store(), { practice: String(options.args[0] ?? ''), newName: String(options.args[1] ?? '') }, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ id: practice.id, from: practice.name, name }, null, 2));
  ctx.info(`${ctx.err.green('Renamed')} "${practice.name}" to "${name}"`);
}
