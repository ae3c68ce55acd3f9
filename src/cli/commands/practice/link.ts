import { linkStories } from '../../../app/practice-evidence.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { practice, linked } = linkStories(ctx.store(), { practice: String(options.args[0] ?? ''), stories: options.args[1] as string[] | undefined }, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ practice: practice.name, linked }, null, 2));
  ctx.info(`${ctx.err.green('Linked')} ${linked.map((id) => `#${id}`).join(', ')} to "${practice.name}" by hand`);
}
