import { parseDay } from '../core/dates.ts';
import type { Channel, CustomerKind, Story } from '../core/story.ts';
import type { Store } from '../store/store.ts';
import { resolveNames } from './names.ts';

/** What `svc stories` filters on, as typed: days as the user wrote them, names loosely. */
export interface StoryListInput {
  since?: string | undefined;
  until?: string | undefined;
  staff?: string[] | undefined;
  /** Only stories crediting one of these people (a team and its sub-teams). */
  personIds?: readonly number[] | undefined;
  tags?: string[] | undefined;
  channel?: Channel | undefined;
  customerKind?: CustomerKind | undefined;
  search?: string | undefined;
  /** How many stories at most; 0 for all of them. */
  limit: number;
}

/** The stories the filter keeps, newest first, a page at a time (`svc stories -n 0` over a million stories stays within memory). */
export function listStories(store: Store, input: StoryListInput, clock: () => Date): Iterable<Story[]> {
  const now = clock();
  return store.stories.pages({
    since: input.since === undefined ? undefined : parseDay(input.since, now, '--since'),
    until: input.until === undefined ? undefined : parseDay(input.until, now, '--until'),
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
