import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { applyStoryEdit } from '../../../core/story.ts';
import { linkMatchesForStory } from '../../../store/matching.ts';
import { getStory, updateStory } from '../../../store/stories.ts';
import { storyJson, storySummary } from '../../../ui/render/story.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { editInEditor } from '../../io.ts';
import { storyInputFromOptions, type StoryFieldOptions } from './fields.ts';
import { requireStory } from './show.ts';

type EditOptions = WithArgs<StoryFieldOptions & { text?: string }>;

export function run(options: EditOptions, ctx: Context): void {
  const store = ctx.store();
  const story = requireStory(store.db, options.args[0]);
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

  const now = ctx.now();
  const draft = applyStoryEdit(story, input, now);
  store.write(() => {
    updateStory(store.db, story.id, draft, now.toISOString());
    linkMatchesForStory(store.db, story.id, now.toISOString());
  });
  const updated = getStory(store.db, story.id);
  if (!updated) throw new Error(`story #${story.id} vanished while editing`);
  if (options.json) ctx.print(JSON.stringify(storyJson(updated), null, 2));
  ctx.info(`${ctx.err.green('Updated')} story ${storySummary(updated, { ...ctx.look(), color: ctx.err })}`);
}
