import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexStoryPhrases } from '../../../src/app/phrases.ts';
import { countUnindexed } from '../../../src/store/phrases.ts';
import { addMatchers, createPractice, matcherOwner, practiceMatchers, removeMatcher } from '../../../src/store/practices.ts';
import { insertStory } from '../../../src/store/stories.ts';
import { NOW, NOW_ISO, rewindSchema, tempStore } from '../../helpers/db.ts';
import { storyDraft } from '../../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

describe('migration 0018: a phrase matcher with details', () => {
  it('keeps every matcher (without details), names their tombstones by the new key, and indexes every story again', async () => {
    store.write(() => {
      insertStory(store.db, storyDraft({ text: 'Ana called the customer back the next morning.', occurredOn: '2026-03-01', staff: ['Ana'] }), NOW_ISO);
      createPractice(store.db, { name: 'Call back', matchers: [{ kind: 'phrase', value: 'call back' }, { kind: 'tag', value: 'call-back' }] }, NOW_ISO);
      createPractice(store.db, { name: 'Greet', matchers: [{ kind: 'phrase', value: 'greet' }] }, NOW_ISO);
      removeMatcher(store.db, 2, { kind: 'phrase', value: 'greet' }, NOW_ISO);
    });
    await indexStoryPhrases(store, {}, NOW);
    rewindSchema(store.db, 16);
    store.db.prepare("UPDATE tombstones SET key = ? WHERE table_name = 'practice_matchers'").run(JSON.stringify(['phrase', 'greet']));
    store.close();

    const reopened = store.connectAgain();
    try {
      expect(practiceMatchers(reopened.db, 1)).toEqual([
        { kind: 'phrase', value: 'call back' },
        { kind: 'tag', value: 'call-back' },
      ]);
      expect(reopened.db.prepare("SELECT key FROM tombstones WHERE table_name = 'practice_matchers'").all()).toEqual([{ key: JSON.stringify(['phrase', 'greet', '']) }]);
      expect(countUnindexed(reopened.db)).toBe(1);
    } finally {
      reopened.close();
    }
  });
});

describe('phrase matchers with details', () => {
  it('holds one phrase with different details for two practices, and the same details for one only', () => {
    store.write(() => {
      createPractice(store.db, { name: 'Call back', matchers: [{ kind: 'phrase', value: 'call back' }] }, NOW_ISO);
      createPractice(store.db, { name: 'Call back promptly', matchers: [{ kind: 'phrase', value: 'call back', qualifier: 'timing' }] }, NOW_ISO);
      addMatchers(store.db, 1, [{ kind: 'phrase', value: 'call back', qualifier: 'timing' }], NOW_ISO); // held already: left where it is
    });
    expect(practiceMatchers(store.db, 1)).toEqual([{ kind: 'phrase', value: 'call back' }]);
    expect(practiceMatchers(store.db, 2)).toEqual([{ kind: 'phrase', value: 'call back', qualifier: 'timing' }]);
    expect(matcherOwner(store.db, { kind: 'phrase', value: 'call back', qualifier: 'timing' })).toBe('Call back promptly');
    expect(matcherOwner(store.db, { kind: 'phrase', value: 'call back' })).toBe('Call back');
    expect(matcherOwner(store.db, { kind: 'phrase', value: 'call back', qualifier: 'persistence' })).toBeUndefined();
    // SQLite says "CHECK constraint failed", PostgreSQL "violates check constraint".
    expect(() => store.db.prepare("INSERT INTO practice_matchers (practice_id, kind, value, qualifier) VALUES (1, 'tag', 'x', 'timing')").run()).toThrow(/CHECK constraint|check constraint/);
  });
});
