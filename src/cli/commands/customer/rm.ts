import { removableCustomer, removeCustomer } from '../../../app/customers.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import { confirmChange } from '../../confirm.ts';
import type { Context } from '../../context.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const customer = removableCustomer(store, { customer: String(options.args[0]) });
  const go = await confirmChange(ctx, {
    yes: options.yes,
    what: `removing customer #${customer.id}`,
    command: `svc customer rm ${customer.id}`,
    question: `Remove customer ${oneLine(customer.name)} (#${customer.id})?`,
  });
  if (!go) return;
  removeCustomer(store, { id: customer.id }, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ removed: customer.id }, null, 2));
  ctx.info(`${ctx.err.yellow('Removed')} customer #${customer.id} (${oneLine(customer.name)}).`);
}
