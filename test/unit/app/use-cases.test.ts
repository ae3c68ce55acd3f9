import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/app/demo.ts';
import { applyReviewDecision } from '../../../src/app/detect.ts';
import { logInterview, requirePlannedInterview } from '../../../src/app/interview.ts';
import { buildPracticeView } from '../../../src/app/practice.ts';
import { loadReport, loadStatus, periodFor } from '../../../src/app/report.ts';
import { editStory, importStories, removeStory, requirePractices, requireStory, saveStory } from '../../../src/app/story.ts';
import type { Candidate } from '../../../src/core/detect.ts';
import type { DemoData } from '../../../src/core/demo.ts';
import { ConflictError, NotFoundError } from '../../../src/core/errors.ts';
import { NOW, NOW_ISO, tempStore } from '../../helpers/db.ts';
import { storyDraft } from '../../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

const count = (table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const linksOf = (storyId: number) =>
  store.db.prepare('SELECT practice_id AS practiceId, how FROM evidence WHERE story_id = ? ORDER BY practice_id').all(storyId) as Array<{ practiceId: number; how: string }>;

function practice(name: string, tag: string): number {
  return store.transaction(() => store.practices.create({ name, matchers: [{ kind: 'tag', value: tag }] }, NOW_ISO));
}

describe('saving a story', () => {
  it('stores it linked to the practices its tags match, and to the ones a person chose, with its vector', () => {
    const callBack = practice('Call back', 'call-back');
    const walk = practice('Walk along', 'walk');
    const saved = saveStory(
      store,
      { draft: storyDraft({ text: 'Ana called back', occurredOn: '2026-03-17', staff: ['Ana'], tags: ['call-back'] }), practiceIds: [walk, walk], vector: new Uint8Array([1, 2]) },
      NOW,
    );
    expect(saved).toMatchObject({ text: 'Ana called back', staff: ['Ana'], tags: ['call-back'] });
    expect(linksOf(saved.id)).toEqual([
      { practiceId: callBack, how: 'matched' },
      { practiceId: walk, how: 'manual' },
    ]);
    expect(count('story_vectors')).toBe(1);
  });

  it('stores nothing when one of its writes fails: the story and its links are one transaction', () => {
    practice('Call back', 'call-back');
    expect(() => saveStory(store, { draft: storyDraft({ text: 'Ana called back', occurredOn: '2026-03-17', tags: ['call-back'] }), practiceIds: [999] }, NOW)).toThrow();
    expect([count('stories'), count('evidence'), count('story_tags')]).toEqual([0, 0, 0]);
  });

  it('finds named practices before anything is saved, and refuses an unknown one', () => {
    const id = practice('Call back', 'call-back');
    // A name and an id of the same practice both resolve; saveStory links it once.
    expect(requirePractices(store, [' Call back ', `#${id}`, '']).map((p) => p.id)).toEqual([id, id]);
    expect(() => requirePractices(store, ['Nope'])).toThrow(NotFoundError);
  });
});

describe('editing a story', () => {
  it('relinks it: a tag taken away unlinks what it matched, one added links what it matches', () => {
    const callBack = practice('Call back', 'call-back');
    const walk = practice('Walk along', 'walk');
    const saved = saveStory(store, { draft: storyDraft({ text: 'Ana called back', occurredOn: '2026-03-17', tags: ['call-back'] }), practiceIds: [] }, NOW);
    expect(linksOf(saved.id).map((l) => l.practiceId)).toEqual([callBack]);
    const edited = editStory(store, { story: requireStory(store, `#${saved.id}`), changes: { tags: ['walk'] } }, NOW);
    expect(edited.tags).toEqual(['walk']);
    expect(linksOf(saved.id).map((l) => l.practiceId)).toEqual([walk]);
  });

  it('refuses an unknown story id, and removes a known one with its links', () => {
    expect(() => requireStory(store, '41')).toThrow(NotFoundError);
    practice('Call back', 'call-back');
    const saved = saveStory(store, { draft: storyDraft({ text: 'Ana called back', occurredOn: '2026-03-17', tags: ['call-back'] }), practiceIds: [] }, NOW);
    removeStory(store, saved, NOW);
    expect([count('stories'), count('evidence')]).toEqual([0, 0]);
  });
});

describe('importing stories', () => {
  const row = (line: number, key: string, text: string) => ({ line, key, draft: storyDraft({ text, occurredOn: '2026-03-10', tags: ['call-back'] }) });

  it('stores each new row linked, one story for a row repeated in the file, and nothing again on a re-import', () => {
    const callBack = practice('Call back', 'call-back');
    const rows = [row(2, 'k1', 'Ana called back'), row(3, 'k2', 'Bo called back'), row(4, 'k1', 'Ana called back')];
    const first = importStories(store, { rows, dryRun: false }, NOW);
    expect(first.stored.map((r) => [r.line, r.story?.text])).toEqual([
      [2, 'Ana called back'],
      [3, 'Bo called back'],
    ]);
    expect(first.alreadyImported).toEqual([4]);
    expect(linksOf(first.stored[0]?.id ?? 0)).toEqual([{ practiceId: callBack, how: 'matched' }]);
    const again = importStories(store, { rows, dryRun: false }, NOW);
    expect([again.stored.length, again.alreadyImported, count('stories')]).toEqual([0, [2, 3, 4], 2]);
  });

  it('stores nothing on a dry run, and says what it would store', () => {
    const result = importStories(store, { rows: [row(2, 'k1', 'Ana called back')], dryRun: true }, NOW);
    expect(result.stored.map((r) => [r.line, r.id, r.story])).toEqual([[2, null, null]]);
    expect(count('stories')).toBe(0);
  });
});

describe('logging an interview', () => {
  function planned(): number {
    return store.transaction(() => {
      const customerId = store.customers.ensure('Grace', 'external', NOW_ISO);
      const [id] = store.interviews.plan([customerId], store.people.ensure('Ana', NOW_ISO), '2026-03-16', NOW_ISO);
      return id ?? 0;
    });
  }
  const log = { status: 'done' as const, heldOn: '2026-03-17', learned: null, liked: 'Bo called me back', change: null, note: null };

  it('logs it and saves what the customer liked as a linked story credited to the interview', () => {
    const callBack = practice('Call back', 'call-back');
    const id = planned();
    const story = storyDraft({ text: 'Bo called me back', occurredOn: '2026-03-17', staff: ['Bo'], source: 'interview', tags: ['call-back'] });
    const { interview, storyId } = logInterview(store, { interviewId: requirePlannedInterview(store, `#${id}`).id, log, story }, NOW);
    expect(interview).toMatchObject({ id, status: 'done', heldOn: '2026-03-17' });
    expect(linksOf(storyId ?? 0)).toEqual([{ practiceId: callBack, how: 'matched' }]);
    expect(() => requirePlannedInterview(store, String(id))).toThrow(ConflictError);
  });

  it('logs it alone when no story is asked for, and refuses an unknown interview', () => {
    const id = planned();
    expect(logInterview(store, { interviewId: id, log, story: null }, NOW).storyId).toBeNull();
    expect(count('stories')).toBe(0);
    expect(() => requirePlannedInterview(store, '77')).toThrow(NotFoundError);
  });
});

describe('review decisions', () => {
  const candidate = (name: string, storyIds: number[], shape: Partial<Candidate> = {}): Candidate =>
    ({ key: name, keys: [name], name, phrases: [], tags: [name], storyIds: Int32Array.from(storyIds), stories: storyIds.length, coherence: 1, basis: { kind: 'tag', tag: name, stories: storyIds.length }, ...shape }) as unknown as Candidate;

  it('accept makes a practice with its stories as evidence, merge adds to one, reject is remembered; each saved at once', () => {
    const ids = ['listen', 'listen', 'explain'].map((tag, i) =>
      saveStory(store, { draft: storyDraft({ text: `story ${i}`, occurredOn: '2026-03-10', tags: [tag] }), practiceIds: [] }, NOW).id,
    );
    const callBack = practice('Call back', 'call-back');
    applyReviewDecision(store, { action: 'accept', candidate: candidate('listen', ids.slice(0, 2)), name: 'Listen first', description: '' }, NOW);
    // Saved before the next decision is even asked: a review cut short keeps it.
    const listen = store.practices.find('Listen first');
    expect(listen && store.practices.evidence(listen.id).map((e) => e.storyId)).toEqual(ids.slice(0, 2));
    applyReviewDecision(store, { action: 'merge', candidate: candidate('explain', [ids[2] ?? 0]), practice: 'Call back' }, NOW);
    applyReviewDecision(store, { action: 'reject', candidate: candidate('smile', []) }, NOW);
    expect(store.practices.evidence(callBack).map((e) => e.storyId)).toEqual([ids[2]]);
    expect(store.practices.matchers(callBack)).toContainEqual({ kind: 'tag', value: 'explain' });
    expect(count('rejected_candidates')).toBe(1);
  });

  it('merges a practice accepted earlier in the same review', () => {
    const ids = ['listen', 'hear'].map((tag, i) => saveStory(store, { draft: storyDraft({ text: `story ${i}`, occurredOn: '2026-03-10', tags: [tag] }), practiceIds: [] }, NOW).id);
    applyReviewDecision(store, { action: 'accept', candidate: candidate('listen', [ids[0] ?? 0]), name: 'Listen first', description: '' }, NOW);
    applyReviewDecision(store, { action: 'merge', candidate: candidate('hear', [ids[1] ?? 0]), practice: 'listen first' }, NOW);
    const listen = store.practices.find('Listen first');
    expect(listen && store.practices.evidence(listen.id).map((e) => e.storyId)).toEqual(ids);
  });

  it('merges only the stories of a bare action shown for its broad evidence, never the action as a matcher', () => {
    const ids = ['the fix held', 'the two-factor setup', 'the booking'].map((what, i) =>
      saveStory(store, { draft: storyDraft({ text: `Ana checked ${what} ${i}`, occurredOn: '2026-03-10' }), practiceIds: [] }, NOW).id,
    );
    const callBack = practice('Call back next day', 'call-back');
    const check = candidate('check', ids, { phrases: ['check'], tags: [], coherence: 1 / 3, basis: { kind: 'action', phrase: 'check', stories: 1 } });
    const outcome = applyReviewDecision(store, { action: 'merge', candidate: check, practice: 'Call back next day' }, NOW);
    expect(outcome.leftAsMatchers).toEqual(['check']);
    expect(store.practices.matchers(callBack)).toEqual([{ kind: 'tag', value: 'call-back' }]);
    // Linked by the person's decision, so that a later edit of a story does not drop them.
    expect(store.practices.linked(callBack).map((e) => [e.storyId, e.how])).toEqual(ids.map((id) => [id, 'manual']));
    const later = saveStory(store, { draft: storyDraft({ text: 'Bo checked the printer', occurredOn: '2026-03-11' }), practiceIds: [] }, NOW).id;
    expect(linksOf(later)).toEqual([]);
  });

  it('accepts a bare action shown for its broad evidence as a practice of its stories, never with the action as a matcher', () => {
    const ids = ['the fix held', 'the two-factor setup', 'the booking'].map((what, i) =>
      saveStory(store, { draft: storyDraft({ text: `Ana checked ${what} ${i}`, occurredOn: '2026-03-10' }), practiceIds: [] }, NOW).id,
    );
    const check = candidate('check', ids, { phrases: ['check'], tags: [], coherence: 1 / 3, basis: { kind: 'action', phrase: 'check', stories: 1 } });
    const outcome = applyReviewDecision(store, { action: 'accept', candidate: check, name: 'Check it held', description: '' }, NOW);
    expect(outcome.leftAsMatchers).toEqual(['check']);
    const accepted = store.practices.find('Check it held');
    expect(accepted && store.practices.matchers(accepted.id)).toEqual([]);
    expect(accepted && store.practices.linked(accepted.id).map((e) => [e.storyId, e.how])).toEqual(ids.map((id) => [id, 'manual']));
    const later = saveStory(store, { draft: storyDraft({ text: 'Bo checked the printer', occurredOn: '2026-03-11' }), practiceIds: [] }, NOW).id;
    expect(linksOf(later)).toEqual([]);
  });

  it('refuses a merge into a practice that is gone, saving nothing of it', () => {
    const id = saveStory(store, { draft: storyDraft({ text: 'story', occurredOn: '2026-03-10', tags: ['explain'] }), practiceIds: [] }, NOW).id;
    expect(() => applyReviewDecision(store, { action: 'merge', candidate: candidate('explain', [id]), practice: 'Nobody' }, NOW)).toThrow(NotFoundError);
    expect(linksOf(id)).toEqual([]);
  });
});

describe('the demo team', () => {
  it('is seeded in one transaction, and its report, status and practice view read back what was seeded', () => {
    const data = JSON.parse(readFileSync(new URL('../../../data/demo-team.json', import.meta.url), 'utf8')) as DemoData;
    const { stories } = seedDemo(store, data, NOW);
    expect(stories).toBe(data.stories.length);
    expect(count('stories')).toBe(stories);
    const report = loadReport(store, periodFor(store, { since: '2000-01-01' }, NOW));
    expect(report.headline.stories.current).toBe(stories);
    expect(loadStatus(store, NOW).stages.length).toBeGreaterThan(0);
    const first = data.practices[0];
    const found = first && store.practices.find(first.name);
    expect(found && buildPracticeView(store, found, new Date()).figures.stories).toBeGreaterThan(0);
  });
});
