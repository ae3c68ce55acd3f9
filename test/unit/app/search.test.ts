import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchStories } from '../../../src/app/search.ts';
import { saveStory } from '../../../src/app/story.ts';
import { NOW, tempStore } from '../../helpers/db.ts';
import { storyDraft } from '../../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

describe('searching stories', () => {
  it('finds the stories whose words match, best first, up to the limit (20 unless given)', () => {
    for (let i = 0; i < 22; i++) saveStory(store, { draft: storyDraft({ text: `Ana called the customer back, call ${i}`, occurredOn: '2026-03-17', staff: ['Ana'] }), practiceIds: [] }, NOW);
    saveStory(store, { draft: storyDraft({ text: 'Bo walked the client to the door', occurredOn: '2026-03-17', staff: ['Bo'] }), practiceIds: [] }, NOW);
    expect(searchStories(store, { query: 'walked' }).map((hit) => hit.story.staff)).toEqual([['Bo']]);
    expect(searchStories(store, { query: 'called' })).toHaveLength(20);
    expect(searchStories(store, { query: 'called', limit: 3 })).toHaveLength(3);
    expect(searchStories(store, { query: 'nobody' })).toEqual([]);
  });
});
