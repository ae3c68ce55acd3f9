import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizePractice } from '../../src/core/practice.ts';
import { draftStory } from '../../src/core/story.ts';
import { isStarDependent, spread, star, starShare } from '../../src/core/figures.ts';
import { linkMatchesForPractice } from '../../src/store/matching.ts';
import {
  createPractice,
  findPractice,
  linkEvidence,
  practiceCounts,
  practiceEvidence,
  setPracticeStatus,
} from '../../src/store/practices.ts';
import {
  currentProcedure,
  insertProcedureVersion,
  practicesQuietSinceAdoption,
  procedureVersions,
  proceduresDueForReview,
} from '../../src/store/procedures.ts';
import { findPerson } from '../../src/store/people.ts';
import { personPractices, personTags } from '../../src/store/skills.ts';
import { insertStory } from '../../src/store/stories.ts';
import { insertTraining, listTrainings, trainedPeople } from '../../src/store/trainings.ts';
import { NOW, NOW_ISO, tempStore } from '../helpers/db.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

function addStory(text: string, staff: string[], when: string, tags: string[] = []): number {
  return store.write(() => insertStory(store.db, draftStory({ text, staff, when, tags }, NOW), NOW_ISO));
}

describe('practiceCounts (the svc practices aggregate)', () => {
  it('gives the same spread, star share and star as the core figures over the evidence', () => {
    const people = ['Ana', 'Bo', 'Cy', 'Dee'];
    for (let i = 0; i < 30; i++) {
      const staff = i % 7 === 0 ? ['Ana', people[(i % 3) + 1] as string] : [people[(i * i) % 4] as string];
      addStory(`Story ${i} called back`, staff, `2026-02-${String((i % 28) + 1).padStart(2, '0')}`, [i % 2 ? 'call-back' : 'listening', ...(i % 5 ? [] : ['call-back'])]);
    }
    store.write(() => {
      for (const [name, tag] of [['Call back', 'call-back'], ['Listen', 'listening']] as const) {
        const id = createPractice(store.db, { name, matchers: [{ kind: 'tag', value: tag }] }, NOW_ISO);
        linkMatchesForPractice(store.db, id, NOW_ISO);
      }
      createPractice(store.db, { name: 'Empty' }, NOW_ISO);
    });
    const rows = practiceCounts(store.db);
    expect(rows.map((r) => r.name)).toEqual(['Call back', 'Empty', 'Listen']);
    for (const row of rows) {
      const evidence = practiceEvidence(store.db, row.id);
      const summary = summarizePractice(row);
      expect(summary.stories).toBe(evidence.length);
      expect(summary.spread).toBe(spread(evidence));
      expect(summary.starShare).toBeCloseTo(starShare(evidence), 10);
      expect(summary.starDependent).toBe(isStarDependent(evidence));
      expect(summary.star).toBe(star(evidence)?.person ?? null);
      expect(summary.lastEvidenceOn).toBe(evidence.at(-1)?.occurredOn ?? null);
    }
    expect(rows.find((r) => r.name === 'Empty')).toMatchObject({ stories: 0, spread: 0, lastEvidenceOn: null });
    expect(practiceCounts(store.db, ['adopted'])).toEqual([]);
  });

  it('brings the tied top people with their first evidence day, and names the star core names on a tie', () => {
    // Two stories each; Bo's first is the oldest though "ana" comes first by name.
    addStory('ana called back', ['ana'], '2026-02-10', ['call-back']);
    addStory('Bo called back', ['Bo'], '2026-02-03', ['call-back']);
    addStory('ana called back again', ['ana'], '2026-02-04', ['call-back']);
    addStory('Bo called back again', ['Bo'], '2026-02-20', ['call-back']);
    addStory('Cy called back', ['Cy'], '2026-02-01', ['call-back']);
    const id = store.write(() => {
      const practiceId = createPractice(store.db, { name: 'Call back', matchers: [{ kind: 'tag', value: 'call-back' }] }, NOW_ISO);
      linkMatchesForPractice(store.db, practiceId, NOW_ISO);
      return practiceId;
    });
    const [row] = practiceCounts(store.db);
    expect(row?.topPeople).toEqual(
      expect.arrayContaining([
        { person: 'ana', stories: 2, firstOn: '2026-02-04' },
        { person: 'Bo', stories: 2, firstOn: '2026-02-03' },
      ]),
    );
    expect(row?.topPeople).toHaveLength(2);
    expect(summarizePractice(row!)).toMatchObject({ star: 'Bo', starShare: 0.4, spread: 3 });
    expect(star(practiceEvidence(store.db, id))).toEqual({ person: 'Bo', share: 0.4 });
    // Without a tie the first day decides nothing, and is not looked up.
    addStory('ana called back a third time', ['ana'], '2026-02-21', ['call-back']);
    store.write(() => linkMatchesForPractice(store.db, id, NOW_ISO));
    expect(practiceCounts(store.db)[0]?.topPeople).toEqual([{ person: 'ana', stories: 3, firstOn: null }]);
    expect(summarizePractice(practiceCounts(store.db)[0]!)).toMatchObject({ star: 'ana', starShare: 0.5 });
  });
});

describe('procedures', () => {
  it('numbers versions, remembers their source stories and the review interval', () => {
    const s1 = addStory('Ana called back', ['Ana'], '2026-01-05', ['call-back']);
    const id = store.write(() => createPractice(store.db, { name: 'Call back', evidence: [{ storyId: s1, how: 'manual' }] }, NOW_ISO));
    store.write(() => insertProcedureVersion(store.db, id, 'one', 90, [s1], '2026-01-10T09:00:00.000Z'));
    const v2 = store.write(() => insertProcedureVersion(store.db, id, 'two', 30, [s1], '2026-02-10T09:00:00.000Z'));
    expect(v2).toBe(2);
    expect(procedureVersions(store.db, id).map((p) => [p.version, p.body, p.reviewEveryDays, p.sourceStoryIds])).toEqual([
      [1, 'one', 90, [s1]],
      [2, 'two', 30, [s1]],
    ]);
    expect(currentProcedure(store.db, id)?.version).toBe(2);
  });

  it('flags procedures due for review and standard practices quiet since adoption', () => {
    const before = addStory('Ana called back', ['Ana'], '2026-01-05', ['call-back']);
    store.write(() => {
      const quiet = createPractice(store.db, { name: 'Quiet', status: 'standard', evidence: [{ storyId: before, how: 'manual' }] }, NOW_ISO);
      insertProcedureVersion(store.db, quiet, 'q', 30, [before], '2026-01-10T09:00:00.000Z'); // due 2026-02-09
      const lively = createPractice(store.db, { name: 'Lively', status: 'standard' }, NOW_ISO);
      insertProcedureVersion(store.db, lively, 'l', 90, [], '2026-01-10T09:00:00.000Z'); // due 2026-04-10
      const fresh = createPractice(store.db, { name: 'Fresh', status: 'standard' }, NOW_ISO);
      insertProcedureVersion(store.db, fresh, 'f', 90, [], '2026-03-15T09:00:00.000Z');
      const retired = createPractice(store.db, { name: 'Gone', status: 'retired' }, NOW_ISO);
      insertProcedureVersion(store.db, retired, 'g', 1, [], '2026-01-01T09:00:00.000Z');
    });
    const after = addStory('Bo called back', ['Bo'], '2026-02-01');
    const lively = findPractice(store.db, 'Lively');
    if (!lively) throw new Error('no practice');
    store.write(() => linkEvidence(store.db, lively.id, after, 'manual', NOW_ISO));

    expect(proceduresDueForReview(store.db, '2026-03-18').map((p) => p.practice)).toEqual(['Quiet']);
    expect(proceduresDueForReview(store.db, '2026-04-10').map((p) => p.practice)).toEqual(['Lively', 'Quiet']);
    // Fresh was adopted three days ago: too soon to call it quiet.
    expect(practicesQuietSinceAdoption(store.db, '2026-03-18').map((p) => p.practice)).toEqual(['Quiet']);
    expect(practicesQuietSinceAdoption(store.db, '2026-05-18').map((p) => p.practice)).toEqual(['Fresh', 'Quiet']);
  });
});

describe('trainings and the skills inventory', () => {
  it('records attendees (creating people on first mention) and lists sessions newest first', () => {
    const id = store.write(() => createPractice(store.db, { name: 'Call back' }, NOW_ISO));
    store.write(() => insertTraining(store.db, { practiceId: id, heldOn: '2026-03-01', people: ['Bo', 'ana'], facilitator: 'Dee', notes: null }, NOW_ISO));
    store.write(() => insertTraining(store.db, { practiceId: id, heldOn: '2026-03-05', people: ['Cy'], facilitator: null, notes: 'n' }, NOW_ISO));
    expect(listTrainings(store.db).map((t) => [t.heldOn, t.attendees, t.facilitator])).toEqual([
      ['2026-03-05', ['Cy'], null],
      ['2026-03-01', ['ana', 'Bo'], 'Dee'],
    ]);
    expect(trainedPeople(store.db, id)).toEqual([
      { person: 'ana', trainedOn: '2026-03-01' },
      { person: 'Bo', trainedOn: '2026-03-01' },
      { person: 'Cy', trainedOn: '2026-03-05' },
    ]);
  });

  it('lists a person\'s practices with counts and dates, and the tags on their stories', () => {
    addStory('Ana called back', ['Ana'], '2026-03-01', ['call-back', 'empathy']);
    addStory('Ana called back again', ['Ana', 'Bo'], '2026-03-04', ['call-back']);
    store.write(() => {
      const id = createPractice(store.db, { name: 'Call back', matchers: [{ kind: 'tag', value: 'call-back' }] }, NOW_ISO);
      linkMatchesForPractice(store.db, id, NOW_ISO);
      const p = findPractice(store.db, 'Call back');
      if (p) setPracticeStatus(store.db, p, 'adopted', NOW_ISO);
    });
    const ana = findPerson(store.db, 'ana');
    if (!ana) throw new Error('no Ana');
    expect(personPractices(store.db, ana.id)).toEqual([
      { practice: 'Call back', status: 'adopted', stories: 2, firstOn: '2026-03-01', lastOn: '2026-03-04', colleaguesWithEvidence: 1 },
    ]);
    expect(personTags(store.db, ana.id)).toEqual([
      { tag: 'call-back', stories: 2 },
      { tag: 'empathy', stories: 1 },
    ]);
  });
});
