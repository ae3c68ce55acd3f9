import { ConflictError, ValidationError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { checkedName } from '../../../core/story.ts';
import { findPerson, renamePerson } from '../../../store/people.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePerson } from './find.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const store = ctx.store();
  const person = requirePerson(store, options.args[0]);
  const name = checkedName(String(options.args[1] ?? ''), 'the new name');
  if (!name) throw new ValidationError(messages.emptyName('name'), messages.emptyNameHint('svc people rename Bo "Bo Lind"'));
  store.write(() => {
    const other = findPerson(store.db, name);
    if (other && other.id !== person.id) throw new ConflictError(messages.personExists(other.name), messages.personExistsHint(person.name, other.name));
    renamePerson(store.db, person.id, name, ctx.now().toISOString());
  });
  if (options.json) ctx.print(JSON.stringify({ id: person.id, from: person.name, name }, null, 2));
  ctx.info(`${ctx.err.green('Renamed')} ${oneLine(person.name)} to ${oneLine(name)}; their stories and trainings follow.`);
}
