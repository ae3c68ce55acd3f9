import { sql, type Db } from './db.ts';

/**
 * Automatic evidence: a story that satisfies a practice's matchers is linked to it
 * (how = 'matched'). Tag matchers are matched here; links made by hand are never undone.
 */

/** Re-links one story after it was added or edited. Call inside store.write(). */
export function linkMatchesForStory(db: Db, storyId: number, now: string): void {
  sql(db, "DELETE FROM evidence WHERE story_id = ? AND how = 'matched'").run(storyId);
  sql(
    db,
    `INSERT INTO evidence (practice_id, story_id, how, created_at)
     SELECT DISTINCT m.practice_id, st.story_id, 'matched', ?
       FROM story_tags st
       JOIN tags t ON t.id = st.tag_id
       JOIN practice_matchers m ON m.kind = 'tag' AND m.value = t.name
       JOIN practices p ON p.id = m.practice_id AND p.status <> 'retired'
      WHERE st.story_id = ?
     ON CONFLICT (practice_id, story_id) DO NOTHING`,
  ).run(now, storyId);
}

/** Links every story that satisfies a practice's matchers (after matchers change). */
export function linkMatchesForPractice(db: Db, practiceId: number, now: string): number {
  return sql(
    db,
    `INSERT INTO evidence (practice_id, story_id, how, created_at)
     SELECT DISTINCT m.practice_id, st.story_id, 'matched', ?
       FROM practice_matchers m
       JOIN tags t ON m.kind = 'tag' AND t.name = m.value
       JOIN story_tags st ON st.tag_id = t.id
      WHERE m.practice_id = ?
     ON CONFLICT (practice_id, story_id) DO NOTHING`,
  ).run(now, practiceId).changes;
}
