import { randomUUID } from 'node:crypto';
import type { Day } from '../core/dates.ts';
import type { AssignmentRecord, PersonProgramme, UnreadProcedure } from '../core/programme.ts';
import { sql, type Db } from './db.ts';

const ASSIGNMENT_COLUMNS = `a.id, pr.name AS practice, pe.name AS person, a.due_on AS dueOn, a.done_on AS doneOn, a.training_id AS trainingId`;
const ASSIGNMENT_FROM = `training_assignments a JOIN practices pr ON pr.id = a.practice_id JOIN people pe ON pe.id = a.person_id`;

/**
 * Assigns a practice to people by a day: a person with an open assignment on it gets the
 * new due day instead of a second one. Call inside store.write(). Returns the ids.
 */
export function assignPractice(db: Db, practiceId: number, personIds: readonly number[], dueOn: Day, now: string): number[] {
  return personIds.map((personId) => {
    const open = sql(db, 'SELECT id FROM training_assignments WHERE practice_id = ? AND person_id = ? AND done_on IS NULL').get(practiceId, personId) as
      | { id: number }
      | undefined;
    if (open) {
      sql(db, 'UPDATE training_assignments SET due_on = ?, updated_at = ? WHERE id = ?').run(dueOn, now, open.id);
      return open.id;
    }
    const result = sql(
      db,
      'INSERT INTO training_assignments (uuid, practice_id, person_id, due_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(randomUUID(), practiceId, personId, dueOn, now, now);
    return Number(result.lastInsertRowid);
  });
}

/** Closes the open assignments a session covers: its practice, its attendees. Call inside store.write(). */
export function closeAssignments(db: Db, trainingId: number, now: string): number {
  return sql(
    db,
    `UPDATE training_assignments
        SET training_id = ?, done_on = (SELECT held_on FROM trainings WHERE id = ?), updated_at = ?
      WHERE done_on IS NULL
        AND practice_id = (SELECT practice_id FROM trainings WHERE id = ?)
        AND person_id IN (SELECT person_id FROM training_attendees WHERE training_id = ?)`,
  ).run(trainingId, trainingId, now, trainingId, trainingId).changes;
}

/** Assignments by id, in the order given. */
export function assignmentsByIds(db: Db, ids: readonly number[]): AssignmentRecord[] {
  const rows = sql(db, `SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENT_FROM} WHERE a.id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  ) as AssignmentRecord[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every assignment of active people (or of one person), optionally only some people's. */
export function listAssignments(db: Db, filter: { personId?: number; personIds?: readonly number[] } = {}): AssignmentRecord[] {
  return sql(
    db,
    `SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENT_FROM}
      WHERE (:personId IS NULL AND pe.active = 1 OR a.person_id = :personId)
        AND (:personIds IS NULL OR a.person_id IN (SELECT value FROM json_each(:personIds)))
      ORDER BY a.due_on, pr.name_key, pe.name_key`,
  ).all({ personId: filter.personId ?? null, personIds: filter.personIds ? JSON.stringify(filter.personIds) : null }) as AssignmentRecord[];
}

/** Records that a person read a procedure version (again is a no-op). Call inside store.write(). Returns whether it is new. */
export function acknowledgeProcedure(db: Db, procedureId: number, personId: number, now: string): boolean {
  return sql(db, 'INSERT INTO procedure_acks (procedure_id, person_id, acked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(procedureId, personId, now).changes > 0;
}

/**
 * For each standard practice's current procedure, the active people (or those given) who
 * have not acknowledged that version: a new version asks everyone again.
 */
export function unreadProcedures(db: Db, personIds?: readonly number[]): UnreadProcedure[] {
  const rows = sql(
    db,
    `SELECT p.name AS practice, pr.version,
            (SELECT json_group_array(name) FROM (
               SELECT pe.name FROM people pe
                WHERE pe.active = 1
                  AND (:personIds IS NULL OR pe.id IN (SELECT value FROM json_each(:personIds)))
                  AND NOT EXISTS (SELECT 1 FROM procedure_acks k WHERE k.procedure_id = pr.id AND k.person_id = pe.id)
                ORDER BY pe.name_key)) AS people
       FROM procedures pr JOIN practices p ON p.id = pr.practice_id
      WHERE p.status = 'standard'
        AND pr.version = (SELECT max(v.version) FROM procedures v WHERE v.practice_id = pr.practice_id)
      ORDER BY p.name_key`,
  ).all({ personIds: personIds ? JSON.stringify(personIds) : null }) as Array<{ practice: string; version: number; people: string }>;
  return rows.map((row) => ({ ...row, people: JSON.parse(row.people) as string[] }));
}

/** What a person has acknowledged: each practice's version they read, and whether it is still the current one. */
export function personAcknowledgements(db: Db, personId: number): PersonProgramme['acknowledgements'] {
  const rows = sql(
    db,
    `SELECT p.name AS practice, pr.version, k.acked_at AS ackedAt,
            pr.version = (SELECT max(v.version) FROM procedures v WHERE v.practice_id = pr.practice_id) AS current
       FROM procedure_acks k JOIN procedures pr ON pr.id = k.procedure_id JOIN practices p ON p.id = pr.practice_id
      WHERE k.person_id = ?
      ORDER BY p.name_key, pr.version`,
  ).all(personId) as Array<{ practice: string; version: number; ackedAt: string; current: number }>;
  return rows.map((row) => ({ ...row, current: row.current === 1 }));
}

/** The sessions a person attended, newest first. */
export function personTrainings(db: Db, personId: number): PersonProgramme['trainings'] {
  return sql(
    db,
    `SELECT t.id, p.name AS practice, t.held_on AS heldOn, f.name AS facilitator
       FROM training_attendees a JOIN trainings t ON t.id = a.training_id JOIN practices p ON p.id = t.practice_id
       LEFT JOIN people f ON f.id = t.facilitator_id
      WHERE a.person_id = ?
      ORDER BY t.held_on DESC, t.id DESC`,
  ).all(personId) as PersonProgramme['trainings'];
}

/** How many assignments a session closed. */
export function assignmentsClosedBy(db: Db, trainingId: number): number {
  return (sql(db, 'SELECT count(*) AS n FROM training_assignments WHERE training_id = ?').get(trainingId) as { n: number }).n;
}
