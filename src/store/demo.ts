import { shiftDay, type Day } from '../core/dates.ts';
import { demoStoryDraft, type DemoData } from '../core/demo.ts';
import { actionText } from '../core/action.ts';
import { draftResponse } from '../core/assess.ts';
import { insertAction, interviewSources, markActionDone } from './actions.ts';
import { insertRound, listQuestions, recordResponse } from './assessments.ts';
import { ensureCustomer } from './customers.ts';
import type { Db } from './db.ts';
import { listInterviews, logInterview, planInterviews } from './interviews.ts';
import { linkMatchesForStory } from './matching.ts';
import { addMeeting } from './meetings.ts';
import { ensurePerson, setPersonRole } from './people.ts';
import { createPractice, practiceEvidence } from './practices.ts';
import { insertProcedureVersion } from './procedures.ts';
import { insertTraining } from './trainings.ts';
import { insertStory } from './stories.ts';

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
    if (id === undefined || !p.procedure) continue;
    const writtenAt = p.adoptedDaysAgo === undefined ? now : at(p.adoptedDaysAgo);
    const sources = practiceEvidence(db, id, undefined, writtenAt.slice(0, 10)).map((item) => item.storyId);
    insertProcedureVersion(db, id, p.procedure, 90, sources, writtenAt);
  }
  for (const t of data.trainings) {
    const practiceId = practiceIds.get(t.practice);
    if (practiceId === undefined) continue;
    insertTraining(db, { practiceId, heldOn: shiftDay(today, -t.daysAgo), facilitator: t.facilitator, notes: t.notes, people: t.attendees }, now);
  }
  for (const m of data.meetings) addMeeting(db, shiftDay(today, -m.daysAgo), m.notes, now);
  const customers = new Map(data.customers.map((c) => [c.name, ensureCustomer(db, c.name, 'external', now)]));
  for (const i of data.interviews) {
    const customerId = customers.get(i.customer);
    if (customerId === undefined) continue;
    const day = shiftDay(today, -i.daysAgo);
    const [interviewId] = planInterviews(db, [customerId], person(i.interviewer), i.status === 'planned' ? day : shiftDay(day, -3), now);
    if (interviewId === undefined || i.status === 'planned') continue;
    logInterview(
      db,
      interviewId,
      { status: i.status, heldOn: day, learned: i.learned ?? null, liked: i.liked ?? null, change: i.change ?? null, note: null },
      now,
    );
  }
  seedListening(db, data, today, now);
  return { stories: ordered.length };
}

/** The demo's self-assessment rounds (anonymous, as any team's) and its actions. */
function seedListening(db: Db, data: DemoData, today: Day, now: string): void {
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
