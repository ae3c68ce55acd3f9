import { ConflictError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { customerReferences, removeCustomer } from '../../../store/customers.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import { confirmChange } from '../../confirm.ts';
import type { Context } from '../../context.ts';
import { requireCustomer } from './forget.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const customer = requireCustomer(store, String(options.args[0]));
  const refuseIfUsed = (forgotten: boolean) => {
    // Its forget record must go on travelling in exports: the row it points to stays.
    if (forgotten) throw new ConflictError(messages.customerForgottenStays(customer.id), messages.customerForgottenStaysHint);
    const uses = describeUses(customerReferences(store.db, customer.id));
    if (uses) throw new ConflictError(messages.customerInUse(customer.id, uses), messages.customerInUseHint(customer.id));
  };
  refuseIfUsed(customer.forgotten);
  const go = await confirmChange(ctx, {
    yes: options.yes,
    what: `removing customer #${customer.id}`,
    command: `svc customer rm ${customer.id}`,
    question: `Remove customer ${oneLine(customer.name)} (#${customer.id})?`,
  });
  if (!go) return;
  store.write(() => {
    // Read again under the lock: another svc may have changed it while we asked.
    const again = requireCustomer(store, `#${customer.id}`);
    refuseIfUsed(again.forgotten);
    removeCustomer(store.db, again.id, ctx.now().toISOString());
  });
  if (options.json) ctx.print(JSON.stringify({ removed: customer.id }, null, 2));
  ctx.info(`${ctx.err.yellow('Removed')} customer #${customer.id} (${oneLine(customer.name)}).`);
}

const NOUNS: Record<string, readonly [string, string]> = { stories: ['story', 'stories'], interviews: ['interview', 'interviews'] };

/** "2 stories and 1 interview", from counts per table.column. */
function describeUses(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([where, n]) => {
      const table = where.split('.')[0] ?? where;
      const [one, many] = NOUNS[table] ?? [`row of ${table}`, `rows of ${table}`];
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(' and ');
}
