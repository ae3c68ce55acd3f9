import type { SearchHit, Store } from '../store/store.ts';

/** The stories whose words match the query, best first (20 unless a limit is given). */
export function searchStories(store: Store, input: { query: string; limit?: number | undefined }): SearchHit[] {
  return store.stories.search(input.query, input.limit ?? 20);
}
