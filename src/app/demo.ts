import { actionText } from '../core/action.ts';
import { draftResponse } from '../core/assess.ts';
import { shiftDay, toDay, type Day } from '../core/dates.ts';
import { demoStoryDraft, type DemoData } from '../core/demo.ts';
import type { AnswerMatchKeys } from '../core/answers.ts';
import type { Store } from '../store/store.ts';
import { insertLinkedStory } from './story.ts';

/**
 * Builds the demo team's database in one transaction: people, practices, stories,
 * trainings, meetings, interviews (what customers liked linked to the practices it
 * confirms, when given the reader `svc interview log` uses), outcome signals; its teams
 * and training programme, its self-assessment and its actions.
 */
export function seedDemo(store: Store, data: DemoData, clock: Date, readAnswer?: (text: string) => AnswerMatchKeys): { stories: number } {
  const today = toDay(clock);
  const now = clock.toISOString();
  const at = (daysAgo: number) => `${shiftDay(today, -daysAgo)}T09:00:00.000Z`;
  return store.transaction(() => {
    const person = (name: string) => store.people.ensure(name, now);
    for (const p of data.people) store.people.setRole(person(p.name), p.role);
    const practiceIds = new Map<string, number>();
    for (const p of data.practices) {
      const changedAt = p.adoptedDaysAgo === undefined ? now : at(p.adoptedDaysAgo);
      const id = store.practices.create({ name: p.name, description: p.description, status: p.status, matchers: [{ kind: 'tag', value: p.tag }] }, changedAt);
      practiceIds.set(p.name, id);
    }
    const ordered = [...data.stories].sort((a, b) => b.daysAgo - a.daysAgo);
    for (const story of ordered) insertLinkedStory(store, demoStoryDraft(story, today), now);
    for (const p of data.practices) {
      const id = practiceIds.get(p.name);
      if (id === undefined || !p.procedure) continue;
      const writtenAt = p.adoptedDaysAgo === undefined ? now : at(p.adoptedDaysAgo);
      const sources = store.practices.evidence(id, undefined, writtenAt.slice(0, 10)).map((item) => item.storyId);
      store.procedures.insertVersion(id, p.procedure, 90, sources, writtenAt);
    }
    for (const t of data.trainings) {
      const practiceId = practiceIds.get(t.practice);
      if (practiceId === undefined) continue;
      store.trainings.insert({ practiceId, heldOn: shiftDay(today, -t.daysAgo), facilitator: t.facilitator, notes: t.notes, people: t.attendees }, now);
    }
    for (const m of data.meetings) store.meetings.add(shiftDay(today, -m.daysAgo), m.notes, now);
    const customers = new Map(data.customers.map((c) => [c.name, store.customers.ensure(c.name, 'external', now)]));
    for (const i of data.interviews) {
      const customerId = customers.get(i.customer);
      if (customerId === undefined) continue;
      const day = shiftDay(today, -i.daysAgo);
      const [interviewId] = store.interviews.plan([customerId], person(i.interviewer), i.status === 'planned' ? day : shiftDay(day, -3), now);
      if (interviewId === undefined) continue;
      if (i.agreed) store.interviews.agree(interviewId, { on: shiftDay(today, i.agreed.inDays), at: i.agreed.at, contact: i.agreed.phone }, now);
      if (i.status === 'planned') continue;
      store.interviews.log(
        interviewId,
        { status: i.status, heldOn: day, learned: i.learned ?? null, liked: i.liked ?? null, change: i.change ?? null, note: null },
        now,
      );
      if (i.status === 'done' && i.liked && readAnswer) store.interviews.relinkAnswer(interviewId, readAnswer(i.liked), now);
    }
    for (const signal of data.signals ?? []) {
      const practiceId = practiceIds.get(signal.practice);
      if (practiceId === undefined) continue;
      store.signals.save(
        signal.readings.map(({ daysAgo, value }) => ({ on: shiftDay(today, -daysAgo), measure: signal.measure, value, practiceId, storyId: null })),
        now,
      );
    }
    seedTeams(store, data, today, now);
    seedListening(store, data, today, now);
    return { stories: ordered.length };
  });
}

/** The demo's teams (one inside another, with leaders), training assignments and acknowledgements. */
function seedTeams(store: Store, data: DemoData, today: Day, now: string): void {
  const person = (name: string) => store.people.ensure(name, now);
  for (const t of data.teams) {
    const team = store.teams.ensure(t.name, now);
    if (t.parent) store.teams.setParent(team.id, store.teams.ensure(t.parent, now).id, now);
    for (const name of t.people) {
      const id = person(name);
      store.people.setPlace(id, { ...store.people.place(id), team: team.name, leader: name === t.leader }, now);
    }
  }
  for (const a of data.assignments) {
    const practice = store.practices.find(a.practice);
    if (practice) store.programme.assign(practice.id, a.people.map(person), shiftDay(today, a.dueInDays), now);
  }
  for (const k of data.acknowledgements) {
    const practice = store.practices.find(k.practice);
    const procedure = practice && store.procedures.current(practice.id);
    if (procedure) for (const name of k.people) store.programme.acknowledge(procedure.id, person(name), now);
  }
}

/** The demo's self-assessment rounds (anonymous, as any team's) and its actions. */
function seedListening(store: Store, data: DemoData, today: Day, now: string): void {
  const questions = store.assessments.questions();
  for (const a of data.assessments ?? []) {
    const openedOn = shiftDay(today, -a.openedDaysAgo);
    const round = store.assessments.insertRound({ openedOn, closesOn: a.closedDaysAgo === undefined ? shiftDay(openedOn, 30) : shiftDay(today, -a.closedDaysAgo) }, now);
    for (const r of a.responses) {
      const scores = new Map(Object.entries(r.scores).map(([key, score]) => [key, String(score)]));
      const response = draftResponse(questions, scores, new Map(Object.entries(r.notes ?? {})));
      store.assessments.recordResponse(round.id, store.people.ensure(r.person, now), response, false);
    }
  }
  for (const a of data.actions ?? []) {
    const customer = data.customers.find((c) => c.name === a.customer);
    const interviewId = customer ? store.interviews.list().find((i) => i.customer === customer.name)?.id : undefined;
    const sources = interviewId === undefined ? [] : store.actions.interviewSources([interviewId]);
    const ownerId = store.people.ensure(a.owner, now);
    const id = store.actions.insert({ text: actionText(a.text, sources), ownerId, dueOn: shiftDay(today, a.dueInDays), interviewIds: sources.map((s) => s.interviewId) }, now);
    if (a.doneDaysAgo !== undefined) store.actions.markDone(id, shiftDay(today, -a.doneDaysAgo), now);
  }
}
