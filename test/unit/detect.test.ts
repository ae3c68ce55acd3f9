import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyReviewDecision, detect } from '../../src/app/detect.ts';
import { shiftDay, toDay } from '../../src/core/dates.ts';
import { rejectCandidate, unreject } from '../../src/store/detect.ts';
import { linkMatchesForPractice } from '../../src/store/matching.ts';
import { clearPhraseIndex, countUnindexed, storyPhrases } from '../../src/store/phrases.ts';
import { indexStoryPhrases } from '../../src/app/phrases.ts';
import { createPractice, practiceEvidence } from '../../src/store/practices.ts';
import { insertStory, updateStory } from '../../src/store/stories.ts';
import { NOW, NOW_ISO, tempStore } from '../helpers/db.ts';
import { storyDraft } from '../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
  day = 0;
});
afterEach(() => store.dispose());

let day: number;
function add(text: string, staff: string[], tags: string[] = []): number {
  const draft = storyDraft({ text, occurredOn: shiftDay(toDay(NOW), -(day++ % 60)), staff, tags });
  return store.write(() => insertStory(store.db, draft, NOW_ISO));
}

const run = (minStaff = 2, minStories = 3) => detect(store, { since: undefined, minStories, minStaff, limit: 10 });

describe('detection', () => {
  it('ranks a behaviour three people show above one person doing it ten times', async () => {
    for (let i = 0; i < 10; i++) add(`Ana remembered the name of guest number ${i}.`, ['Ana']);
    add('Bo called the customer back within the hour.', ['Bo']);
    add('Cy calls back every customer who waited.', ['Cy']);
    add('Dee called back the caller the same day.', ['Dee']);
    await indexStoryPhrases(store, {}, NOW);

    const all = run(1);
    expect(all.practices.map((c) => c.name)).toEqual(['call back', 'remember name']);
    expect(all.practices[0]).toMatchObject({ stories: 3, people: 3, starDependent: false, phrases: ['call back'] });
    expect(all.practices[1]).toMatchObject({ stories: 10, people: 1, starDependent: true, starShare: 1, star: { person: 'Ana', share: 1 } });
    // With the default thresholds a one-person behaviour is not a candidate at all.
    expect(run().practices.map((c) => c.name)).toEqual(['call back']);
  });

  it('takes star share per concrete behaviour: one person\'s object is a habit, however many others do the action', async () => {
    add('Ana offered him a stress ball before the blood test.', ['Ana']);
    add('Ana offered her a stress ball to squeeze.', ['Ana']);
    add('Ana offered him a stress ball while the nurse got ready.', ['Ana']);
    add('Bo offered her a blanket in the waiting room.', ['Bo']);
    add('Cy offered him a lift to the station.', ['Cy']);
    add('Dee offered them a coffee during the delay.', ['Dee']);
    await indexStoryPhrases(store, {}, NOW);
    const [offer] = run().practices;
    expect(offer).toMatchObject({ name: 'offer ball', stories: 6, people: 4, basis: { kind: 'object', detail: 'ball', stories: 3 } });
    // Over all six stories Ana holds half; over the stress balls, all of them.
    expect(offer).toMatchObject({ starDependent: true, starShare: 1, star: { person: 'Ana', share: 1 } });
  });

  it('merges a tag and a phrase that name one behaviour, listing both', async () => {
    add('Ana called the customer back.', ['Ana'], ['call-back']);
    add('Bo called back about the refund.', ['Bo'], ['call-back']);
    add('Cy called the client back the same day.', ['Cy'], ['call-back']);
    await indexStoryPhrases(store, {}, NOW);
    const [only, ...rest] = run().practices;
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ phrases: ['call back'], tags: ['call-back'], stories: 3, people: 3 });
    expect(only?.keys.sort()).toEqual(['phrase:call back', 'tag:call-back']);
  });

  it('merges candidates whose story sets overlap heavily', async () => {
    for (const name of ['Ana', 'Bo', 'Cy']) add(`${name} apologized and offered a voucher.`, [name]);
    await indexStoryPhrases(store, {}, NOW);
    const { practices } = run();
    expect(practices).toHaveLength(1);
    expect(practices[0]?.phrases.sort()).toEqual(['apologize', 'offer']);
  });

  it('never suggests a rejected candidate again, until it is unrejected', async () => {
    for (const name of ['Ana', 'Bo', 'Cy']) add(`${name} explained the options slowly.`, [name]);
    await indexStoryPhrases(store, {}, NOW);
    const [candidate] = run().practices;
    expect(candidate?.name).toBe('explain option');
    store.write(() => rejectCandidate(store.db, candidate?.keys ?? [], candidate?.name ?? '', NOW_ISO));
    expect(run().practices).toEqual([]);
    expect(store.write(() => unreject(store.db, 'Explain Option')).map((r) => r.key)).toEqual(['phrase:explain']);
    expect(run().practices.map((c) => c.name)).toEqual(['explain option']);
  });

  it('does not propose again the stories of a broad action a review merged into a practice, only new ones once they pass alone', async () => {
    const objects = ['router lights', 'boiler pressure', 'meter reading', 'fuse box', 'kitchen drain', 'smoke alarm', 'thermostat', 'water tank'];
    const people = ['Ana', 'Bo', 'Cy', 'Dee'];
    const first = objects.map((what, i) => add(`${people[i % 4]} checked the ${what} with the customer.`, [people[i % 4] ?? '']));
    const practice = store.write(() => createPractice(store.db, { name: 'Call back to check the fix held', matchers: [{ kind: 'tag', value: 'fix-held' }] }, NOW_ISO));
    await indexStoryPhrases(store, {}, NOW);
    const [check] = run().practices;
    expect(check).toMatchObject({ name: 'check', stories: 8, phrases: ['check'], basis: { kind: 'action' } });
    if (!check) return;
    applyReviewDecision(store, { action: 'merge', candidate: check, practice: 'Call back to check the fix held' }, NOW);
    expect(practiceEvidence(store.db, practice).map((e) => e.storyId).sort((a, b) => a - b)).toEqual(first);

    // Decided: neither proposed nor a common action, and left out with its practice and why.
    const decided = { key: 'phrase:check', practice: 'Call back to check the fix held', reason: 'decided' };
    const after = run();
    expect([after.practices, after.commonActions]).toEqual([[], []]);
    expect(after.leftOut).toEqual({ alreadyPractices: [decided], rejected: [] });

    // Two new stories nobody decided about: fewer than a candidate needs, so still left out as decided.
    const later = [add('Ana checked the printer queue.', ['Ana']), add('Bo checked the parking permit.', ['Bo'])];
    await indexStoryPhrases(store, {}, NOW);
    expect(run().leftOut.alreadyPractices).toEqual([decided]);
    expect(run().commonActions).toEqual([]);
    // A third: the new stories alone pass the thresholds, and come back on their own as a common action.
    later.push(add('Cy checked the delivery address.', ['Cy']));
    await indexStoryPhrases(store, {}, NOW);
    const third = run();
    expect(third.leftOut.alreadyPractices).toEqual([]);
    expect(third.commonActions.map((c) => [c.name, Array.from(c.storyIds)])).toEqual([['check', later]]);
    // Eight new ones are broad evidence again: proposed, with only the stories nobody decided about.
    for (const what of ['the invoice', 'the booking', 'the spare key', 'the lift', 'the alarm code']) later.push(add(`Dee checked ${what}.`, ['Dee']));
    await indexStoryPhrases(store, {}, NOW);
    const [again] = run().practices;
    expect(again && [again.name, again.stories, Array.from(again.storyIds)]).toEqual(['check', 8, later]);
    // Merged into the same practice again: one decision still, and nothing left to propose.
    if (again) applyReviewDecision(store, { action: 'merge', candidate: again, practice: 'Call back to check the fix held' }, NOW);
    expect(store.db.prepare('SELECT key, practice_id AS practiceId FROM decided_candidates').all()).toEqual([{ key: 'phrase:check', practiceId: practice }]);
    expect([run().practices, run().leftOut.alreadyPractices]).toEqual([[], [decided]]);
  });

  it('remembers a broad action accepted as a practice as decided for it; a later rejection or the practice removed takes over', async () => {
    const people = ['Ana', 'Bo', 'Cy', 'Dee'];
    const objects = ['order', 'booking', 'invoice', 'address', 'parcel', 'refund', 'voucher', 'ticket'];
    objects.forEach((what, i) => add(`${people[i % 4]} checked the ${what} twice.`, [people[i % 4] ?? '']));
    await indexStoryPhrases(store, {}, NOW);
    const [check] = run().practices;
    if (!check) throw new Error('no broad candidate');
    expect(applyReviewDecision(store, { action: 'accept', candidate: check, name: 'Double-check', description: '' }, NOW).leftAsMatchers).toEqual(['check']);
    expect(run().leftOut.alreadyPractices).toEqual([{ key: 'phrase:check', practice: 'Double-check', reason: 'decided' }]);
    expect(store.db.prepare('SELECT key FROM decided_candidates').all()).toEqual([{ key: 'phrase:check' }]);

    store.write(() => rejectCandidate(store.db, ['phrase:check'], 'check', NOW_ISO));
    expect(run().leftOut).toEqual({ alreadyPractices: [], rejected: ['phrase:check'] });
    store.write(() => unreject(store.db, 'check'));
    // With the practice gone its evidence and the decision go too: the stories are undecided again.
    store.write(() => store.db.prepare("DELETE FROM practices WHERE name = 'Double-check'").run());
    expect(store.db.prepare('SELECT count(*) AS n FROM decided_candidates').get()).toEqual({ n: 0 });
    expect(run().practices.map((c) => [c.name, c.stories])).toEqual([['check', 8]]);
  });

  it('counts what it leaves out because it is already a practice or was rejected, with the same thresholds', async () => {
    for (const name of ['Ana', 'Bo', 'Cy']) add(`${name} explained the options slowly.`, [name]);
    for (const name of ['Ana', 'Bo', 'Cy']) add(`${name} called the customer back.`, [name], ['call-back']);
    // One person's tag is under the thresholds: not counted as left out.
    for (let i = 0; i < 3; i++) add(`Dee walked guest ${i} to the lift.`, ['Dee'], ['walk-along']);
    await indexStoryPhrases(store, {}, NOW);
    expect(run().leftOut).toEqual({ alreadyPractices: [], rejected: [] });

    const callBack = store.write(() => createPractice(store.db, { name: 'Call back', matchers: [{ kind: 'phrase', value: 'call back' }, { kind: 'tag', value: 'call-back' }] }, NOW_ISO));
    store.write(() => createPractice(store.db, { name: 'Walk along', matchers: [{ kind: 'tag', value: 'walk-along' }] }, NOW_ISO));
    store.write(() => linkMatchesForPractice(store.db, callBack, NOW_ISO));
    store.write(() => rejectCandidate(store.db, ['phrase:explain'], 'explain option', NOW_ISO));
    const view = run();
    expect(view.practices).toEqual([]);
    expect(view.leftOut).toEqual({
      alreadyPractices: [
        { key: 'phrase:call back', practice: 'Call back', reason: 'matcher' },
        { key: 'tag:call-back', practice: 'Call back', reason: 'matcher' },
      ],
      rejected: ['phrase:explain'],
    });
    // Over a period without those stories nothing is left out.
    expect(detect(store, { since: shiftDay(toDay(NOW), 1), minStories: 3, minStaff: 2, limit: 10 }).leftOut).toEqual({ alreadyPractices: [], rejected: [] });
  });

  it('shows examples with the matching words marked, routine steps apart, and qualities per attribute', async () => {
    for (const name of ['Ana', 'Bo', 'Cy']) add(`${name} was friendly, took our order and recommended the soup.`, [name]);
    await indexStoryPhrases(store, {}, NOW);
    const view = run();
    expect(view.practices.map((c) => c.name)).toEqual(['recommend soup']);
    expect(view.practices[0]?.examples[0]?.snippet).toContain('\u0002recommended the soup\u0003');
    expect(view.steps.map((s) => s.name)).toEqual(['take order']);
    expect(view.qualities).toEqual([{ attribute: 'positive demeanor', stories: 3, people: 3, words: [{ word: 'friendly', stories: 3 }] }]);
  });
});

describe('the phrase index', () => {
  it('indexes only what is new or edited, and reindexes everything on demand', async () => {
    const id = add('Ana called the customer back.', ['Ana']);
    expect(countUnindexed(store.db)).toBe(1);
    expect(await indexStoryPhrases(store, {}, NOW)).toBe(1);
    expect(await indexStoryPhrases(store, {}, NOW)).toBe(0);

    add('Bo stayed late to help.', ['Bo']);
    expect(await indexStoryPhrases(store, {}, NOW)).toBe(1);

    const draft = { title: null, text: 'Ana explained the bill.', occurredOn: toDay(NOW), staff: ['Ana'], customer: null, customerKind: 'external' as const, channel: null, source: null, trigger: null, impact: null, reportedBy: null, tags: [] };
    store.write(() => updateStory(store.db, id, draft, NOW_ISO));
    expect(storyPhrases(store.db, id)).toEqual([]);
    expect(await indexStoryPhrases(store, {}, NOW)).toBe(1);
    expect(storyPhrases(store.db, id).map((p) => p.key)).toEqual(['explain']);

    store.write(() => clearPhraseIndex(store.db));
    const progress: number[] = [];
    expect(await indexStoryPhrases(store, { onProgress: (done) => progress.push(done) }, NOW)).toBe(2);
    expect(progress.at(-1)).toBe(2);
  });

  it('follows a story to its new date, so --since sees it where it now is', async () => {
    for (const name of ['Ana', 'Bo', 'Cy']) add(`${name} explained the bill.`, [name]);
    await indexStoryPhrases(store, {}, NOW);
    const recent = () => detect(store, { since: toDay(NOW), minStories: 1, minStaff: 1, limit: 10 }).practices;
    expect(recent().map((c) => c.stories)).toEqual([1]);
    store.write(() => store.db.prepare('UPDATE stories SET occurred_on = ?').run(toDay(NOW)));
    expect(await indexStoryPhrases(store, {}, NOW)).toBe(0); // a new date needs no new parse
    expect(recent().map((c) => c.stories)).toEqual([3]);
  });

  it('links stories to practices by phrase matchers, when indexed and when the matcher is added', async () => {
    const first = add('Ana called the customer back.', ['Ana']);
    await indexStoryPhrases(store, {}, NOW);
    const practiceId = store.write(() => {
      const id = createPractice(store.db, { name: 'Same-day call back', matchers: [{ kind: 'phrase', value: 'call back' }] }, NOW_ISO);
      linkMatchesForPractice(store.db, id, NOW_ISO);
      return id;
    });
    expect(practiceEvidence(store.db, practiceId).map((e) => e.storyId)).toEqual([first]);

    const second = add('Bo calls back every customer who waited.', ['Bo']);
    add('Cy was lovely.', ['Cy']);
    await indexStoryPhrases(store, {}, NOW);
    expect(practiceEvidence(store.db, practiceId).map((e) => e.storyId).sort()).toEqual([first, second].sort());
  });
});
