import { linkColleague, unresolvedColleagues } from '../../../app/chain.ts';
import { unresolvedTable } from '../../../ui/render/chain.ts';
import { oneLine } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

/** `svc chain unresolved`: internal customers without a person, most-named first. */
export const unresolved = {
  run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
    const rows = unresolvedColleagues(ctx.store());
    if (options.json) {
      ctx.print(JSON.stringify(rows, null, 2));
      return;
    }
    if (rows.length === 0) {
      ctx.info('Every colleague served is linked to a person.');
      return;
    }
    ctx.print(unresolvedTable(rows, ctx.look()));
    ctx.info(ctx.err.dim('hint: svc chain link NAME PERSON links one to the person they are'));
  },
};

/** `svc chain link CUSTOMER PERSON`. */
export const link = {
  run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
    const linked = linkColleague(ctx.store(), { customer: String(options.args[0] ?? ''), person: String(options.args[1] ?? '') }, ctx.now);
    if (options.json) ctx.print(JSON.stringify(linked, null, 2));
    ctx.info(`${ctx.err.green('Linked')} "${oneLine(linked.customer)}" (#${linked.customerId}) to ${oneLine(linked.person)}: their internal stories join the chain.`);
  },
};
