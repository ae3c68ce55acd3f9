import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listStories } from '../../../src/app/story-list.ts';
import { saveStory } from '../../../src/app/story.ts';
import { NotFoundError, ValidationError } from '../../../src/core/errors.ts';
import { NOW, tempStore } from '../../helpers/db.ts';
import { storyDraft } from '../../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

const clock = () => NOW;
const texts = (input: Parameters<typeof listStories>[1]) => [...listStories(store, input, clock)].flat().map((s) => s.text);

describe('listing stories', () => {
  it('filters by typed days, loosely named people and tags, and a limit where 0 means all', () => {
    saveStory(store, { draft: storyDraft({ text: 'one', occurredOn: '2026-03-01', staff: ['Ana'], tags: ['call-back'] }), practiceIds: [] }, NOW);
    saveStory(store, { draft: storyDraft({ text: 'two', occurredOn: '2026-03-10', staff: ['Bo'] }), practiceIds: [] }, NOW);
    saveStory(store, { draft: storyDraft({ text: 'three', occurredOn: '2026-03-17', staff: ['Ana'] }), practiceIds: [] }, NOW);
    expect(texts({ limit: 0 })).toEqual(['three', 'two', 'one']);
    expect(texts({ limit: 2 })).toEqual(['three', 'two']);
    expect(texts({ limit: 0, since: '2026-03-05', until: 'yesterday' })).toEqual(['three', 'two']);
    expect(texts({ limit: 0, staff: ['an'] })).toEqual(['three', 'one']);
    expect(texts({ limit: 0, tags: ['#Call Back'] })).toEqual(['one']);
    expect(() => texts({ limit: 0, staff: ['Cy'] })).toThrow(NotFoundError);
    expect(() => texts({ limit: 0, since: 'someday' })).toThrow(ValidationError);
  });
});
