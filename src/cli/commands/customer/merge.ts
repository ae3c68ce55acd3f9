import { customersToMerge, mergeCustomers } from '../../../app/customers.ts';
import { customerJson } from '../../../ui/render/customer.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import { confirmChange } from '../../confirm.ts';
import type { Context } from '../../context.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean; includeContacts?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const { from, into } = customersToMerge(store, { from: String(options.args[0]), into: String(options.args[1]) });
  const go = await confirmChange(ctx, {
    yes: options.yes,
    what: `merging customer #${from.id} into #${into.id}`,
    command: `svc customer merge ${from.id} ${into.id}`,
    question: `Merge ${oneLine(from.name)} (#${from.id}) into ${oneLine(into.name)} (#${into.id})? Its stories and interviews move to #${into.id}, and #${from.id} is deleted.`,
  });
  if (!go) return;
  const merged = mergeCustomers(store, { fromId: from.id, intoId: into.id }, ctx.now);
  if (options.json && merged) ctx.print(JSON.stringify({ merged: from.id, into: customerJson(merged, options.includeContacts === true) }, null, 2));
  ctx.info(`${ctx.err.green('Merged')} customer #${from.id} into #${into.id} (${oneLine(into.name)}); #${from.id} is gone, and other databases merge it too when they import your export.`);
}
