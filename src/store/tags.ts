import { sql, type Db } from './db.ts';

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
