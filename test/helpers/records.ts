import type { Db } from '../../src/store/db.ts';
import { logInterview, planInterviews } from '../../src/store/interviews.ts';
import { insertProcedureVersion } from '../../src/store/procedures.ts';
import { insertTraining } from '../../src/store/trainings.ts';

/** Crafted records for report tests, written through the owners' store functions. */

const nameOf = (db: Db, id: number) => (db.prepare('SELECT name FROM people WHERE id = ?').get(id) as { name: string }).name;

export function recordTraining(
  db: Db,
  t: { practiceId: number; heldOn: string; facilitatorId: number | null; notes: string | null; attendeeIds: number[] },
  now: string,
): number {
  return insertTraining(
    db,
    {
      practiceId: t.practiceId,
      heldOn: t.heldOn,
      facilitator: t.facilitatorId === null ? null : nameOf(db, t.facilitatorId),
      notes: t.notes,
      people: t.attendeeIds.map((id) => nameOf(db, id)),
    },
    now,
  );
}

export function recordInterview(
  db: Db,
  i: {
    customerId: number;
    interviewerId: number | null;
    status: 'planned' | 'done' | 'declined';
    plannedOn: string;
    heldOn: string | null;
    learned?: string;
    liked?: string;
    change?: string;
  },
  now: string,
): number {
  const [id] = planInterviews(db, [i.customerId], i.interviewerId, i.plannedOn, now);
  if (id === undefined) throw new Error('no interview planned');
  if (i.status !== 'planned') {
    logInterview(
      db,
      id,
      { status: i.status, heldOn: i.heldOn ?? i.plannedOn, learned: i.learned ?? null, liked: i.liked ?? null, change: i.change ?? null, note: null },
      now,
    );
  }
  return id;
}

/** A procedure version written at `createdAt`, with no source stories. */
export function recordProcedure(db: Db, practiceId: number, body: string, createdAt: string): number {
  return insertProcedureVersion(db, practiceId, body, 90, [], createdAt);
}
