import { requireStory } from '../../../app/story.ts';
import { storyDetail, storyJson } from '../../../ui/render/story.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const story = requireStory(ctx.store(), options.args[0]);
  ctx.print(options.json ? JSON.stringify(storyJson(story), null, 2) : storyDetail(story, ctx.look()).trimEnd());
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
