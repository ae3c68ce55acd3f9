import { NotFoundError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { parseId } from '../../../core/ids.ts';
import type { Story } from '../../../core/story.ts';
import type { Db } from '../../../store/db.ts';
import { getStory } from '../../../store/stories.ts';
import { storyDetail, storyJson } from '../../../ui/render/story.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

/** The story with the id as typed, or a NotFoundError. */
export function requireStory(db: Db, typedId: unknown): Story {
  const id = parseId('story', String(typedId));
  const story = getStory(db, id);
  if (!story) throw new NotFoundError(messages.storyNotFound(id), messages.storyNotFoundHint);
  return story;
}

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const story = requireStory(ctx.store().db, options.args[0]);
  ctx.print(options.json ? JSON.stringify(storyJson(story), null, 2) : storyDetail(story, ctx.look()).trimEnd());
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
