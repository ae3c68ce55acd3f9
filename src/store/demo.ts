import { shiftDay, type Day } from '../core/dates.ts';
import { demoStoryDraft, type DemoData } from '../core/demo.ts';
import { ensureCustomer } from './customers.ts';
import type { Db } from './db.ts';
import { logInterview, planInterviews } from './interviews.ts';
import { linkMatchesForStory } from './matching.ts';
import { addMeeting } from './meetings.ts';
import { ensurePerson, personPlace, setPersonPlace, setPersonRole } from './people.ts';
import { acknowledgeProcedure, assignPractice } from './programme.ts';
import { ensureTeam, setTeamParent } from './teams.ts';
import { createPractice, practiceEvidence } from './practices.ts';
import { currentProcedure, insertProcedureVersion } from './procedures.ts';
import { insertTraining } from './trainings.ts';
import { insertStory } from './stories.ts';

/** Builds the demo team's database: people and teams, practices, stories, trainings and assignments, meetings, interviews. */
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
  for (const t of data.teams) {
    const team = ensureTeam(db, t.name, now);
    if (t.parent) setTeamParent(db, team.id, ensureTeam(db, t.parent, now).id, now);
    for (const name of t.people) {
      const id = person(name);
      setPersonPlace(db, id, { ...personPlace(db, id), team: team.name, leader: name === t.leader }, now);
    }
  }
  for (const a of data.assignments) {
    const practiceId = practiceIds.get(a.practice);
    if (practiceId !== undefined) assignPractice(db, practiceId, a.people.map(person), shiftDay(today, a.dueInDays), now);
  }
  for (const k of data.acknowledgements) {
    const procedure = currentProcedure(db, practiceIds.get(k.practice) ?? -1);
    if (procedure) for (const name of k.people) acknowledgeProcedure(db, procedure.id, person(name), now);
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
  return { stories: ordered.length };
}
