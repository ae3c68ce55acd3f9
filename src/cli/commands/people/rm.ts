import { removablePerson, removePerson } from '../../../app/people.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import { confirmChange } from '../../confirm.ts';
import type { Context } from '../../context.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const person = removablePerson(store, { name: String(options.args[0] ?? '') });
  const go = await confirmChange(ctx, {
    yes: options.yes,
    what: `removing ${oneLine(person.name)}`,
    command: `svc people rm "${person.name}"`,
    question: `Remove ${oneLine(person.name)}? No story credits them and they facilitated no training; the trainings they attended lose them.`,
  });
  if (!go) return;
  removePerson(store, { name: person.name }, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ removed: person.name }, null, 2));
  ctx.info(`${ctx.err.yellow('Removed')} ${oneLine(person.name)}.`);
}
