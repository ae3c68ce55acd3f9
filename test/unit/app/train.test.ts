import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveStory } from '../../../src/app/story.ts';
import { attendeeChoices, listTrainings, logTraining, scheduleTraining, trainingMatrix, trainingToLog } from '../../../src/app/train.ts';
import { ConflictError, NotFoundError, UsageError, ValidationError } from '../../../src/core/errors.ts';
import type { Practice } from '../../../src/core/practice.ts';
import { setPracticeStatus } from '../../../src/store/practices.ts';
import { NOW, NOW_ISO, tempStore } from '../../helpers/db.ts';
import { storyDraft } from '../../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

const clock = () => NOW;

function practice(name: string, status: Practice['status'] = 'adopted'): Practice {
  const id = store.transaction(() => store.practices.create({ name, matchers: [{ kind: 'tag', value: 'call-back' }] }, NOW_ISO));
  const created = store.practices.find(String(id)) as Practice;
  if (status !== created.status) store.transaction(() => setPracticeStatus(store.db, created, status, NOW_ISO));
  return store.practices.find(String(id)) as Practice;
}

describe('training use cases', () => {
  it('logs a session: the day defaults to today, attendees are cleaned, newcomers and closed assignments are told', () => {
    practice('Call back');
    saveStory(store, { draft: storyDraft({ text: 'Ana called back', occurredOn: '2026-03-17', staff: ['Ana'], tags: ['call-back'] }), practiceIds: [] }, NOW);
    const { practice: found, heldOn } = trainingToLog(store, { practice: 'call' }, clock);
    expect([found.name, heldOn]).toEqual(['Call back', '2026-03-18']);
    expect(trainingToLog(store, { practice: 'Call back', on: '2026-03-05' }, clock).heldOn).toBe('2026-03-05');
    expect(attendeeChoices(store)).toEqual(['Ana']);
    const logged = logTraining(store, { practice: found, heldOn, people: ['Bo', ' ana ', 'bo'], facilitator: 'Cy', notes: 'role-play' }, clock);
    expect(logged.people).toEqual(['Bo', 'ana']);
    expect(logged.newcomers).toEqual([
      { name: 'Bo', near: null },
      { name: 'Cy', near: null },
    ]);
    expect(logged.closedAssignments).toBe(0);
    expect(logged.training).toMatchObject({ practice: 'Call back', heldOn: '2026-03-18', facilitator: 'Cy', attendees: ['Ana', 'Bo'], notes: 'role-play' });
    expect(listTrainings(store, {}).map((t) => t.id)).toEqual([logged.training.id]);
    expect(listTrainings(store, { practice: 'Call back' })).toHaveLength(1);
    // A typo of someone known is named with them, once even when given twice.
    const typo = logTraining(store, { practice: found, heldOn, people: ['Anna', 'anna'], facilitator: 'Anna' }, clock);
    expect(typo.newcomers).toEqual([{ name: 'Anna', near: 'Ana' }]);
  });

  it('refuses what cannot be logged, and stores nothing', () => {
    const callBack = practice('Call back');
    practice('Old way', 'retired');
    expect(() => trainingToLog(store, { practice: 'Old way' }, clock)).toThrow(ConflictError);
    expect(() => trainingToLog(store, { practice: 'Nope' }, clock)).toThrow(NotFoundError);
    expect(() => trainingToLog(store, { practice: 'Call back', on: '2027-01-01' }, clock)).toThrow(ValidationError);
    expect(() => logTraining(store, { practice: callBack, heldOn: '2026-03-18', people: [' '] }, clock)).toThrow(UsageError);
    expect(() => logTraining(store, { practice: callBack, heldOn: '2026-03-18', people: ['Ana'], notes: 'x'.repeat(100_000) }, clock)).toThrow(ValidationError);
    expect(listTrainings(store, {})).toEqual([]);
    expect(attendeeChoices(store)).toEqual([]);
  });

  it('builds the matrix of adopted and standard practices for everyone, or for the people given', () => {
    practice('Call back');
    practice('Tried once', 'candidate');
    saveStory(store, { draft: storyDraft({ text: 'Ana called back', occurredOn: '2026-03-17', staff: ['Ana'], tags: ['call-back'] }), practiceIds: [] }, NOW);
    saveStory(store, { draft: storyDraft({ text: 'Bo helped', occurredOn: '2026-03-17', staff: ['Bo'] }), practiceIds: [] }, NOW);
    const everyone = trainingMatrix(store, {});
    expect(everyone.people).toEqual(['Ana', 'Bo']);
    expect(everyone.practices.map((p) => p.practice)).toEqual(['Call back']);
    expect(trainingMatrix(store, { people: ['Bo'] }).people).toEqual(['Bo']);
    expect(trainingMatrix(store, { practice: 'tried' }).practices.map((p) => p.practice)).toEqual(['Tried once']);
  });

  it('plans a session ahead, an hour long when it has a time, never on a retired practice', () => {
    practice('Call back');
    practice('Old way', 'retired');
    const { practice: found, session } = scheduleTraining(store, { practice: 'call', plannedOn: '2026-03-20', startsAt: '14:00', facilitator: 'Ana' }, clock);
    expect(found.name).toBe('Call back');
    expect(session).toMatchObject({ practice: 'Call back', plannedOn: '2026-03-20', startsAt: '14:00', minutes: 60, facilitator: 'Ana' });
    expect(scheduleTraining(store, { practice: 'Call back', plannedOn: '2026-03-21', startsAt: null, minutes: 30 }, clock).session).toMatchObject({ minutes: null, facilitator: null });
    expect(() => scheduleTraining(store, { practice: 'Old way', plannedOn: '2026-03-20', startsAt: null }, clock)).toThrow(ConflictError);
    expect(store.trainings.planned('2026-03-18')).toHaveLength(2);
  });
});
