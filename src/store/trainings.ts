import { randomUUID } from 'node:crypto';
import type { TrainedPerson } from '../core/figures.ts';
import { sql, type Db } from './db.ts';
import { ensurePerson } from './people.ts';
import { closeAssignments } from './programme.ts';

export interface NewTraining {
  practiceId: number;
  heldOn: string;
  people: string[];
  facilitator: string | null;
  notes: string | null;
}

export interface Training {
  id: number;
  uuid: string;
  practice: string;
  practiceId: number;
  heldOn: string;
  facilitator: string | null;
  notes: string | null;
  attendees: string[];
  createdAt: string;
}

/**
 * Records a session and its attendees (people are created on first mention); it closes
 * their open assignments on the practice. Call inside store.write().
 */
export function insertTraining(db: Db, training: NewTraining, now: string): number {
  const facilitatorId = training.facilitator === null ? null : ensurePerson(db, training.facilitator, now);
  const result = sql(
    db,
    `INSERT INTO trainings (uuid, practice_id, held_on, facilitator_id, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(randomUUID(), training.practiceId, training.heldOn, facilitatorId, training.notes, now, now);
  const id = Number(result.lastInsertRowid);
  for (const name of training.people) {
    sql(db, 'INSERT INTO training_attendees (training_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
      id,
      ensurePerson(db, name, now),
    );
  }
  closeAssignments(db, id, now);
  return id;
}

/** Sessions, newest first, optionally of one practice. */
export function listTrainings(db: Db, practiceId?: number): Training[] {
  const rows = sql(
    db,
    `SELECT t.id, t.uuid, p.name AS practice, p.id AS practiceId, t.held_on AS heldOn, f.name AS facilitator, t.notes,
            t.created_at AS createdAt,
            (SELECT json_group_array(name) FROM (SELECT pe.name FROM training_attendees a JOIN people pe ON pe.id = a.person_id
              WHERE a.training_id = t.id ORDER BY pe.name_key) names) AS attendees
       FROM trainings t
       JOIN practices p ON p.id = t.practice_id
       LEFT JOIN people f ON f.id = t.facilitator_id
      WHERE ? IS NULL OR t.practice_id = ?
      ORDER BY t.held_on DESC, t.id DESC`,
  ).all(practiceId ?? null, practiceId ?? null) as Array<Omit<Training, 'attendees'> & { attendees: string }>;
  return rows.map((row) => ({ ...row, attendees: JSON.parse(row.attendees) as string[] }));
}

/** Every attendance of a practice's sessions: who, and on which day. */
export function trainedPeople(db: Db, practiceId: number): TrainedPerson[] {
  return sql(
    db,
    `SELECT pe.name AS person, t.held_on AS trainedOn
       FROM trainings t JOIN training_attendees a ON a.training_id = t.id JOIN people pe ON pe.id = a.person_id
      WHERE t.practice_id = ?
      ORDER BY t.held_on, pe.name_key`,
  ).all(practiceId) as TrainedPerson[];
}
