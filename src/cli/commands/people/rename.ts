import { renamePerson } from '../../../app/people.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const person = renamePerson(ctx.store(), { name: String(options.args[0] ?? ''), newName: String(options.args[1] ?? '') }, ctx.now);
  const name = person.newName;
  if (options.json) ctx.print(JSON.stringify({ id: person.id, from: person.name, name }, null, 2));
  ctx.info(`${ctx.err.green('Renamed')} ${oneLine(person.name)} to ${oneLine(name)}; their stories and trainings follow.`);
}
