import { mergeTags, tagsToMerge } from '../../../app/tags.ts';
import type { WithArgs } from '../../action.ts';
import { confirmChange } from '../../confirm.ts';
import type { Context } from '../../context.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const { from, into } = tagsToMerge(store, { from: String(options.args[0] ?? ''), into: String(options.args[1] ?? '') });
  const go = await confirmChange(ctx, {
    yes: options.yes,
    what: `merging tag ${from.name} into ${into.name}`,
    command: `svc tag merge ${from.name} ${into.name}`,
    question: `Merge tag ${from.name} into ${into.name}? Its stories get ${into.name}, and ${from.name} is deleted.`,
  });
  if (!go) return;
  mergeTags(store, { from: from.name, into: into.name }, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ merged: from.name, into: into.name }, null, 2));
  ctx.info(`${ctx.err.green('Merged')} tag ${from.name} into ${into.name}.`);
}
