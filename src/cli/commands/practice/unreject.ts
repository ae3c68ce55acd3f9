import { NotFoundError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { unreject } from '../../../store/detect.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

/** Lets a rejected candidate be suggested again. */
export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const what = String(options.args[0] ?? '');
  const store = ctx.store();
  const removed = store.write(() => unreject(store.db, what));
  if (removed.length === 0) throw new NotFoundError(messages.rejectedNotFound(what), messages.rejectedNotFoundHint);
  if (options.json) ctx.print(JSON.stringify(removed, null, 2));
  const labels = [...new Set(removed.map((r) => r.label))].join('", "');
  ctx.info(`${ctx.err.green('Restored')} "${labels}": svc detect may suggest it again.`);
}
