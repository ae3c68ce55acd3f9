import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { mergePeople } from '../../../store/people.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import { confirmChange } from '../../confirm.ts';
import type { Context } from '../../context.ts';
import { requirePerson } from './find.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const from = requirePerson(store, options.args[0]);
  const into = requirePerson(store, options.args[1]);
  if (from.id === into.id) throw new UsageError(messages.mergeSame('person'), messages.mergeSameHint('svc people'));
  const go = await confirmChange(ctx, {
    yes: options.yes,
    what: `merging ${oneLine(from.name)} into ${oneLine(into.name)}`,
    command: `svc people merge "${from.name}" "${into.name}"`,
    question: `Merge ${oneLine(from.name)} into ${oneLine(into.name)}? Their stories, evidence and trainings move to ${oneLine(into.name)}, and ${oneLine(from.name)} is deleted.`,
  });
  if (!go) return;
  // Read again under the lock: another svc may have changed them while we asked.
  store.write(() => mergePeople(store.db, requirePerson(store, from.name).id, requirePerson(store, into.name).id, ctx.now().toISOString()));
  if (options.json) ctx.print(JSON.stringify({ merged: from.name, into: { id: into.id, name: into.name } }, null, 2));
  ctx.info(`${ctx.err.green('Merged')} ${oneLine(from.name)} into ${oneLine(into.name)}: their stories, evidence and trainings are ${oneLine(into.name)}'s now.`);
}
