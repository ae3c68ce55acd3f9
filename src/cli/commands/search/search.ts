import { messages } from '../../../core/messages.ts';
import { searchStories } from '../../../app/search.ts';
import { storyJson } from '../../../ui/render/story.ts';
import { formatDay } from '../../../ui/format.ts';
import { oneLine, plainHighlights, renderHighlights } from '../../../ui/text.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ limit?: number; json?: boolean }>, ctx: Context): void {
  const query = ((options.args[0] as string[] | undefined) ?? []).join(' ');
  const hits = searchStories(ctx.store(), { query, limit: options.limit });
  if (options.json) {
    const json = hits.map((hit) => {
      const { text, highlights } = plainHighlights(hit.snippet);
      return { ...storyJson(hit.story), snippet: text, highlights };
    });
    ctx.print(JSON.stringify(json, null, 2));
    return;
  }
  if (hits.length === 0) {
    ctx.info(messages.noStoryContains(query));
    return;
  }
  const look = ctx.look();
  const c = look.color;
  const mark = look.tty ? (text: string) => c.bold.yellow(text) : (text: string) => `[${text}]`;
  const blocks = hits.map((hit) => {
    const head = [`#${hit.story.id}`, formatDay(hit.story.occurredOn, look.now, look.tty), hit.story.staff.join(', ')]
      .filter(Boolean)
      .join(' · ');
    return `${c.bold(oneLine(head))}\n  ${renderHighlights(hit.snippet, mark)}`;
  });
  ctx.print(blocks.join('\n\n'));
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
