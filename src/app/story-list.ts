import { checkPeriod, parseDay, toDay } from '../core/dates.ts';
import type { Story } from '../core/story.ts';
import type { Store, StoryFilter } from '../store/store.ts';
import { resolveNames } from './names.ts';

/** What `svc stories` filters on, as typed: days as the user wrote them, names loosely. */
export type StoryListInput = Omit<StoryFilter, 'since' | 'until' | 'limit'> & {
  since?: string | undefined;
  until?: string | undefined;
  /** How many stories at most; 0 for all of them. */
  limit: number;
};

/** The stories the filter keeps, newest first, a page at a time (`svc stories -n 0` over a million stories stays within memory). */
export function listStories(store: Store, input: StoryListInput, clock: () => Date): Iterable<Story[]> {
  const now = clock();
  const since = input.since === undefined ? undefined : parseDay(input.since, now, '--since', 'past');
  const until = input.until === undefined ? undefined : parseDay(input.until, now, '--until', 'past');
  // A period no story can be in is a mistake to point out, as the report does, not an empty list.
  if (since !== undefined) checkPeriod(since, until ?? toDay(now));
  return store.stories.pages({
    since,
    until,
    // A filter naming nobody is a mistake to point out, not an empty result.
    staff: resolveNames(store, 'person', input.staff),
    personIds: input.personIds,
    tags: resolveNames(store, 'tag', input.tags),
    channel: input.channel,
    customerKind: input.customerKind,
    search: input.search,
    limit: input.limit === 0 ? undefined : input.limit,
  });
}
