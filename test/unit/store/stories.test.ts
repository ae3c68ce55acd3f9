import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftStory, type StoryInput } from '../../../src/core/story.ts';
import { listPeople } from '../../../src/store/people.ts';
import { deleteStory, getStory, insertStory, searchStories, storyPages, updateStory } from '../../../src/store/stories.ts';
import { jsonArrayChunks, jsonObjectChunks, pagesOf } from '../../../src/ui/json-stream.ts';
import { listTags } from '../../../src/store/tags.ts';
import { NOW, NOW_ISO, tempStore } from '../../helpers/db.ts';
import { testEngine } from '../../helpers/engine.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

function add(input: StoryInput): number {
  return store.write(() => insertStory(store.db, draftStory(input, NOW), NOW_ISO));
}

describe('stories in the store', () => {
  it('round-trips every field, people and tags', () => {
    const id = add({
      text: 'Ana called back', staff: ['Ana', 'Bo'], customer: 'Mr Lee', channel: 'phone', tags: ['follow-up'],
      when: '2026-03-10', title: 'Call', impact: 'relieved', source: 'observed', trigger: 'recovery', by: 'Cy',
    });
    expect(getStory(store.db, id)).toMatchObject({
      id, text: 'Ana called back', staff: ['Ana', 'Bo'], customer: 'Mr Lee', customerKind: 'external', channel: 'phone',
      tags: ['follow-up'], occurredOn: '2026-03-10', title: 'Call', impact: 'relieved', source: 'observed',
      trigger: 'recovery', reportedBy: 'Cy',
    });
    expect(getStory(store.db, id)?.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('creates a person once, whatever the case', () => {
    add({ text: 'one', staff: ['Ana'] });
    add({ text: 'two', staff: ['ana '] });
    expect(listPeople(store.db).map((p) => [p.name, p.stories])).toEqual([['Ana', 2]]);
  });

  it('filters by date, person, tag, channel, kind and words, newest first', () => {
    const a = add({ text: 'Ana refunded the fee', staff: ['Ana'], tags: ['refund'], when: '2026-03-01', channel: 'phone' });
    const b = add({ text: 'Bo helped payroll', staff: ['Bo'], internal: true, customer: 'Payroll', when: '2026-03-05' });
    const c = add({ text: 'Ana and Bo called back', staff: ['Ana', 'Bo'], tags: ['refund', 'call-back'], when: '2026-03-10' });
    const ids = (filter: Parameters<typeof storyPages>[1]) => [...storyPages(store.db, filter)].flat().map((s) => s.id);
    expect(ids({})).toEqual([c, b, a]);
    expect(ids({ since: '2026-03-02', until: '2026-03-09' })).toEqual([b]);
    expect(ids({ staff: ['ana'] })).toEqual([c, a]);
    expect(ids({ staff: ['Ana', 'Bo'] })).toEqual([c]);
    expect(ids({ tags: ['refund', 'call-back'] })).toEqual([c]);
    expect(ids({ channel: 'phone' })).toEqual([a]);
    expect(ids({ customerKind: 'internal' })).toEqual([b]);
    expect(ids({ search: 'called' })).toEqual([c]);
    expect(ids({ limit: 1 })).toEqual([c]);
  });

  it('keeps the full-text index in step with edits and deletes', () => {
    const id = add({ text: 'Ana called the customer back' });
    expect(searchStories(store.db, 'called').map((h) => h.story.id)).toEqual([id]);
    const story = getStory(store.db, id)!;
    store.write(() => updateStory(store.db, id, draftStory({ ...story, text: 'Ana emailed a summary', customer: undefined, when: story.occurredOn, by: undefined, title: undefined, impact: undefined, channel: undefined, source: undefined, trigger: undefined }, NOW), NOW_ISO));
    expect(searchStories(store.db, 'called')).toEqual([]);
    expect(searchStories(store.db, 'emailed').map((h) => h.story.id)).toEqual([id]);
    store.write(() => deleteStory(store.db, id, NOW_ISO));
    expect(searchStories(store.db, 'emailed')).toEqual([]);
    expect(listTags(store.db).every((t) => t.stories === 0)).toBe(true);
  });

  it('highlights matches, stems words, and treats operators as plain words', () => {
    add({ text: 'She calls back every customer — "AND" OR NOT NEAR(x)' });
    const [hit] = searchStories(store.db, 'calling');
    expect(hit?.snippet).toContain('\u0002calls\u0003');
    expect(searchStories(store.db, '"AND" OR NOT NEAR(')).toHaveLength(1);
    expect(() => searchStories(store.db, '*** ---')).toThrow(/no words/);
  });

  it('ranks the better match first: the word more often, then a shorter story; equal matches newest first', () => {
    const filler = 'the team met on Monday and went through the week, the queue, the rota and the open tickets one by one';
    const once = add({ text: `Ana sent the refund. ${filler} ${filler}`, when: '2026-03-01' });
    const short = add({ text: 'Bo sent the refund.', when: '2026-03-02' });
    const often = add({ text: 'Cy chased the refund, confirmed the refund and explained the refund to her.', when: '2026-03-01' });
    const newer = add({ text: 'Di sent the refund.', when: '2026-03-05' });
    expect(searchStories(store.db, 'refund').map((hit) => hit.story.id)).toEqual([often, newer, short, once]);
  });

  // Skipped on SQLite: it checks PostgreSQL's query plan for the GIN index; SQLite searches through FTS5.
  it.skipIf(testEngine !== 'postgres')('on PostgreSQL, searches through the GIN index of the tsvector table', () => {
    const id = add({ text: 'Ana called the customer back' });
    add({ text: 'Bo wrote a summary' });
    const scans = store.read(() => {
      // A table this small is read whole unless scans are priced out; what matters is that the index can answer.
      store.db.exec('SET LOCAL enable_seqscan = off');
      expect(searchStories(store.db, 'called').map((hit) => hit.story.id)).toEqual([id]);
      expect([...storyPages(store.db, { search: 'call*' })].flat().map((story) => story.id)).toEqual([id]);
      return store.db.prepare("SELECT seq_scan AS whole, idx_scan AS indexed FROM pg_stat_xact_user_tables WHERE relname = 'stories_fts'").get() as { whole: number; indexed: number };
    });
    expect(scans.whole).toBe(0);
    expect(scans.indexed).toBeGreaterThanOrEqual(2);
    expect(store.db.prepare("SELECT indexdef FROM pg_indexes WHERE tablename = 'stories_fts' AND indexdef LIKE '%USING gin (document)%'").all()).toHaveLength(1);
  });

  it('stores quotes, emoji, SQL fragments and non-Latin scripts exactly', () => {
    const text = `O'Brien said "thanks" 🙏 — Robert'); DROP TABLE stories;-- Ζωή 東京 مرحبا`;
    const id = add({ text, staff: ['Zoë 张'] });
    expect(getStory(store.db, id)?.text).toBe(text);
    expect(getStory(store.db, id)?.staff).toEqual(['Zoë 张']);
  });

  it('pages through stories newest first, same day by id, each exactly once, within a limit', () => {
    // Seven stories over three days, some on the same day, in pages of two.
    const days = ['2026-03-02', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-01', '2026-03-02', '2026-03-03'];
    const ids = days.map((when, i) => add({ text: `story ${i}`, staff: ['Ana'], tags: ['t'], when }));
    const expected = ids
      .map((id, i) => ({ id, day: days[i] ?? '' }))
      .sort((a, b) => b.day.localeCompare(a.day) || b.id - a.id)
      .map((s) => s.id);
    const pages = [...storyPages(store.db, {}, 2)];
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat().map((s) => s.id)).toEqual(expected);
    expect(pages.flat().every((s) => s.staff[0] === 'Ana' && s.tags[0] === 't')).toBe(true);
    expect([...storyPages(store.db, { limit: 5 }, 2)].flat().map((s) => s.id)).toEqual(expected.slice(0, 5));
    expect([...storyPages(store.db, { limit: 4 }, 2)].map((page) => page.length)).toEqual([2, 2]);
    expect([...storyPages(store.db, { since: '2026-03-02' }, 2)].flat().map((s) => s.occurredOn)).toEqual(['2026-03-03', '2026-03-03', '2026-03-02', '2026-03-02', '2026-03-02']);
    expect([...storyPages(store.db)].flat().map((s) => s.id)).toEqual(expected);
    expect([...storyPages(store.db, { staff: ['Nobody'] })]).toEqual([]);
  });
});

describe('a JSON array written a page at a time', () => {
  it('is exactly what JSON.stringify writes for the whole array, whatever the pages', () => {
    const item = (n: number) => ({ n, text: `line "${n}"\nnext`, list: [n, { deep: n }], none: null });
    for (const pages of [[], [[]], [[1]], [[1, 2, 3]], [[1], [2, 3], [], [4]], [[], [1, 2], []]]) {
      const whole = pages.flat().map(item);
      expect([...jsonArrayChunks(pages, item)].join(''), JSON.stringify(pages)).toBe(JSON.stringify(whole, null, 2));
    }
  });

  it('writes an object with a long array inside exactly as JSON.stringify does', () => {
    const items = Array.from({ length: 2501 }, (_, n) => ({ n, people: ['Ana', `P${n}`], how: 'matched' }));
    for (const evidence of [items, [], items.slice(0, 1)]) {
      const value = { id: 7, name: 'Calls back', figures: { stories: evidence.length }, evidence, procedure: null, tags: [] };
      expect([...jsonObjectChunks(value, 'evidence')].join('')).toBe(JSON.stringify(value, null, 2));
    }
    expect([...pagesOf(items, 1000)].map((page) => page.length)).toEqual([1000, 1000, 501]);
  });
});
