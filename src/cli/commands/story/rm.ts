import { removeStory, requireStory } from '../../../app/story.ts';
import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { storyJson, storySummary } from '../../../ui/render/story.ts';
import { oneLine, truncate } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export async function run(options: WithArgs<{ yes?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const story = requireStory(store, options.args[0]);
  if (!options.yes) {
    if (!ctx.canPrompt) throw new UsageError(messages.confirmRemoveNeedsYes(story.id), messages.confirmRemoveNeedsYesHint(story.id));
    const { askConfirm } = await import('../../prompts.ts');
    const sure = await askConfirm(`Delete story #${story.id} "${truncate(oneLine(story.text), 50)}"? This cannot be undone.`);
    if (!sure) {
      ctx.info(`Kept story #${story.id}; nothing was deleted.`);
      return;
    }
  }
  removeStory(store, story, ctx.now());
  if (options.json) ctx.print(JSON.stringify(storyJson(story), null, 2));
  ctx.info(`${ctx.err.yellow('Deleted')} story ${storySummary(story, { ...ctx.look(), color: ctx.err })}`);
}
