import { renameTag } from '../../../app/tags.ts';
import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { from, name, changed } = renameTag(ctx.store(), { name: String(options.args[0] ?? ''), newName: String(options.args[1] ?? '') }, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ from, name }, null, 2));
  ctx.info(changed ? `${ctx.err.green('Renamed')} tag ${from} to ${name}; its stories and practice matchers follow.` : messages.tagNameUnchanged(name));
}
