import { QUALITY_TAGS } from '../core/phrases.ts';

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
