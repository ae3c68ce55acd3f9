import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(_options: WithArgs<object>, ctx: Context): void {
  ctx.print(ctx.dbPath().path);
}
