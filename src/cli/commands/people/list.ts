import { listPeople } from '../../../app/people.ts';
import { peopleTable } from '../../../ui/render/people.ts';
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
  ctx.print(peopleTable(people, ctx.look()));
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
