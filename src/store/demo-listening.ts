import { shiftDay, type Day } from '../core/dates.ts';
import type { DemoData } from '../core/demo.ts';
import { actionText } from '../core/action.ts';
import { draftResponse } from '../core/assess.ts';
import { insertAction, interviewSources, markActionDone } from './actions.ts';
import { insertRound, listQuestions, recordResponse } from './assessments.ts';
import type { Db } from './db.ts';
import { listInterviews } from './interviews.ts';
import { ensurePerson } from './people.ts';

/** The demo's self-assessment rounds (anonymous, as any team's) and its actions. */
export function seedListeningDemo(db: Db, data: DemoData, today: Day, now: string): void {
  const questions = listQuestions(db);
  for (const a of data.assessments ?? []) {
    const openedOn = shiftDay(today, -a.openedDaysAgo);
    const round = insertRound(db, { openedOn, closesOn: a.closedDaysAgo === undefined ? shiftDay(openedOn, 30) : shiftDay(today, -a.closedDaysAgo) }, now);
    for (const r of a.responses) {
      const scores = new Map(Object.entries(r.scores).map(([key, score]) => [key, String(score)]));
      recordResponse(db, round.id, ensurePerson(db, r.person, now), draftResponse(questions, scores, new Map(Object.entries(r.notes ?? {}))), false);
    }
  }
  for (const a of data.actions ?? []) {
    const customer = data.customers.find((c) => c.name === a.customer);
    const interviewId = customer ? listInterviews(db).find((i) => i.customer === customer.name)?.id : undefined;
    const sources = interviewId === undefined ? [] : interviewSources(db, [interviewId]);
    const id = insertAction(db, { text: actionText(a.text, sources), ownerId: ensurePerson(db, a.owner, now), dueOn: shiftDay(today, a.dueInDays), interviewIds: sources.map((s) => s.interviewId) }, now);
    if (a.doneDaysAgo !== undefined) markActionDone(db, id, shiftDay(today, -a.doneDaysAgo), now);
  }
}
