import { QUALITY_TAGS } from '../core/phrases.ts';
import { sql, type Db } from './db.ts';

/**
 * The stories that show each quality in a period (:since … :until): a quality word in the
 * text (story_phrases) or the attribute's built-in tag. The one source of quality counts,
 * for `svc detect` and `svc report` alike; a CTE named quality_evidence(attribute, story_id).
 * A story may appear more than once per attribute: count it with count(DISTINCT story_id)
 * (UNION instead would sort every row once more, for nothing).
 */
export const QUALITY_EVIDENCE = `quality_evidence(attribute, story_id) AS (
    SELECT key, story_id FROM story_phrases
     WHERE kind = 'quality' AND occurred_on BETWEEN :since AND :until
    UNION ALL
    SELECT replace(t.name, '-', ' '), st.story_id
      FROM tags t JOIN story_tags st ON st.tag_id = t.id JOIN stories s ON s.id = st.story_id
     WHERE t.builtin = 1 AND t.name IN (${QUALITY_TAGS.map((tag) => `'${tag}'`).join(', ')})
       AND s.occurred_on BETWEEN :since AND :until)`;

/** The practice's evidence stories that show each quality, counted as the report counts them. */
export function practiceQualities(db: Db, practiceId: number): Array<{ attribute: string; stories: number }> {
  return sql(
    db,
    `WITH ${QUALITY_EVIDENCE}
     SELECT q.attribute, count(DISTINCT q.story_id) AS stories
       FROM quality_evidence q JOIN evidence e ON e.story_id = q.story_id AND e.practice_id = :practice
      GROUP BY q.attribute`,
  ).all({ since: '0000-00-00', until: '9999-12-31', practice: practiceId }) as Array<{ attribute: string; stories: number }>;
}
