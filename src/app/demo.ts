import { shiftDay, toDay } from '../core/dates.ts';
import { demoStoryDraft, type DemoData } from '../core/demo.ts';
import type { AnswerMatchKeys } from '../core/answers.ts';
import type { Store } from '../store/store.ts';
import { insertLinkedStory } from './story.ts';

/**
 * Builds the demo team's database in one transaction: people, practices, stories,
 * trainings, meetings, interviews (what customers liked linked to the practices it
 * confirms, when given the reader `svc interview log` uses) and outcome signals.
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
    return { stories: ordered.length };
  });
}
