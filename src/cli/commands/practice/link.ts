import { NotFoundError, UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { parseId } from '../../../core/ids.ts';
import { unique } from '../../../core/text.ts';
import type { Db } from '../../../store/db.ts';
import { linkEvidence } from '../../../store/practices.ts';
import { getStory } from '../../../store/stories.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePractice } from '../../../app/practice.ts';

/** The STORY_ID arguments as ids of existing stories; any bad or missing one refuses all. */
export function storyIdsFromArgs(db: Db, values: unknown): number[] {
  const typed = (values as string[] | undefined) ?? [];
  if (typed.length === 0) throw new UsageError(messages.missingStoryIds, messages.missingStoryIdsHint);
  const ids = unique(typed.map((value) => parseId('story', value)));
  const missing = ids.find((id) => !getStory(db, id));
  if (missing !== undefined) throw new NotFoundError(messages.storyNotFound(missing), messages.storyNotFoundHint);
  return ids;
}

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const store = ctx.store();
  const practice = requirePractice(store, options.args[0]);
  const ids = storyIdsFromArgs(store.db, options.args[1]);
  const now = ctx.now().toISOString();
  store.write(() => {
    for (const id of ids) linkEvidence(store.db, practice.id, id, 'manual', now);
  });
  if (options.json) ctx.print(JSON.stringify({ practice: practice.name, linked: ids }, null, 2));
  ctx.info(`${ctx.err.green('Linked')} ${ids.map((id) => `#${id}`).join(', ')} to "${practice.name}" by hand`);
}
