import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.ts';
import { draftStory, MAX_STORY_LENGTH } from '../../src/core/story.ts';
import { getStory, insertStory, searchStories, storyPages } from '../../src/store/stories.ts';
import { NOW, NOW_ISO, tempStore } from '../helpers/db.ts';
import { storyText, FUZZ_SEED } from '../helpers/text.ts';

let store: ReturnType<typeof tempStore>;
beforeAll(() => {
  store = tempStore();
});
afterAll(() => store.dispose());

describe('what is stored is what is read back (store)', () => {
  it('any text: saved as typed (NFC, trimmed) or refused as empty, too long or holding a NUL, never changed otherwise', () => {
    fc.assert(
      fc.property(storyText, fc.nat(), (typed, n) => {
        // A marker word makes every story findable by search, whatever else it holds.
        const marker = `zq${n}x`;
        const text = `${typed} ${marker}`;
        const expected = text.normalize('NFC').trim();
        let draft;
        try {
          draft = draftStory({ text, staff: ['Ana'] }, NOW);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect(expected === '' || expected.length > MAX_STORY_LENGTH || expected.includes('\u0000')).toBe(true);
          return;
        }
        const id = store.write(() => insertStory(store.db, draft, NOW_ISO));
        expect(getStory(store.db, id)?.text).toBe(expected);
        expect([...storyPages(store.db, { limit: 1 })].flat()[0]?.text).toBe(expected);
        expect(searchStories(store.db, marker, 10_000).map((hit) => hit.story.id)).toContain(id);
      }),
      { ...FUZZ_SEED, numRuns: 300 },
    );
  });
});
