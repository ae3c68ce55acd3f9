/**
 * Writes for the benchmark's data that svc has no store function for yet (people's
 * roles, trainings, interviews, procedures, meetings). Benchmark-only: the product never
 * imports this file.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Db } from '../../src/store/db.ts';

export function setPersonDetails(db: Db, personId: number, role: string, team: string): void {
  sql(db, 'UPDATE people SET role = ?, team = ? WHERE id = ?').run(role, team, personId);
}

export function insertTraining(
  db: Db,
  training: { practiceId: number; heldOn: string; facilitatorId: number; attendeeIds: number[] },
  now: string,
): number {
  const id = Number(
    sql(
      db,
      `INSERT INTO trainings (uuid, practice_id, held_on, facilitator_id, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, NULL, ?, ?)`,
    ).run(randomUUID(), training.practiceId, training.heldOn, training.facilitatorId, now, now).lastInsertRowid,
  );
  for (const personId of training.attendeeIds) {
    sql(db, 'INSERT OR IGNORE INTO training_attendees (training_id, person_id) VALUES (?, ?)').run(id, personId);
  }
  return id;
}

export interface InterviewRecord {
  customerId: number;
  interviewerId: number;
  status: 'planned' | 'done' | 'declined';
  plannedOn: string;
  heldOn: string | null;
  learned: string | null;
  liked: string | null;
  change: string | null;
}

export function insertInterview(db: Db, interview: InterviewRecord, now: string): number {
  return Number(
    sql(
      db,
      `INSERT INTO interviews (uuid, customer_id, interviewer_id, status, planned_on, held_on, learned, liked, change,
                               created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      randomUUID(),
      interview.customerId,
      interview.interviewerId,
      interview.status,
      interview.plannedOn,
      interview.heldOn,
      interview.learned,
      interview.liked,
      interview.change,
      now,
      now,
    ).lastInsertRowid,
  );
}

export function insertProcedure(db: Db, practiceId: number, body: string, sourceStoryIds: number[], now: string): void {
  const id = Number(
    sql(db, 'INSERT INTO procedures (uuid, practice_id, version, body, created_at) VALUES (?, ?, 1, ?, ?)').run(
      randomUUID(),
      practiceId,
      body,
      now,
    ).lastInsertRowid,
  );
  for (const storyId of sourceStoryIds) {
    sql(db, 'INSERT OR IGNORE INTO procedure_sources (procedure_id, story_id) VALUES (?, ?)').run(id, storyId);
  }
}

export function insertMeeting(db: Db, heldOn: string, now: string): void {
  sql(db, 'INSERT INTO meetings (uuid, held_on, notes, created_at) VALUES (?, ?, NULL, ?)').run(randomUUID(), heldOn, now);
}

/** Stories carrying a tag, oldest first (to pick evidence and procedure sources). */
export function storiesWithTag(db: Db, tag: string, limit: number): number[] {
  return (
    sql(
      db,
      `SELECT st.story_id AS id FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE t.name = ?
        ORDER BY st.story_id LIMIT ?`,
    ).all(tag, limit) as Array<{ id: number }>
  ).map((row) => row.id);
}

export function readSetting(db: Db, key: string): string | undefined {
  return (sql(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function writeSetting(db: Db, key: string, value: string): void {
  sql(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** What the generated database holds, for its test and the benchmark's header. */
export function shapeOf(db: Db): {
  stories: number;
  people: number;
  tags: number;
  firstDay: string;
  lastDay: string;
  practices: number;
  evidence: number;
  trainings: number;
  attendees: number;
  interviews: number;
  meetings: number;
  avgWords: number;
} {
  const count = (table: string) => (sql(db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const range = sql(db, 'SELECT min(occurred_on) AS firstDay, max(occurred_on) AS lastDay FROM stories').get() as {
    firstDay: string;
    lastDay: string;
  };
  // Words per story over a sample: spaces + 1.
  const words = sql(
    db,
    `SELECT avg(length(text) - length(replace(text, ' ', '')) + 1) AS w FROM (SELECT text FROM stories ORDER BY id LIMIT 1000)`,
  ).get() as { w: number | null };
  return {
    stories: count('stories'),
    people: count('people'),
    tags: count('tags'),
    ...range,
    practices: count('practices'),
    evidence: count('evidence'),
    trainings: count('trainings'),
    attendees: count('training_attendees'),
    interviews: count('interviews'),
    meetings: count('meetings'),
    avgWords: Math.round(words.w ?? 0),
  };
}
