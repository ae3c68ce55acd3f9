import { ConflictError, UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { getCustomer, mergeCustomers } from '../../../store/customers.ts';
import { customerJson } from '../../../ui/render/customer.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import { confirmChange } from '../../confirm.ts';
import type { Context } from '../../context.ts';
import { requireCustomer } from './forget.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean; includeContacts?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const from = requireCustomer(store, String(options.args[0]));
  const into = requireCustomer(store, String(options.args[1]));
  if (from.id === into.id) throw new UsageError(messages.mergeSame('customer'), messages.mergeSameHint('svc customers'));
  const refuseForgotten = (id: number, forgotten: boolean) => {
    // Its forget record would move to the survivor, and travel: other databases would forget the survivor.
    if (forgotten) throw new ConflictError(messages.mergeForgotten(id, into.id), messages.mergeForgottenHint(id));
  };
  refuseForgotten(from.id, from.forgotten);
  const go = await confirmChange(ctx, {
    yes: options.yes,
    what: `merging customer #${from.id} into #${into.id}`,
    command: `svc customer merge ${from.id} ${into.id}`,
    question: `Merge ${oneLine(from.name)} (#${from.id}) into ${oneLine(into.name)} (#${into.id})? Its stories and interviews move to #${into.id}, and #${from.id} is deleted.`,
  });
  if (!go) return;
  // Read again under the lock: another svc may have changed them while we asked.
  store.write(() => {
    const again = requireCustomer(store, `#${from.id}`);
    refuseForgotten(again.id, again.forgotten);
    mergeCustomers(store.db, again.id, requireCustomer(store, `#${into.id}`).id, ctx.now().toISOString());
  });
  const merged = getCustomer(store.db, into.id);
  if (options.json && merged) ctx.print(JSON.stringify({ merged: from.id, into: customerJson(merged, options.includeContacts === true) }, null, 2));
  ctx.info(`${ctx.err.green('Merged')} customer #${from.id} into #${into.id} (${oneLine(into.name)}); #${from.id} is gone, and other databases merge it too when they import your export.`);
}
