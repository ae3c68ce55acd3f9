import type { CheckReport, Store } from '../store/store.ts';

/**
 * Checks a database on a PostgreSQL server, changing nothing: svc's schema at its version,
 * the search index against the stories, and references. A SQLite file is checked by
 * reading the file itself (store/check.ts), which a damaged file needs.
 */
export function checkServer(store: Store): CheckReport {
  return store.transfer.checkServer();
}
