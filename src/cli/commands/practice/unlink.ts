import { unlinkStories } from '../../../app/practice-evidence.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { practice, unlinked, relinkedOnEdit } = unlinkStories(
    ctx.store(),
    { practice: String(options.args[0] ?? ''), stories: options.args[1] as string[] | undefined },
    ctx.now,
  );
  if (options.json) ctx.print(JSON.stringify({ practice: practice.name, unlinked }, null, 2));
  ctx.info(`${ctx.err.yellow('Unlinked')} ${unlinked.map((id) => `#${id}`).join(', ')} from "${practice.name}"`);
  if (relinkedOnEdit) ctx.info(ctx.err.dim('hint: a story carrying a matcher tag is linked again when it is edited; remove the tag to keep it out'));
}
