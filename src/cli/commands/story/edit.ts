import { editStory, requireStory } from '../../../app/story.ts';
import { SvcError, UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { storyJson, storySummary } from '../../../ui/render/story.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { saveEditDraft, whyNotSaved } from '../../drafts.ts';
import { editInEditor } from '../../io.ts';
import { storyInputFromOptions, type StoryFieldOptions } from './fields.ts';

type EditOptions = WithArgs<StoryFieldOptions & { text?: string }>;

export function run(options: EditOptions, ctx: Context): void {
  const store = ctx.store();
  const story = requireStory(store, options.args[0]);
  const input = storyInputFromOptions(options);
  if (options.text !== undefined) input.text = options.text;

  let edited: string | undefined;
  if (Object.keys(input).length === 0) {
    if (!ctx.canPrompt) throw new UsageError(messages.nothingToEdit, messages.nothingToEditHint);
    edited = editInEditor(story.text, ctx.env);
    if (edited.trim() === story.text.trim()) {
      ctx.info('No change: the story is as it was.');
      return;
    }
    input.text = edited;
  }

  let updated;
  try {
    // Text written in the editor was written over the story as it was then: refused if it changed since.
    updated = editStory(store, { story, changes: input, refuseIfChanged: edited !== undefined }, ctx.now());
  } catch (error) {
    // What was typed in the editor outlives any failure to save it: kept in a file, and the person told where.
    if (edited === undefined || !edited.trim()) throw error;
    const path = saveEditDraft(ctx.env, ctx.shownDb(), story.id, edited, ctx.now());
    const { reason, exitCode } = whyNotSaved(error);
    throw new SvcError(messages.editKept(reason, path), exitCode, messages.editKeptHint(story.id), error);
  }
  if (options.json) ctx.print(JSON.stringify(storyJson(updated), null, 2));
  ctx.info(`${ctx.err.green('Updated')} story ${storySummary(updated, { ...ctx.look(), color: ctx.err })}`);
}
