import { linkStories } from '../../../app/practice-evidence.ts';
import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { practice, linked, alreadyLinked } = linkStories(ctx.store(), { practice: String(options.args[0] ?? ''), stories: options.args[1] as string[] | undefined }, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ practice: practice.name, linked, alreadyLinked }, null, 2));
  if (linked.length) ctx.info(`${ctx.err.green('Linked')} ${messages.storiesLinked(linked, practice.name)}`);
  for (const how of ['manual', 'matched'] as const) {
    const ids = alreadyLinked.filter((link) => link.how === how).map((link) => link.storyId);
    if (ids.length) ctx.info(messages.storiesAlreadyLinked(ids, practice.name, how));
  }
}
