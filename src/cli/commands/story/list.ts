import { listStories } from '../../../app/story-list.ts';
import { UsageError } from '../../../core/errors.ts';
import type { Channel } from '../../../core/story.ts';
import { teamFilter } from '../../../app/teams.ts';
import { storyJson } from '../../../ui/render/story.ts';
import { storyTable } from '../../../ui/render/story-table.ts';
import { jsonArrayChunks } from '../../../ui/json-stream.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

interface ListOptions {
  since?: string;
  until?: string;
  staff?: string[];
  team?: string;
  tag?: string[];
  channel?: Channel;
  internal?: boolean;
  external?: boolean;
  search?: string;
  limit?: number;
  json?: boolean;
}

export function run(options: WithArgs<ListOptions>, ctx: Context): void {
  if (options.internal && options.external) {
    throw new UsageError('--internal and --external cannot both be given', 'leave both out to see all stories');
  }
  const limit = options.limit ?? 20;
  const store = ctx.store();
  const team = teamFilter(store, options.team);
  const pages = listStories(
    store,
    {
      since: options.since,
      until: options.until,
      staff: options.staff,
      personIds: team?.ids,
      tags: options.tag,
      channel: options.channel,
      customerKind: options.internal ? 'internal' : options.external ? 'external' : undefined,
      search: options.search,
      limit,
    },
    ctx.now,
  );
  if (options.json) {
    ctx.printPieces(jsonArrayChunks(pages, storyJson));
    return;
  }
  // A terminal's table is sized to all its rows; lines for scripts go out as they come.
  const look = ctx.look();
  const stories = look.tty ? [[...pages].flat()] : pages;
  let shown = 0;
  for (const page of stories) {
    if (page.length === 0) continue;
    ctx.print(storyTable(page, look, shown > 0));
    shown += page.length;
  }
  if (shown === 0) {
    ctx.info('No stories match. Add one with: svc story add "what happened" --staff NAME');
    return;
  }
  if (shown === limit && ctx.stdoutIsTTY) ctx.info(ctx.err.dim(`showing the newest ${limit}; --limit 0 shows all`));
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
