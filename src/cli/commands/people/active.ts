import { ConflictError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { setPersonActive } from '../../../store/people.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePerson } from './find.ts';

function setActive(active: boolean, options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const store = ctx.store();
  const person = requirePerson(store, options.args[0]);
  if ((person.active === 1) === active) throw new ConflictError(messages.personAlready(person.name, active), messages.personAlreadyHint);
  store.write(() => setPersonActive(store.db, person.id, active, ctx.now().toISOString()));
  if (options.json) ctx.print(JSON.stringify({ id: person.id, name: person.name, active }, null, 2));
  ctx.info(
    active
      ? `${ctx.err.green('Reactivated')} ${oneLine(person.name)}: they count in the team's figures again.`
      : `${ctx.err.yellow('Deactivated')} ${oneLine(person.name)}: their stories stay, and they no longer count among the active people in the figures.`,
  );
}

export const deactivate = { run: (options: WithArgs<{ json?: boolean }>, ctx: Context) => setActive(false, options, ctx) };
export const activate = { run: (options: WithArgs<{ json?: boolean }>, ctx: Context) => setActive(true, options, ctx) };
