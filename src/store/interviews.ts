import { randomUUID } from 'node:crypto';
import type { Day } from '../core/dates.ts';
import type { Interview, InterviewAgreement, InterviewLog, InterviewStatus } from '../core/interview.ts';
import { sql, type Db } from './db.ts';
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
