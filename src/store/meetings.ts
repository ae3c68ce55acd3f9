import { randomUUID } from 'node:crypto';
import type { Day } from '../core/dates.ts';
import { sql, type Db } from './db.ts';

export interface Meeting {
  id: number;
  uuid: string;
  heldOn: Day;
  notes: string | null;
  createdAt: string;
}

/** Records a team meeting. */
export function addMeeting(db: Db, heldOn: Day, notes: string | null, now: string): Meeting {
  const uuid = randomUUID();
  const result = sql(db, 'INSERT INTO meetings (uuid, held_on, notes, created_at) VALUES (?, ?, ?, ?)').run(uuid, heldOn, notes, now);
  return { id: Number(result.lastInsertRowid), uuid, heldOn, notes, createdAt: now };
}

/** Meetings, latest first. */
export function listMeetings(db: Db): Meeting[] {
  return sql(
    db,
    'SELECT id, uuid, held_on AS heldOn, notes, created_at AS createdAt FROM meetings ORDER BY held_on DESC, id DESC',
  ).all() as Meeting[];
}
