import { listTags } from '../../../app/tags.ts';
import { tagTable } from '../../../ui/render/tags.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ used?: boolean; json?: boolean }>, ctx: Context): void {
  const tags = listTags(ctx.store(), { used: options.used });
  if (options.json) {
    ctx.print(JSON.stringify(tags, null, 2));
    return;
  }
  ctx.print(tagTable(tags, ctx.look()));
}
