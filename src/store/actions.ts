import { randomUUID } from 'node:crypto';
import type { Action, ActionSource } from '../core/action.ts';
import type { Day } from '../core/dates.ts';
import { sql, type Db } from './db.ts';
import { FORGOTTEN_CUSTOMER } from '../core/customer.ts';

interface ActionRow {
  id: number;
  uuid: string;
  text: string;
  owner: string | null;
  due_on: string;
  status: 'open' | 'done';
  done_on: string | null;
  created_at: string;
}

const ACTION_SELECT = `SELECT a.id, a.uuid, a.text, p.name AS owner, a.due_on, a.status, a.done_on, a.created_at
  FROM actions a LEFT JOIN people p ON p.id = a.owner_id`;

function hydrate(db: Db, rows: ActionRow[]): Action[] {
  if (rows.length === 0) return [];
  const sources = sql(
    db,
    `SELECT s.action_id AS actionId, i.id AS interviewId, c.name AS customer, c.forgotten_at AS forgotten, i.held_on AS heldOn, i.change
       FROM action_sources s JOIN interviews i ON i.id = s.interview_id JOIN customers c ON c.id = i.customer_id
      WHERE s.action_id IN (SELECT value FROM json_each(?)) ORDER BY i.id`,
  ).all(JSON.stringify(rows.map((r) => r.id))) as Array<ActionSource & { actionId: number; forgotten: string | null }>;
  return rows.map((row) => ({
    id: row.id,
    uuid: row.uuid,
    text: row.text,
    owner: row.owner,
    dueOn: row.due_on,
    status: row.status,
    doneOn: row.done_on,
    createdAt: row.created_at,
    sources: sources
      .filter((s) => s.actionId === row.id)
      .map((s) => ({ interviewId: s.interviewId, customer: s.forgotten ? FORGOTTEN_CUSTOMER : (s.customer ?? ''), heldOn: s.heldOn, change: s.change })),
  }));
}

/** The interviews an action may come from, as sources; ids that do not exist are left out. */
export function interviewSources(db: Db, ids: readonly number[]): ActionSource[] {
  return (
    sql(
      db,
      `SELECT i.id AS interviewId, c.name AS customer, c.forgotten_at AS forgotten, i.held_on AS heldOn, i.change
         FROM interviews i JOIN customers c ON c.id = i.customer_id WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.id`,
    ).all(JSON.stringify(ids)) as Array<ActionSource & { forgotten: string | null }>
  ).map(({ forgotten, ...s }) => ({ ...s, customer: forgotten ? FORGOTTEN_CUSTOMER : s.customer }));
}

/** Adds an action and the interviews it came from. Call inside store.write(). */
export function insertAction(db: Db, action: { text: string; ownerId: number; dueOn: Day; interviewIds: readonly number[] }, now: string): number {
  const id = Number(
    sql(db, 'INSERT INTO actions (uuid, text, owner_id, due_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      randomUUID(),
      action.text,
      action.ownerId,
      action.dueOn,
      now,
      now,
    ).lastInsertRowid,
  );
  for (const interviewId of action.interviewIds) sql(db, 'INSERT OR IGNORE INTO action_sources (action_id, interview_id) VALUES (?, ?)').run(id, interviewId);
  return id;
}

/** One action, or undefined. */
export function getAction(db: Db, id: number): Action | undefined {
  return hydrate(db, sql(db, `${ACTION_SELECT} WHERE a.id = ?`).all(id) as ActionRow[])[0];
}

/** Actions, open ones first by due day, then done ones, the latest first. */
export function listActions(db: Db, filter: { openOnly: boolean }): Action[] {
  const rows = sql(
    db,
    `${ACTION_SELECT} WHERE (? = 0 OR a.status = 'open')
      ORDER BY a.status = 'done', CASE a.status WHEN 'open' THEN a.due_on END, a.done_on DESC, a.id`,
  ).all(filter.openOnly ? 1 : 0) as ActionRow[];
  return hydrate(db, rows);
}

/** Marks an action done on a day. Call inside store.write(). */
export function markActionDone(db: Db, id: number, on: Day, now: string): void {
  sql(db, "UPDATE actions SET status = 'done', done_on = ?, updated_at = ? WHERE id = ?").run(on, now, id);
}
