import { listCustomers } from '../../../app/customers.ts';
import { customerJson, customerTable } from '../../../ui/render/customer.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ includeContacts?: boolean; json?: boolean }>, ctx: Context): void {
  const customers = listCustomers(ctx.store());
  const contacts = options.includeContacts === true;
  if (options.json) {
    ctx.print(JSON.stringify(customers.map((c) => customerJson(c, contacts)), null, 2));
    return;
  }
  if (customers.length === 0) {
    ctx.info('No customers yet. Import a list with: svc customers import customers.csv');
    return;
  }
  ctx.print(customerTable(customers, ctx.look(), contacts));
}
