import { sql, type Db } from './db.ts';

/** A deleted (or merged-away) row, as the tombstones table remembers it. */
export interface Tombstone {
  table: string;
  /** The row's key as exports carry it: its uuid, or for a tag its name. */
  key: string;
  deletedAt: string;
  /** The surviving row's key, when the row was merged into another. */
  mergedInto: string | null;
}

/**
 * Remembers that a row was deleted (or merged into another), so the deletion travels in
 * exports. A key deleted twice keeps the later time: tombstones only ever move forward.
 */
export function recordTombstone(db: Db, stone: Tombstone): 'added' | 'updated' | 'kept' {
  const before = tombstoneFor(db, stone.table, stone.key);
  if (before && before.deletedAt >= stone.deletedAt) return 'kept';
  sql(
    db,
    `INSERT INTO tombstones (table_name, key, deleted_at, merged_into) VALUES (?, ?, ?, ?)
     ON CONFLICT (table_name, key) DO UPDATE SET deleted_at = excluded.deleted_at, merged_into = excluded.merged_into`,
  ).run(stone.table, stone.key, stone.deletedAt, stone.mergedInto);
  return before ? 'updated' : 'added';
}

/** The tombstone of a row, if it was deleted here or in a database imported from. */
export function tombstoneFor(db: Db, table: string, key: string): Tombstone | undefined {
  const row = sql(db, 'SELECT deleted_at, merged_into FROM tombstones WHERE table_name = ? AND key = ?').get(table, key) as
    | { deleted_at: string; merged_into: string | null }
    | undefined;
  return row ? { table, key, deletedAt: row.deleted_at, mergedInto: row.merged_into } : undefined;
}
