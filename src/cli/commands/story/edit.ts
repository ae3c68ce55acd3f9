import { editStory, requireStory } from '../../../app/story.ts';
import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { storyJson, storySummary } from '../../../ui/render/story.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { editInEditor } from '../../io.ts';
import { storyInputFromOptions, type StoryFieldOptions } from './fields.ts';

type EditOptions = WithArgs<StoryFieldOptions & { text?: string }>;

export function run(options: EditOptions, ctx: Context): void {
  const store = ctx.store();
  const story = requireStory(store, options.args[0]);
  const input = storyInputFromOptions(options);
  if (options.text !== undefined) input.text = options.text;

  if (Object.keys(input).length === 0) {
    if (!ctx.canPrompt) throw new UsageError(messages.nothingToEdit, messages.nothingToEditHint);
    const edited = editInEditor(story.text, ctx.env);
    if (edited.trim() === story.text.trim()) {
      ctx.info('No change: the story is as it was.');
      return;
    }
    input.text = edited;
  }

  const updated = editStory(store, { story, changes: input }, ctx.now());
  if (options.json) ctx.print(JSON.stringify(storyJson(updated), null, 2));
  ctx.info(`${ctx.err.green('Updated')} story ${storySummary(updated, { ...ctx.look(), color: ctx.err })}`);
}
