import { listPeople } from '../../../app/people.ts';
import { renderTable } from '../../../ui/table.ts';
import { formatDay } from '../../../ui/format.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const people = listPeople(ctx.store());
  if (options.json) {
    ctx.print(JSON.stringify(people, null, 2));
    return;
  }
  if (people.length === 0) {
    ctx.info('No people yet: they appear when a story names them (svc story add "…" --staff NAME).');
    return;
  }
  const look = ctx.look();
  // Deactivated people keep their stories; a column says so only when there are some.
  const anyInactive = people.some((p) => !p.active);
  // On a terminal the id comes first, to type instead of the name; scripts keep their columns.
  const rows = people.map((p) => [
    ...(look.tty ? [`#${p.id}`] : []),
    p.name,
    p.role,
    p.stories,
    p.lastStoryOn ? formatDay(p.lastStoryOn, look.now, look.tty) : '',
    ...(anyInactive ? [p.active ? '' : 'deactivated'] : []),
  ]);
  const head = [...(look.tty ? ['id'] : []), 'name', 'role', 'stories', 'last story', ...(anyInactive ? [''] : [])];
  ctx.print(renderTable(head, rows, { tty: look.tty, width: look.width, head: (t) => look.color.bold(t) }));
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
