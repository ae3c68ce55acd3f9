import { randomUUID } from 'node:crypto';
import type { Day } from '../core/dates.ts';
import type { AnswerMatchKeys } from '../core/answers.ts';
import type { Interview, InterviewAgreement, InterviewLog, InterviewStatus, PracticeConfirmation } from '../core/interview.ts';
import type { EvidenceHow } from '../core/practice.ts';
import { sql, type Db } from './db.ts';
import { linkMatchesForInterview } from './matching.ts';
import { recordTombstone } from './tombstones.ts';
import { FORGOTTEN_CUSTOMER } from '../core/customer.ts';

interface InterviewRow {
  id: number;
  uuid: string;
  status: InterviewStatus;
  customer_id: number;
  customer: string | null;
  customer_forgotten: string | null;
  interviewer: string | null;
  planned_on: string;
  held_on: string | null;
  learned: string | null;
  liked: string | null;
  change: string | null;
  note: string | null;
  agreed_on: string | null;
  agreed_time: string | null;
  contact: string | null;
  created_at: string;
  updated_at: string;
}

const INTERVIEW_SELECT = `SELECT i.id, i.uuid, i.status, i.customer_id, c.name AS customer, c.forgotten_at AS customer_forgotten,
    p.name AS interviewer, i.planned_on, i.held_on, i.learned, i.liked, i.change, i.note,
    i.agreed_on, i.agreed_time, i.contact, i.created_at, i.updated_at
  FROM interviews i
  JOIN customers c ON c.id = i.customer_id
  LEFT JOIN people p ON p.id = i.interviewer_id`;

function hydrate(db: Db, rows: InterviewRow[]): Interview[] {
  if (rows.length === 0) return [];
  const stories = sql(
    db,
    'SELECT interview_id AS interviewId, id FROM stories WHERE interview_id IN (SELECT value FROM json_each(?)) ORDER BY id',
  ).all(JSON.stringify(rows.map((row) => row.id))) as Array<{ interviewId: number; id: number }>;
  const confirms = sql(
    db,
    `SELECT ip.interview_id AS interviewId, ip.practice_id AS practiceId, p.name AS practice, ip.how
       FROM interview_practices ip JOIN practices p ON p.id = ip.practice_id
      WHERE ip.interview_id IN (SELECT value FROM json_each(?)) ORDER BY p.name_key`,
  ).all(JSON.stringify(rows.map((row) => row.id))) as Array<{ interviewId: number; practiceId: number; practice: string; how: EvidenceHow }>;
  return rows.map((row) => ({
    id: row.id,
    uuid: row.uuid,
    status: row.status,
    customerId: row.customer_id,
    customer: row.customer_forgotten ? FORGOTTEN_CUSTOMER : (row.customer ?? ''),
    interviewer: row.interviewer,
    plannedOn: row.planned_on,
    heldOn: row.held_on,
    learned: row.learned,
    liked: row.liked,
    change: row.change,
    note: row.note,
    agreed: row.agreed_on && row.agreed_time ? { on: row.agreed_on, at: row.agreed_time, contact: row.contact ?? '' } : null,
    storyIds: stories.filter((s) => s.interviewId === row.id).map((s) => s.id),
    confirms: confirms.filter((c) => c.interviewId === row.id).map(({ practiceId, practice, how }) => ({ practiceId, practice, how })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

/** Plans a call to each customer, for the interviewer if named. Call inside store.write(). */
export function planInterviews(db: Db, customerIds: number[], interviewerId: number | null, plannedOn: Day, now: string): number[] {
  return customerIds.map((customerId) =>
    Number(
      sql(
        db,
        `INSERT INTO interviews (uuid, customer_id, interviewer_id, status, planned_on, created_at, updated_at)
         VALUES (?, ?, ?, 'planned', ?, ?, ?)`,
      ).run(randomUUID(), customerId, interviewerId, plannedOn, now, now).lastInsertRowid,
    ),
  );
}

/** One interview, or undefined. */
export function getInterview(db: Db, id: number): Interview | undefined {
  const row = sql(db, `${INTERVIEW_SELECT} WHERE i.id = ?`).get(id) as InterviewRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

/** Interviews, planned ones first, then the latest held first. */
export function listInterviews(db: Db, filter: { status?: InterviewStatus | undefined } = {}): Interview[] {
  const rows = sql(
    db,
    `${INTERVIEW_SELECT} WHERE (? IS NULL OR i.status = ?)
      ORDER BY i.status <> 'planned', coalesce(i.held_on, i.planned_on) DESC, i.id DESC`,
  ).all(filter.status ?? null, filter.status ?? null) as InterviewRow[];
  return hydrate(db, rows);
}

/** Records how a planned call went. Call inside store.write(). */
export function logInterview(db: Db, id: number, log: InterviewLog, now: string): void {
  sql(
    db,
    `UPDATE interviews SET status = ?, held_on = ?, learned = ?, liked = ?, change = ?, note = ?, updated_at = ?
      WHERE id = ?`,
  ).run(log.status, log.heldOn, log.learned, log.liked, log.change, log.note, now, id);
}

/** Marks a story as heard in an interview, for that interview's customer. Call inside store.write(). */
export function linkStoryToInterview(db: Db, storyId: number, interview: Pick<Interview, 'id' | 'customerId'>): void {
  sql(db, 'UPDATE stories SET interview_id = ?, customer_id = ? WHERE id = ?').run(interview.id, interview.customerId, storyId);
}

/** Records the day, time and contact a customer agreed to be called on. Call inside store.write(). */
export function agreeInterview(db: Db, id: number, agreement: InterviewAgreement, now: string): void {
  sql(db, 'UPDATE interviews SET agreed_on = ?, agreed_time = ?, contact = ?, updated_at = ? WHERE id = ?').run(
    agreement.on,
    agreement.at,
    agreement.contact,
    now,
    id,
  );
}

/** Closes a call that never happened: the customer never answered the invitation. Call inside store.write(). */
export function markNoReply(db: Db, id: number, day: Day, now: string): void {
  sql(db, `UPDATE interviews SET status = 'no_reply', held_on = ?, updated_at = ? WHERE id = ?`).run(day, now, id);
}

/**
 * Links a held interview's answer to practices it confirms. A link made by hand is never
 * turned back into a matched one. Call inside store.write().
 */
export function linkInterviewPractices(db: Db, interviewId: number, practiceIds: readonly number[], how: EvidenceHow, now: string): void {
  // The links travel with their interview (newer wins): a change by hand makes it newer.
  if (how === 'manual' && practiceIds.length > 0) touchInterview(db, interviewId, now);
  for (const practiceId of practiceIds) {
    sql(
      db,
      `INSERT INTO interview_practices (interview_id, practice_id, how, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (interview_id, practice_id) DO UPDATE SET how = 'manual' WHERE excluded.how = 'manual'`,
    ).run(interviewId, practiceId, how, now);
  }
}

/**
 * Removes a link between an interview and a practice, leaving a tombstone so that an
 * older export does not bring it back; whether there was one. Call inside store.write().
 */
export function unlinkInterviewPractice(db: Db, interviewId: number, practiceId: number, now: string): boolean {
  // The tombstone names the link as exports do: by the interview's and the practice's uuids.
  const gone = sql(
    db,
    `DELETE FROM interview_practices WHERE interview_id = ? AND practice_id = ?
     RETURNING (SELECT uuid FROM interviews WHERE id = interview_id) AS interview, (SELECT uuid FROM practices WHERE id = practice_id) AS practice`,
  ).get(interviewId, practiceId) as { interview: string; practice: string } | undefined;
  if (!gone) return false;
  touchInterview(db, interviewId, now);
  recordTombstone(db, { table: 'interview_practices', key: JSON.stringify([gone.interview, gone.practice]), deletedAt: now, mergedInto: null });
  return true;
}

/**
 * Stores what an interview's "confirms" answer is matched by and re-links it to the
 * practices whose matchers it satisfies, as a story is re-linked (matching.ts). Links
 * made by hand stay. Call inside store.write().
 */
export function relinkInterviewAnswer(db: Db, interviewId: number, keys: AnswerMatchKeys, now: string): void {
  sql(db, 'UPDATE interviews SET answer_keys = ? WHERE id = ?').run(JSON.stringify(keys), interviewId);
  linkMatchesForInterview(db, interviewId, now);
}

/** The held interviews whose answers confirm a practice, the latest first. */
export function practiceConfirmations(db: Db, practiceId: number): PracticeConfirmation[] {
  return sql(
    db,
    `SELECT i.id AS interviewId, i.held_on AS heldOn, i.liked AS answer, ip.how
       FROM interview_practices ip JOIN interviews i ON i.id = ip.interview_id
      WHERE ip.practice_id = ? AND i.status = 'done'
      ORDER BY i.held_on DESC, i.id DESC`,
  ).all(practiceId) as PracticeConfirmation[];
}

function touchInterview(db: Db, id: number, now: string): void {
  sql(db, 'UPDATE interviews SET updated_at = max(updated_at, ?) WHERE id = ?').run(now, id);
}
