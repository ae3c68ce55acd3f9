import { listTags } from '../../../app/tags.ts';
import { renderTable } from '../../../ui/table.ts';
import { formatDay } from '../../../ui/format.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ used?: boolean; json?: boolean }>, ctx: Context): void {
  const tags = listTags(ctx.store(), { used: options.used });
  if (options.json) {
    ctx.print(JSON.stringify(tags, null, 2));
    return;
  }
  const look = ctx.look();
  const rows = tags.map((t) => [
    t.name,
    t.stories,
    t.lastUsedOn ? formatDay(t.lastUsedOn, look.now, look.tty) : '',
    t.builtin ? 'default taxonomy' : '',
  ]);
  ctx.print(renderTable(['tag', 'stories', 'last used', ''], rows, { tty: look.tty, head: (t) => look.color.bold(t) }));
}
