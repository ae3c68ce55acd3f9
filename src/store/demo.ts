import { randomUUID } from 'node:crypto';
import { shiftDay, type Day } from '../core/dates.ts';
import { demoStoryDraft, type DemoData } from '../core/demo.ts';
import { ensureCustomer } from './customers.ts';
import { sql, type Db } from './db.ts';
import { linkMatchesForStory } from './matching.ts';
import { addMeeting } from './meetings.ts';
import { ensurePerson } from './people.ts';
import { createPractice } from './practices.ts';
import { insertStory } from './stories.ts';

/**
 * Writes the demo needs for trainings, procedures and interviews. Call inside
 * store.write(). Kept minimal: the commands that own these records write them the same way.
 */

/** Records a training session with its attendees. */
export function insertTraining(
  db: Db,
  training: { practiceId: number; heldOn: Day; facilitatorId: number | null; notes: string | null; attendeeIds: number[] },
  now: string,
): number {
  const result = sql(
    db,
    `INSERT INTO trainings (uuid, practice_id, held_on, facilitator_id, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(randomUUID(), training.practiceId, training.heldOn, training.facilitatorId, training.notes, now, now);
  const id = Number(result.lastInsertRowid);
  for (const personId of training.attendeeIds) {
    sql(db, 'INSERT INTO training_attendees (training_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(id, personId);
  }
  return id;
}

/** Writes a procedure version, sourced from the practice's evidence up to `createdAt`. */
export function insertProcedure(db: Db, practiceId: number, version: number, body: string, createdAt: string): number {
  const result = sql(
    db,
    'INSERT INTO procedures (uuid, practice_id, version, body, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(randomUUID(), practiceId, version, body, createdAt);
  const id = Number(result.lastInsertRowid);
  sql(
    db,
    `INSERT INTO procedure_sources (procedure_id, story_id)
     SELECT ?, e.story_id FROM evidence e JOIN stories s ON s.id = e.story_id
      WHERE e.practice_id = ? AND s.occurred_on <= ?`,
  ).run(id, practiceId, createdAt.slice(0, 10));
  return id;
}

/** Records an interview (planned, done or declined) with its three answers. */
export function insertInterview(
  db: Db,
  interview: {
    customerId: number;
    interviewerId: number | null;
    status: 'planned' | 'done' | 'declined';
    plannedOn: Day;
    heldOn: Day | null;
    learned?: string | undefined;
    liked?: string | undefined;
    change?: string | undefined;
  },
  now: string,
): number {
  const result = sql(
    db,
    `INSERT INTO interviews (uuid, customer_id, interviewer_id, status, planned_on, held_on, learned, liked, change, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    randomUUID(),
    interview.customerId,
    interview.interviewerId,
    interview.status,
    interview.plannedOn,
    interview.heldOn,
    interview.learned ?? null,
    interview.liked ?? null,
    interview.change ?? null,
    now,
    now,
  );
  return Number(result.lastInsertRowid);
}

/** Sets a person's role (the demo team has roles; people are otherwise created by name). */
export function setPersonRole(db: Db, personId: number, role: string): void {
  sql(db, 'UPDATE people SET role = ? WHERE id = ?').run(role, personId);
}

/** Builds the demo team's database: people, practices, stories, trainings, meetings, interviews. */
export function seedDemo(db: Db, data: DemoData, today: Day, now: string): { stories: number } {
  const at = (daysAgo: number) => `${shiftDay(today, -daysAgo)}T09:00:00.000Z`;
  const person = (name: string) => ensurePerson(db, name, now);
  for (const p of data.people) setPersonRole(db, person(p.name), p.role);
  const practiceIds = new Map<string, number>();
  for (const p of data.practices) {
    const changedAt = p.adoptedDaysAgo === undefined ? now : at(p.adoptedDaysAgo);
    const id = createPractice(db, { name: p.name, description: p.description, status: p.status, matchers: [{ kind: 'tag', value: p.tag }] }, changedAt);
    practiceIds.set(p.name, id);
  }
  const ordered = [...data.stories].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const story of ordered) linkMatchesForStory(db, insertStory(db, demoStoryDraft(story, today), now), now);
  for (const p of data.practices) {
    const id = practiceIds.get(p.name);
    if (id !== undefined && p.procedure) insertProcedure(db, id, 1, p.procedure, p.adoptedDaysAgo === undefined ? now : at(p.adoptedDaysAgo));
  }
  for (const t of data.trainings) {
    const practiceId = practiceIds.get(t.practice);
    if (practiceId === undefined) continue;
    insertTraining(
      db,
      { practiceId, heldOn: shiftDay(today, -t.daysAgo), facilitatorId: person(t.facilitator), notes: t.notes, attendeeIds: t.attendees.map(person) },
      now,
    );
  }
  for (const m of data.meetings) addMeeting(db, shiftDay(today, -m.daysAgo), m.notes, now);
  const customers = new Map(data.customers.map((c) => [c.name, ensureCustomer(db, c.name, 'external', now)]));
  for (const i of data.interviews) {
    const customerId = customers.get(i.customer);
    if (customerId === undefined) continue;
    const day = shiftDay(today, -i.daysAgo);
    insertInterview(
      db,
      {
        customerId,
        interviewerId: person(i.interviewer),
        status: i.status,
        plannedOn: i.status === 'planned' ? day : shiftDay(day, -3),
        heldOn: i.status === 'planned' ? null : day,
        learned: i.learned,
        liked: i.liked,
        change: i.change,
      },
      now,
    );
  }
  return { stories: ordered.length };
}
