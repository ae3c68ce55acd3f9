import { sql, type Db } from './db.ts';
import { linkMatchesForPractice } from './matching.ts';
import { moveReferences } from './references.ts';
import { recordTombstone } from './tombstones.ts';

export interface TagSummary {
  name: string;
  stories: number;
  builtin: boolean;
  lastUsedOn: string | null;
}

/** The id of a (normalised) tag, created on first use. */
export function ensureTag(db: Db, name: string, now: string): number {
  sql(db, 'INSERT INTO tags (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, now);
  return (sql(db, 'SELECT id FROM tags WHERE name = ?').get(name) as { id: number }).id;
}

/** Every tag with its story count, most used first. */
export function listTags(db: Db): TagSummary[] {
  const rows = sql(
    db,
    `SELECT t.name, t.builtin, count(st.story_id) AS stories, max(s.occurred_on) AS lastUsedOn
       FROM tags t
       LEFT JOIN story_tags st ON st.tag_id = t.id
       LEFT JOIN stories s ON s.id = st.story_id
      GROUP BY t.id
      ORDER BY stories DESC, t.name`,
  ).all() as Array<Omit<TagSummary, 'builtin'> & { builtin: number }>;
  return rows.map((row) => ({ ...row, builtin: row.builtin === 1 }));
}

/** Tag names, most used first, for prompts. */
export function tagNames(db: Db): string[] {
  return listTags(db).map((tag) => tag.name);
}

/** A tag by its (normalised) name, or undefined. */
export function findTag(db: Db, name: string): { id: number; name: string; builtin: boolean } | undefined {
  const row = sql(db, 'SELECT id, name, builtin FROM tags WHERE name = ?').get(name) as { id: number; name: string; builtin: number } | undefined;
  return row ? { id: row.id, name: row.name, builtin: row.builtin === 1 } : undefined;
}

/**
 * Merges tag `fromId` into `intoId`: its stories get the survivor, a practice that
 * matched it matches the survivor (unless another practice already does), and its
 * tombstone names the survivor. Call inside store.write().
 */
export function mergeTags(db: Db, fromId: number, intoId: number, now: string): void {
  const from = sql(db, 'SELECT name, builtin FROM tags WHERE id = ?').get(fromId) as { name: string; builtin: number };
  const into = sql(db, 'SELECT name FROM tags WHERE id = ?').get(intoId) as { name: string };
  moveReferences(db, 'tags', fromId, intoId);
  const practices = sql(db, "SELECT practice_id AS id FROM practice_matchers WHERE kind = 'tag' AND value IN (?, ?)").all(from.name, into.name) as Array<{ id: number }>;
  // UPDATE OR IGNORE, written so PostgreSQL runs it too: a matcher the survivor's tag has already stays, the other goes below.
  sql(
    db,
    `UPDATE practice_matchers SET value = @into WHERE kind = 'tag' AND value = @from
        AND NOT EXISTS (SELECT 1 FROM practice_matchers held WHERE held.kind = 'tag' AND held.value = @into AND held.qualifier = practice_matchers.qualifier)`,
  ).run({ into: into.name, from: from.name });
  sql(db, "DELETE FROM practice_matchers WHERE kind = 'tag' AND value = ?").run(from.name);
  sql(db, 'DELETE FROM tags WHERE id = ?').run(fromId);
  sql(db, 'UPDATE tags SET builtin = max(builtin, ?) WHERE id = ?').run(from.builtin, intoId);
  for (const { id } of practices) linkMatchesForPractice(db, id, now);
  recordTombstone(db, { table: 'tags', key: from.name, deletedAt: now, mergedInto: into.name });
}

/** Gives a tag a new (unused) name: the new tag takes over its stories and matchers. Call inside store.write(). */
export function renameTag(db: Db, fromId: number, name: string, now: string): void {
  const builtin = (sql(db, 'SELECT builtin FROM tags WHERE id = ?').get(fromId) as { builtin: number }).builtin;
  const result = sql(db, 'INSERT INTO tags (name, builtin, created_at) VALUES (?, ?, ?)').run(name, builtin, now);
  mergeTags(db, fromId, Number(result.lastInsertRowid), now);
}
