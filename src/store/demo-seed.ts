import { shiftDay, type Day } from '../core/dates.ts';
import type { DemoData } from '../core/demo.ts';
import { actionText } from '../core/action.ts';
import { draftResponse } from '../core/assess.ts';
import { insertAction, interviewSources, markActionDone } from './actions.ts';
import { insertRound, listQuestions, recordResponse } from './assessments.ts';
import type { Db } from './db.ts';
import { listInterviews } from './interviews.ts';
import { ensurePerson, personPlace, setPersonPlace } from './people.ts';
import { findPractice } from './practices.ts';
import { currentProcedure } from './procedures.ts';
import { acknowledgeProcedure, assignPractice } from './programme.ts';
import { ensureTeam, setTeamParent } from './teams.ts';

// What the demo team has beyond its stories, practices and interviews (seeded by app/demo.ts):
// its teams and training programme, its self-assessment and its actions.

/** The demo's teams (one inside another, with leaders), training assignments and acknowledgements. */
export function seedTeamDemo(db: Db, data: DemoData, today: Day, now: string): void {
  const person = (name: string) => ensurePerson(db, name, now);
  for (const t of data.teams) {
    const team = ensureTeam(db, t.name, now);
    if (t.parent) setTeamParent(db, team.id, ensureTeam(db, t.parent, now).id, now);
    for (const name of t.people) {
      const id = person(name);
      setPersonPlace(db, id, { ...personPlace(db, id), team: team.name, leader: name === t.leader }, now);
    }
  }
  for (const a of data.assignments) {
    const practice = findPractice(db, a.practice);
    if (practice) assignPractice(db, practice.id, a.people.map(person), shiftDay(today, a.dueInDays), now);
  }
  for (const k of data.acknowledgements) {
    const procedure = currentProcedure(db, findPractice(db, k.practice)?.id ?? -1);
    if (procedure) for (const name of k.people) acknowledgeProcedure(db, procedure.id, person(name), now);
  }
}

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
