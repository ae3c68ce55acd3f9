import type { Named, NamedKind } from '../core/resolve.ts';
import { sql, type Db } from './db.ts';

export type { NamedKind } from '../core/resolve.ts';

// One small query per kind: id and name only, so resolving and completing a name stays cheap.
const NAMES_SQL: Record<NamedKind, string> = {
  practice: 'SELECT id, name FROM practices ORDER BY name_key',
  person: 'SELECT id, name FROM people ORDER BY active DESC, name_key',
  tag: 'SELECT id, name FROM tags ORDER BY name',
  // A forgotten customer has no name left to type, but its id still says it was forgotten.
  customer: "SELECT id, CASE WHEN forgotten_at IS NULL THEN name ELSE '' END AS name FROM customers ORDER BY forgotten_at IS NOT NULL, name_key, id",
};

/** Every practice, person, tag or customer, as id and name (a forgotten customer's is empty). */
export function namedItems(db: Db, kind: NamedKind): Named[] {
  return sql(db, NAMES_SQL[kind]).all() as Named[];
}

/** The newest stories' ids with the start of their text, for completing a story id. */
export function recentStoryIds(db: Db, limit: number): Named[] {
  return sql(db, 'SELECT id, substr(text, 1, 60) AS name FROM stories ORDER BY id DESC LIMIT ?').all(limit) as Named[];
}
