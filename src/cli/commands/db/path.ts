import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(_options: WithArgs<object>, ctx: Context): void {
  // A PostgreSQL address is printed with its password replaced: this line ends up in scripts and chats.
  ctx.print(ctx.shownDb());
}
