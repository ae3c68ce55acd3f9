import { setPersonActive } from '../../../app/people.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

function setActive(active: boolean, options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const person = setPersonActive(ctx.store(), { name: String(options.args[0] ?? ''), active }, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ id: person.id, name: person.name, active }, null, 2));
  ctx.info(
    active
      ? `${ctx.err.green('Reactivated')} ${oneLine(person.name)}: they count in the team's figures again.`
      : `${ctx.err.yellow('Deactivated')} ${oneLine(person.name)}: their stories stay, and they no longer count among the active people in the figures.`,
  );
}

export const deactivate = { run: (options: WithArgs<{ json?: boolean }>, ctx: Context) => setActive(false, options, ctx) };
export const activate = { run: (options: WithArgs<{ json?: boolean }>, ctx: Context) => setActive(true, options, ctx) };
