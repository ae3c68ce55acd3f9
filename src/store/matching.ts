import { isPostgres, jsonValues, sql, type Db } from './db.ts';

/**
 * Automatic evidence: a story that satisfies a practice's matchers is linked to it
 * (how = 'matched'). Tag matchers match a story's tags; phrase matchers match the
 * behaviour keys extracted from its text (story_phrases, filled by
 * ensurePhrasesIndexed). Links made by hand are never undone, and a story unlinked by
 * hand (an evidence tombstone) is not linked again by a matcher.
 */

/**
 * Phrase matcher m matches story phrase sp: the same key, a behaviour, and the matcher's
 * qualifier among those read after the phrase (a matcher without one takes any).
 */
export const PHRASE_MATCHES = `sp.key = m.value AND sp.kind <> 'quality'
  AND (m.qualifier = '' OR instr(' ' || sp.qualifiers || ' ', ' ' || m.qualifier || ' ') > 0)`;

/** No tombstone says this practice's link to this story was removed (aliases p and the story id). */
const NOT_UNLINKED = (story: string) =>
  `NOT EXISTS (SELECT 1 FROM tombstones tb WHERE tb.table_name = 'evidence'
                 AND tb.key = json_array(p.uuid, (SELECT s.uuid FROM stories s WHERE s.id = ${story})))`;

/** Re-links one story after it was added, edited or indexed. Call inside store.write(). */
export function linkMatchesForStory(db: Db, storyId: number, now: string): void {
  linkMatchesForStories(db, [storyId], now);
}

/**
 * Re-links a batch of stories in two statements, whatever its size: indexing re-links
 * every story it indexed, and two statements per story cost as much as writing its phrases.
 * CROSS JOIN keeps the batch's ids the outer loop: otherwise SQLite starts from a
 * matcher's tag and scans the batch once for each of that tag's stories.
 * Call inside store.write().
 */
export function linkMatchesForStories(db: Db, storyIds: readonly number[], now: string): void {
  if (storyIds.length === 0) return;
  const ids = JSON.stringify(storyIds);
  sql(db, "DELETE FROM evidence WHERE story_id IN (SELECT value FROM json_each(?)) AND how = 'matched'").run(ids);
  sql(
    db,
    `INSERT INTO evidence (practice_id, story_id, how, created_at)
     SELECT DISTINCT m.practice_id, st.story_id, 'matched', ?
       FROM ${jsonValues(db)} j
       CROSS JOIN story_tags st ON st.story_id = j.value
       JOIN tags t ON t.id = st.tag_id
       JOIN practice_matchers m ON m.kind = 'tag' AND m.value = t.name
       JOIN practices p ON p.id = m.practice_id AND p.status <> 'retired'
      WHERE ${NOT_UNLINKED('st.story_id')}
     UNION
     SELECT DISTINCT m.practice_id, sp.story_id, 'matched', ?
       FROM ${jsonValues(db)} j
       CROSS JOIN story_phrases sp ON sp.story_id = j.value
       JOIN practice_matchers m ON m.kind = 'phrase' AND ${PHRASE_MATCHES}
       JOIN practices p ON p.id = m.practice_id AND p.status <> 'retired'
      WHERE ${NOT_UNLINKED('sp.story_id')}
     ON CONFLICT (practice_id, story_id) DO NOTHING`,
  ).run(now, ids, now, ids);
}

/** Whether any practice matches by phrase (indexing skips re-linking when none does). */
export function hasPhraseMatchers(db: Db): boolean {
  return sql(db, "SELECT 1 FROM practice_matchers WHERE kind = 'phrase' LIMIT 1").get() !== undefined;
}

/** Links every story (and held interview's answer) that satisfies a practice's matchers (after matchers change); how many stories. */
export function linkMatchesForPractice(db: Db, practiceId: number, now: string): number {
  const linked = sql(
    db,
    `INSERT INTO evidence (practice_id, story_id, how, created_at)
     SELECT DISTINCT m.practice_id, st.story_id, 'matched', ?
       FROM practice_matchers m
       JOIN tags t ON m.kind = 'tag' AND t.name = m.value
       JOIN story_tags st ON st.tag_id = t.id
       JOIN practices p ON p.id = m.practice_id
      WHERE m.practice_id = ? AND ${NOT_UNLINKED('st.story_id')}
     UNION
     SELECT DISTINCT m.practice_id, sp.story_id, 'matched', ?
       FROM practice_matchers m
       JOIN story_phrases sp ON m.kind = 'phrase' AND ${PHRASE_MATCHES}
       JOIN practices p ON p.id = m.practice_id
      WHERE m.practice_id = ? AND ${NOT_UNLINKED('sp.story_id')}
     ON CONFLICT (practice_id, story_id) DO NOTHING`,
  ).run(now, practiceId, now, practiceId).changes;
  linkAnswersForPractice(db, practiceId, now);
  return linked;
}

/**
 * Removes a matcher and the evidence it alone brought in: stories it matched that no other
 * matcher of the practice matches, and that were not linked by hand. Nothing is linked
 * again, so a story unlinked by hand stays unlinked. How many stories stopped being
 * evidence, or undefined if there is no such matcher. Call inside store.write().
 */
export function dropMatcher(db: Db, matcherId: number): number | undefined {
  const matcher = sql(db, 'SELECT practice_id AS practiceId, kind, value, qualifier FROM practice_matchers WHERE id = ?').get(matcherId) as
    | { practiceId: number; kind: string; value: string; qualifier: string }
    | undefined;
  if (!matcher) return undefined;
  sql(db, 'DELETE FROM practice_matchers WHERE id = ?').run(matcherId);
  dropUnmatchedAnswers(db, matcher.practiceId);
  // The stories this matcher matched (m is the removed matcher, as a row of values).
  const [matchedBy, ...matchedParams] =
    matcher.kind === 'phrase'
      ? [`SELECT sp.story_id FROM story_phrases sp, (SELECT ? AS value, ? AS qualifier) m WHERE ${PHRASE_MATCHES}`, matcher.value, matcher.qualifier]
      : ['SELECT st.story_id FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE t.name = ?', matcher.value];
  return sql(
    db,
    `DELETE FROM evidence WHERE practice_id = ? AND how = 'matched' AND story_id IN (${matchedBy})
        AND story_id NOT IN (
          SELECT st.story_id FROM practice_matchers m JOIN tags t ON m.kind = 'tag' AND t.name = m.value JOIN story_tags st ON st.tag_id = t.id
           WHERE m.practice_id = ?
          UNION
          SELECT sp.story_id FROM practice_matchers m JOIN story_phrases sp ON m.kind = 'phrase' AND ${PHRASE_MATCHES}
           WHERE m.practice_id = ?)`,
  ).run(matcher.practiceId, ...matchedParams, matcher.practiceId, matcher.practiceId).changes;
}

/*
 * Customers' "confirms" answers are matched the same way: a held interview's answer keys
 * (interviews.answer_keys, read when it was logged) against the practices' matchers, a
 * phrase matcher by the answer's behaviours, a tag matcher by the tags it reads as. Links
 * by hand stay, and a link removed by hand (a tombstone) is not made again.
 */

/**
 * Each held interview and practice whose matcher its answer satisfies, with their uuids
 * (for tombstones) and the practice's status. Interviews are few (three calls a leader a
 * round), so the whole set is cheap to build.
 */
function answerMatches(db: Db): string {
  return (['phrases', 'tags'] as const)
    .map(
      (list) => `SELECT i.id AS interview_id, m.practice_id, i.uuid AS interview_uuid, p.uuid AS practice_uuid, p.status
       FROM interviews i
       CROSS JOIN ${answerKeys(db, list)} k
       JOIN practice_matchers m ON m.kind = '${list === 'phrases' ? 'phrase' : 'tag'}' AND m.value = k.value
       JOIN practices p ON p.id = m.practice_id
      WHERE i.status = 'done'`,
    )
    .join(' UNION ');
}

/**
 * The keys of one list of interview i's answer keys, a table with column value. The
 * keys are written by svc or checked on import (core/import-rules.ts); SQLite still reads
 * text that is not JSON as no keys. PostgreSQL's jsonb has no such test before version 16
 * and refuses text that is not JSON: there, such a value fails the statement.
 */
function answerKeys(db: Db, list: 'phrases' | 'tags'): string {
  if (!isPostgres(db)) return `json_each(CASE WHEN json_valid(i.answer_keys) THEN i.answer_keys ELSE '{}' END, '$.${list}')`;
  const keys = `CAST(i.answer_keys AS jsonb) -> '${list}'`;
  return `LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(${keys}) = 'array' THEN ${keys} ELSE '[]' END)`;
}

function linkAnswers(db: Db, filter: string, params: Record<string, unknown>): number {
  return sql(
    db,
    `INSERT INTO interview_practices (interview_id, practice_id, how, created_at)
     SELECT a.interview_id, a.practice_id, 'matched', @now FROM (${answerMatches(db)}) a
      WHERE ${filter}
        AND NOT EXISTS (SELECT 1 FROM tombstones tb WHERE tb.table_name = 'interview_practices' AND tb.key = json_array(a.interview_uuid, a.practice_uuid))
     ON CONFLICT (interview_id, practice_id) DO NOTHING`,
  ).run(params).changes;
}

/** Re-links one held interview after its answer keys were stored (links by hand stay). Call inside store.write(). */
export function linkMatchesForInterview(db: Db, interviewId: number, now: string): void {
  sql(db, "DELETE FROM interview_practices WHERE interview_id = ? AND how = 'matched'").run(interviewId);
  linkAnswers(db, "a.interview_id = @interview AND a.status <> 'retired'", { interview: interviewId, now });
}

/** Links every held interview whose answer satisfies a practice's matchers (after they change). */
export function linkAnswersForPractice(db: Db, practiceId: number, now: string): number {
  return linkAnswers(db, 'a.practice_id = @practice', { practice: practiceId, now });
}

/** Drops a practice's matched interview links that none of its matchers supports any more (after one was removed). */
function dropUnmatchedAnswers(db: Db, practiceId: number): void {
  sql(
    db,
    `DELETE FROM interview_practices WHERE practice_id = @practice AND how = 'matched'
        AND interview_id NOT IN (SELECT a.interview_id FROM (${answerMatches(db)}) a WHERE a.practice_id = @practice)`,
  ).run({ practice: practiceId });
}
