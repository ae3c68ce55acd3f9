import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { mergeTags } from '../../../store/tags.ts';
import type { WithArgs } from '../../action.ts';
import { confirmChange } from '../../confirm.ts';
import type { Context } from '../../context.ts';
import { refuseBuiltin, requireTag } from './find.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const from = requireTag(store, options.args[0]);
  const into = requireTag(store, options.args[1]);
  if (from.id === into.id) throw new UsageError(messages.mergeSame('tag'), messages.mergeSameHint('svc tags'));
  refuseBuiltin(from, 'merged away');
  const go = await confirmChange(ctx, {
    yes: options.yes,
    what: `merging tag ${from.name} into ${into.name}`,
    command: `svc tag merge ${from.name} ${into.name}`,
    question: `Merge tag ${from.name} into ${into.name}? Its stories get ${into.name}, and ${from.name} is deleted.`,
  });
  if (!go) return;
  // Read again under the lock: another svc may have changed them while we asked.
  store.write(() => {
    const gone = requireTag(store, from.name);
    refuseBuiltin(gone, 'merged away');
    mergeTags(store.db, gone.id, requireTag(store, into.name).id, ctx.now().toISOString());
  });
  if (options.json) ctx.print(JSON.stringify({ merged: from.name, into: into.name }, null, 2));
  ctx.info(`${ctx.err.green('Merged')} tag ${from.name} into ${into.name}.`);
}
