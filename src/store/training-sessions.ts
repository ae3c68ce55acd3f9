import { randomUUID } from 'node:crypto';
import type { Day } from '../core/dates.ts';
import type { PlannedSession } from '../core/rhythm.ts';
import { sql, type Db } from './db.ts';
import { ensurePerson } from './people.ts';

/** Plans a session (the facilitator is created on first mention). Call inside store.write(). */
export function insertPlannedSession(
  db: Db,
  session: { practiceId: number; plannedOn: Day; startsAt: string | null; minutes: number | null; facilitator: string | null },
  now: string,
): string {
  const facilitatorId = session.facilitator === null ? null : ensurePerson(db, session.facilitator, now);
  const uuid = randomUUID();
  sql(
    db,
    `INSERT INTO training_sessions (uuid, practice_id, planned_on, starts_at, minutes, facilitator_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(uuid, session.practiceId, session.plannedOn, session.startsAt, session.minutes, facilitatorId, now, now);
  return uuid;
}

/** Sessions planned on or after a day, soonest first, of practices not retired. */
export function plannedSessions(db: Db, from: Day): PlannedSession[] {
  return sql(
    db,
    `SELECT t.uuid, p.name AS practice, t.planned_on AS plannedOn, t.starts_at AS startsAt, t.minutes, f.name AS facilitator
       FROM training_sessions t
       JOIN practices p ON p.id = t.practice_id
       LEFT JOIN people f ON f.id = t.facilitator_id
      WHERE t.planned_on >= ? AND p.status <> 'retired'
      ORDER BY t.planned_on, t.starts_at, t.id`,
  ).all(from) as PlannedSession[];
}
