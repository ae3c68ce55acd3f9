import { mergePeople, peopleToMerge } from '../../../app/people.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import { confirmChange } from '../../confirm.ts';
import type { Context } from '../../context.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const { from, into } = peopleToMerge(store, { from: String(options.args[0] ?? ''), into: String(options.args[1] ?? '') });
  const go = await confirmChange(ctx, {
    yes: options.yes,
    what: `merging ${oneLine(from.name)} into ${oneLine(into.name)}`,
    command: `svc people merge "${from.name}" "${into.name}"`,
    question: `Merge ${oneLine(from.name)} into ${oneLine(into.name)}? Their stories, evidence and trainings move to ${oneLine(into.name)}, and ${oneLine(from.name)} is deleted.`,
  });
  if (!go) return;
  mergePeople(store, { from: from.name, into: into.name }, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ merged: from.name, into: { id: into.id, name: into.name } }, null, 2));
  ctx.info(`${ctx.err.green('Merged')} ${oneLine(from.name)} into ${oneLine(into.name)}: their stories, evidence and trainings are ${oneLine(into.name)}'s now.`);
}
