import type { Customer } from '../../../core/customer.ts';
import { ConflictError, NotFoundError, UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { customerIdsByName, getCustomer } from '../../../store/customers.ts';
import type { Db } from '../../../store/db.ts';
import { compactDatabase, forgetCustomer, type ForgetReport } from '../../../store/forget.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

/** The customer named by id ("12", "#12") or by name. */
export function requireCustomer(db: Db, typed: string): Customer {
  const asId = /^#?\d{1,15}$/.test(typed.trim()) ? Number(typed.trim().replace('#', '')) : undefined;
  if (asId !== undefined) {
    const found = getCustomer(db, asId);
    if (!found) throw new NotFoundError(messages.customerNotFound(`#${asId}`), messages.customerNotFoundHint);
    return found;
  }
  const ids = customerIdsByName(db, typed);
  if (ids.length > 1) throw new UsageError(messages.customerAmbiguous(typed, ids), messages.customerAmbiguousHint);
  const found = ids[0] === undefined ? undefined : getCustomer(db, ids[0]);
  if (!found) throw new NotFoundError(messages.customerNotFound(`called "${typed}"`), messages.customerNotFoundHint);
  return found;
}

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const customer = requireCustomer(store.db, String(options.args[0]));
  if (customer.forgotten) throw new ConflictError(messages.customerAlreadyForgotten(customer.id), messages.customerAlreadyForgottenHint);
  if (!options.yes) {
    if (!ctx.canPrompt) throw new UsageError(messages.forgetNeedsYes(customer.id), messages.forgetNeedsYesHint(customer.id));
    const { askConfirm } = await import('../../prompts.ts');
    const sure = await askConfirm(
      `Forget ${oneLine(customer.name)} (#${customer.id})? Their name, email and phone are erased everywhere; ` +
        'stories and answers stay, anonymised. This cannot be undone.',
    );
    if (!sure) {
      ctx.info(`Kept customer #${customer.id}; nothing was changed.`);
      return;
    }
  }
  const report = store.write(() => forgetCustomer(store.db, customer.id, ctx.now().toISOString()));
  compactDatabase(store.db);
  if (options.json) ctx.print(JSON.stringify(report, null, 2));
  for (const line of describe(report)) ctx.info(line);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What forgetting changed, in words. */
function describe(report: ForgetReport): string[] {
  const erased = report.erased.length ? report.erased.join(', ') : 'nothing (no details were stored)';
  const copies = [
    report.storiesChanged ? plural(report.storiesChanged, 'story', 'stories') : '',
    report.interviewsChanged ? plural(report.interviewsChanged, 'interview', 'interviews') : '',
    ...Object.entries(report.elsewhere).map(([table, n]) => `${plural(n, 'row', 'rows')} of ${table}`),
  ].filter(Boolean);
  return [
    `Forgot customer #${report.customerId}: erased ${erased}.`,
    copies.length
      ? `Replaced their details with "(forgotten)" in ${copies.join(', ')}; the stories and answers are kept.`
      : 'No story or interview answer held a copy of their details.',
    'Wiped the search index entries, free pages and write-ahead log that held them.',
  ];
}
