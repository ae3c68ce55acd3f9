import { resolveNamed } from '../../../app/names.ts';
import type { SqliteStore } from '../../../store/sqlite-store.ts';
import { findPerson, type PersonRow } from '../../../store/people.ts';

/** The person named (loosely: any case, accents optional, a unique prefix, or the id), or a NotFoundError. */
export function requirePerson(store: SqliteStore, name: unknown): PersonRow {
  return findPerson(store.db, resolveNamed(store, 'person', String(name ?? '')).name) as PersonRow;
}
