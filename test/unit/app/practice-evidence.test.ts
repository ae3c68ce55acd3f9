import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adoptPractice, changePracticeStatus, practiceSummaries, startAdoption } from '../../../src/app/practice-admin.ts';
import { addPractice, linkStories, matchersFromInput, removePhrase, unlinkStories } from '../../../src/app/practice-evidence.ts';
import { rejectedCandidates } from '../../../src/app/detect.ts';
import { holdMeeting, listMeetings } from '../../../src/app/meetings.ts';
import { ConflictError, NotFoundError, UsageError, ValidationError } from '../../../src/core/errors.ts';
import { draftStory } from '../../../src/core/story.ts';
import { NOW, NOW_ISO, tempStore } from '../../helpers/db.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

const clock = () => NOW;
const story = (text: string, staff: string[], when: string, tags: string[] = []) =>
  store.transaction(() => store.stories.insert(draftStory({ text, staff, when, tags }, NOW), NOW_ISO));
/** Everything a refused call must leave as it was. */
const snapshot = () => ({ practices: store.practices.list(), summaries: store.practices.summaries(), meetings: store.meetings.list() });

describe('naming a practice', () => {
  it('normalises matchers, links the stories its tag meets and the examples by hand, in one go', async () => {
    const a = story('Ana called back', ['Ana'], '2026-03-02', ['call-back']);
    const b = story('Bo rang the next day', ['Bo'], '2026-03-03');
    const { matchers, phrases } = await matchersFromInput({ tags: ['Call-Back', 'call-back'] });
    expect(matchers).toEqual([{ kind: 'tag', value: 'call-back' }]);
    const added = addPractice(store, { name: 'Call back', matchers, phrases, fromStories: [`#${b}`] }, clock);
    expect(added).toMatchObject({ linked: 1, examples: [b], unmatchedPhrases: [] });
    expect(added.view.figures).toMatchObject({ stories: 2, spread: 2 });
    expect(store.practices.linked(added.practice.id).map((e) => [e.storyId, e.how])).toEqual([
      [a, 'matched'],
      [b, 'manual'],
    ]);
  });

  it('refuses an empty matcher, a taken name, a taken tag and a third example, changing nothing', async () => {
    const ids = [story('one', ['Ana'], '2026-03-01'), story('two', ['Ana'], '2026-03-02'), story('three', ['Bo'], '2026-03-03')];
    await expect(matchersFromInput({ tags: ['  '] })).rejects.toThrow(ValidationError);
    const { matchers } = await matchersFromInput({ tags: ['call-back'] });
    addPractice(store, { name: 'Call back', matchers }, clock);
    const before = snapshot();
    expect(() => addPractice(store, { name: 'call back', matchers: [] }, clock)).toThrow(ConflictError);
    expect(() => addPractice(store, { name: 'Ring back', matchers }, clock)).toThrow(ConflictError);
    expect(() => addPractice(store, { name: 'Ring back', matchers: [], fromStories: ids.map(String) }, clock)).toThrow(ValidationError);
    expect(() => addPractice(store, { name: 'Ring back', matchers: [], fromStories: ['999'] }, clock)).toThrow(NotFoundError);
    expect(snapshot()).toEqual(before);
  });
});

describe('evidence by hand', () => {
  it('links and unlinks stories, saying when a tag would link one again', async () => {
    const tagged = story('Ana called back', ['Ana'], '2026-03-02', ['call-back']);
    const other = story('Bo rang', ['Bo'], '2026-03-03');
    const { matchers } = await matchersFromInput({ tags: ['call-back'] });
    addPractice(store, { name: 'Call back', matchers }, clock);
    expect(linkStories(store, { practice: 'call back', stories: [String(other), `#${other}`] }, clock).linked).toEqual([other]);
    expect(unlinkStories(store, { practice: 'Call back', stories: [String(other)] }, clock)).toMatchObject({ unlinked: [other], relinkedOnEdit: false });
    expect(unlinkStories(store, { practice: 'Call back', stories: [String(tagged)] }, clock).relinkedOnEdit).toBe(true);
    const before = snapshot();
    expect(() => unlinkStories(store, { practice: 'Call back', stories: [String(other)] }, clock)).toThrow(NotFoundError);
    expect(() => linkStories(store, { practice: 'Call back', stories: [] }, clock)).toThrow(UsageError);
    expect(() => linkStories(store, { practice: 'Nothing', stories: [String(other)] }, clock)).toThrow(NotFoundError);
    expect(snapshot()).toEqual(before);
  });

  it('removes a phrase matcher typed as listed, and refuses one the practice has not', async () => {
    const id = store.transaction(() => store.practices.create({ name: 'Call back', matchers: [{ kind: 'phrase', value: 'call back' }] }, NOW_ISO));
    await expect(removePhrase(store, { practice: 'Call back', phrase: 'walk along' }, clock)).rejects.toThrow(NotFoundError);
    expect(await removePhrase(store, { practice: 'Call back', phrase: 'Call  Back' }, clock)).toMatchObject({ removed: { kind: 'phrase', value: 'call back' }, unlinked: 0 });
    expect(store.practices.matchers(id)).toEqual([]);
  });
});

describe('lifecycle', () => {
  it('moves a practice on, says when nothing moved, and refuses standard without a procedure', () => {
    store.transaction(() => store.practices.create({ name: 'Call back' }, NOW_ISO));
    expect(changePracticeStatus(store, { practice: 'Call back', to: 'adopted' }, clock)).toMatchObject({ from: 'candidate', changed: true, practice: { status: 'adopted' } });
    expect(changePracticeStatus(store, { practice: 'Call back', to: 'adopted' }, clock)).toMatchObject({ from: 'adopted', changed: false });
    expect(() => changePracticeStatus(store, { practice: 'Call back', to: 'standard' }, clock)).toThrow(UsageError);
    expect(() => changePracticeStatus(store, { practice: 'Call back', to: 'candidate' }, clock)).toThrow(ConflictError);
    expect(store.practices.statusHistory(store.practices.find('Call back')!.id).map((c) => c.to)).toEqual(['candidate', 'adopted']);
  });

  it('adopts with a first version written from the evidence; the same text again changes only the review interval', () => {
    const s = story('Ana called back', ['Ana'], '2026-03-02', ['call-back']);
    const id = store.transaction(() => store.practices.create({ name: 'Call back', status: 'adopted', evidence: [{ storyId: s, how: 'manual' }] }, NOW_ISO));
    const first = startAdoption(store, { practice: 'Call back' }, clock);
    expect(first.current).toBeUndefined();
    expect(first.draft()).toContain('Call back');
    expect(adoptPractice(store, { adoption: first, body: '1. Call back.', reviewEveryDays: 90 }, clock)).toMatchObject({ version: 1, changed: true, sourceStoryIds: [s] });
    const again = startAdoption(store, { practice: 'Call back' }, clock);
    expect(adoptPractice(store, { adoption: again, body: '1. Call back.', reviewEveryDays: 30 }, clock)).toMatchObject({ version: 1, changed: false, rescheduled: true });
    expect(store.procedures.current(id)).toMatchObject({ version: 1, reviewEveryDays: 30 });
    expect(store.practices.find('Call back')?.status).toBe('standard');
  });

  it('lists practices with the figures core computes, by status', () => {
    story('Ana called back', ['Ana'], '2026-03-02', ['call-back']);
    story('Bo called back', ['Bo'], '2026-03-01', ['call-back']);
    const id = store.transaction(() => store.practices.create({ name: 'Call back', matchers: [{ kind: 'tag', value: 'call-back' }] }, NOW_ISO));
    store.transaction(() => store.practices.relinkPractice(id, NOW_ISO));
    // A tie on stories: Bo's evidence came first.
    expect(practiceSummaries(store, {})).toMatchObject([{ name: 'Call back', stories: 2, spread: 2, star: 'Bo', starShare: 0.5, starDependent: false }]);
    expect(practiceSummaries(store, { statuses: ['adopted'] })).toEqual([]);
  });
});

describe('rejections and meetings', () => {
  it('lists rejected candidates', () => {
    expect(rejectedCandidates(store)).toEqual([]);
    store.transaction(() => store.detection.rejectCandidate(['tag:walk'], 'Walk along', NOW_ISO));
    expect(rejectedCandidates(store).map((r) => r.label)).toEqual(['Walk along']);
  });

  it('records one meeting a day, today unless told, and refuses a second', () => {
    expect(holdMeeting(store, { notes: '  quarterly  ' }, clock)).toMatchObject({ meeting: { heldOn: '2026-03-18', notes: 'quarterly' }, laterMeetingOn: null });
    // An earlier meeting recorded afterwards: the later one still starts the next report.
    expect(holdMeeting(store, { on: '2026-03-11' }, clock)).toMatchObject({ meeting: { heldOn: '2026-03-11' }, laterMeetingOn: '2026-03-18' });
    const before = snapshot();
    expect(() => holdMeeting(store, { on: '2026-03-18' }, clock)).toThrow(ConflictError);
    expect(() => holdMeeting(store, { on: '2026-04-01' }, clock)).toThrow(ValidationError);
    expect(snapshot()).toEqual(before);
    expect(listMeetings(store).map((m) => m.heldOn)).toEqual(['2026-03-18', '2026-03-11']);
  });
});
