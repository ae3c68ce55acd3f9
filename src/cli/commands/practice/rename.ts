import { ConflictError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { checkPracticeName } from '../../../core/practice.ts';
import { findPractice, renamePractice } from '../../../store/practices.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePractice } from '../../../app/practice.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const store = ctx.store();
  const practice = requirePractice(store, options.args[0]);
  const name = checkPracticeName(String(options.args[1] ?? ''));
  const now = ctx.now().toISOString();
  store.write(() => {
    const other = findPractice(store.db, name);
    if (other && other.id !== practice.id) throw new ConflictError(messages.practiceExists(other.name), messages.practiceExistsHint(other.name));
    renamePractice(store.db, practice.id, name, now);
  });
  if (options.json) ctx.print(JSON.stringify({ id: practice.id, from: practice.name, name }, null, 2));
  ctx.info(`${ctx.err.green('Renamed')} "${practice.name}" to "${name}"`);
}
