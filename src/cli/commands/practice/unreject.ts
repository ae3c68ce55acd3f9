import { unrejectCandidate } from '../../../app/practice-admin.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

/** Lets a rejected candidate be suggested again. */
export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const removed = unrejectCandidate(ctx.store(), { what: String(options.args[0] ?? '') });
  if (options.json) ctx.print(JSON.stringify(removed, null, 2));
  const labels = [...new Set(removed.map((r) => r.label))].join('", "');
  ctx.info(`${ctx.err.green('Restored')} "${labels}": svc detect may suggest it again.`);
}
