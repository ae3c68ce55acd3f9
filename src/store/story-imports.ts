import { sql, type Db } from './db.ts';

/** Of these content keys, the ones already imported. */
export function importedKeys(db: Db, keys: readonly string[]): Set<string> {
  if (keys.length === 0) return new Set();
  const rows = sql(db, 'SELECT key FROM story_import_keys WHERE key IN (SELECT value FROM json_each(?))').all(JSON.stringify(keys)) as Array<{ key: string }>;
  return new Set(rows.map((row) => row.key));
}

/** Records that a story came in under a content key. Call inside store.write(). */
export function recordImportKey(db: Db, key: string, storyId: number, now: string): void {
  sql(db, 'INSERT INTO story_import_keys (key, story_id, imported_at) VALUES (?, ?, ?)').run(key, storyId, now);
}
