import { VECTOR_VERSION } from '../core/suggest.ts';
import { isPostgres, jsonValues, sql, type Db } from './db.ts';

/**
 * Sentence vectors of stories and practices (migrations/0011_story_vectors.sql), and the
 * stories people said do not show a practice. Vectors are stored as signed bytes and
 * turned back into numbers by core/suggest.ts.
 */

/** A story's text and the names of the people it credits, as the encoder needs them. */
export interface StoryForVector {
  id: number;
  text: string;
  names: string[];
}

/** A stored story with its vector bytes. */
export interface StoryWithVector extends StoryForVector {
  vector: Uint8Array;
}

interface StoryRow {
  id: number;
  text: string;
  names: string | null;
  vector?: Uint8Array;
}

// Names joined by a character that never occurs in one.
const NAMES = `(SELECT group_concat(p.name, char(31)) FROM story_people sp JOIN people p ON p.id = sp.person_id WHERE sp.story_id = s.id)`;

function toStory(row: StoryRow): StoryWithVector {
  return { id: row.id, text: row.text, names: row.names ? row.names.split('\u001f') : [], vector: row.vector ?? new Uint8Array() };
}

/** How many stories have no vector from the current encoder input. */
export function countUnembedded(db: Db): number {
  return (
    sql(db, 'SELECT count(*) AS n FROM stories s LEFT JOIN story_vectors v ON v.story_id = s.id WHERE v.story_id IS NULL OR v.version <> ?').get(
      VECTOR_VERSION,
    ) as { n: number }
  ).n;
}

/** The next stories without a current vector, after a story id, in id order. */
export function storiesToEmbed(db: Db, afterId: number, limit: number): StoryForVector[] {
  const rows = sql(
    db,
    `SELECT s.id, s.text, ${NAMES} AS names FROM stories s LEFT JOIN story_vectors v ON v.story_id = s.id
      WHERE s.id > ? AND (v.story_id IS NULL OR v.version <> ?) ORDER BY s.id LIMIT ?`,
  ).all(afterId, VECTOR_VERSION, limit) as StoryRow[];
  return rows.map(toStory);
}

/** Stores story vectors (replacing older ones). Call inside store.write(). */
export function saveStoryVectors(db: Db, vectors: ReadonlyArray<{ storyId: number; vector: Uint8Array }>): void {
  const insert = sql(
    db,
    `INSERT INTO story_vectors (story_id, version, vector) VALUES (?, ?, ?)
     ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, vector = excluded.vector`,
  );
  for (const item of vectors) insert.run(item.storyId, VECTOR_VERSION, item.vector);
}

/** Stories with their vectors, by id (those without a current vector are left out). */
export function storiesWithVectors(db: Db, ids: readonly number[]): StoryWithVector[] {
  if (ids.length === 0) return [];
  const rows = sql(
    db,
    `SELECT s.id, s.text, ${NAMES} AS names, v.vector FROM ${jsonValues(db)} j
       JOIN stories s ON s.id = j.value JOIN story_vectors v ON v.story_id = s.id AND v.version = ?`,
  ).all(JSON.stringify(ids), VECTOR_VERSION) as StoryRow[];
  return rows.map(toStory);
}

/** The latest stories with vectors, newest first: a background sample of the team's writing. */
export function latestStoriesWithVectors(db: Db, limit: number): StoryWithVector[] {
  const rows = sql(
    db,
    `SELECT s.id, s.text, ${NAMES} AS names, v.vector FROM stories s JOIN story_vectors v ON v.story_id = s.id AND v.version = ?
      ORDER BY s.occurred_on DESC, s.id DESC LIMIT ?`,
  ).all(VECTOR_VERSION, limit) as StoryRow[];
  return rows.map(toStory);
}

/**
 * Every story with a vector that is neither evidence of the practice nor rejected for it,
 * a page at a time in id order (so ranking at a million stories holds one page).
 */
export function* candidateStoryPages(db: Db, practiceId: number, pageSize = 1_000): Generator<StoryWithVector[]> {
  const page = sql(
    db,
    `SELECT s.id, s.text, ${NAMES} AS names, v.vector FROM stories s JOIN story_vectors v ON v.story_id = s.id AND v.version = ?
      WHERE s.id > ?
        AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.practice_id = ? AND e.story_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM suggestion_rejections r WHERE r.practice_id = ? AND r.story_id = s.id)
      ORDER BY s.id LIMIT ?`,
  );
  let after = 0;
  for (;;) {
    const rows = page.all(VECTOR_VERSION, after, practiceId, practiceId, pageSize) as StoryRow[];
    if (rows.length === 0) return;
    yield rows.map(toStory);
    after = rows.at(-1)?.id ?? after;
  }
}

/** A practice's stored name vector and the text it was made from, if any. */
export function practiceVector(db: Db, practiceId: number): { text: string; vector: Uint8Array } | undefined {
  return sql(db, 'SELECT text, vector FROM practice_vectors WHERE practice_id = ? AND version = ?').get(practiceId, VECTOR_VERSION) as
    | { text: string; vector: Uint8Array }
    | undefined;
}

/** Stores a practice's name vector. Call inside store.write(). */
export function savePracticeVector(db: Db, practiceId: number, text: string, vector: Uint8Array): void {
  sql(
    db,
    `INSERT INTO practice_vectors (practice_id, version, text, vector) VALUES (?, ?, ?, ?)
     ON CONFLICT (practice_id) DO UPDATE SET version = excluded.version, text = excluded.text, vector = excluded.vector`,
  ).run(practiceId, VECTOR_VERSION, text, vector);
}

/** Remembers that a story does not show a practice. Call inside store.write(). */
export function rejectSuggestion(db: Db, practiceId: number, storyId: number, now: string): void {
  sql(db, 'INSERT INTO suggestion_rejections (practice_id, story_id, rejected_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(practiceId, storyId, now);
}

/** Forgets a rejection (a person linked the story after all). Call inside store.write(). */
export function forgetRejection(db: Db, practiceId: number, storyId: number): void {
  sql(db, 'DELETE FROM suggestion_rejections WHERE practice_id = ? AND story_id = ?').run(practiceId, storyId);
}

/** The stories rejected for a practice, newest first, at most limit. */
export function rejectedStoryIds(db: Db, practiceId: number, limit = 200): number[] {
  const rows = sql(db, 'SELECT story_id AS id FROM suggestion_rejections WHERE practice_id = ? ORDER BY rejected_at DESC, story_id DESC LIMIT ?').all(
    practiceId,
    limit,
  ) as Array<{ id: number }>;
  return rows.map((row) => row.id);
}

/** Practices that are not retired and have evidence or a name vector: those a story may show. */
export function suggestablePracticeIds(db: Db): number[] {
  const rows = sql(db, "SELECT id FROM practices WHERE status <> 'retired' ORDER BY id").all() as Array<{ id: number }>;
  return rows.map((row) => row.id);
}

/**
 * Runs fn with SQLite's wait for a locked database shortened to ms, then restores it. The
 * wait blocks the whole thread: the guided prompt embeds in the background and must not
 * freeze the keys being typed while another svc writes. On PostgreSQL the wait is for a
 * row another transaction holds: its lock_timeout.
 */
export async function withBusyTimeout<T>(db: Db, ms: number, fn: () => Promise<T>): Promise<T> {
  if (isPostgres(db)) {
    const setting = sql(db, "SELECT set_config('lock_timeout', ?, false)").pluck();
    const before = sql(db, "SELECT current_setting('lock_timeout')").pluck().get() as string;
    setting.get(`${Math.max(0, Math.floor(ms))}ms`);
    try {
      return await fn();
    } finally {
      setting.get(before);
    }
  }
  const before = Number(db.pragma('busy_timeout', { simple: true }));
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
  try {
    return await fn();
  } finally {
    db.pragma(`busy_timeout = ${before}`);
  }
}
