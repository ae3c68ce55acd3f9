// Re-linking after indexing: a batch of stories is linked to the practices whose matchers
// they satisfy in two statements, exactly as one story at a time would be.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftStory } from '../../src/core/story.ts';
import { linkMatchesForStories, linkMatchesForStory } from '../../src/store/matching.ts';
import { indexStoryPhrases } from '../../src/app/phrases.ts';
import { createPractice, linkedEvidence, setPracticeStatus, findPractice, unlinkEvidence } from '../../src/store/practices.ts';
import { insertStory } from '../../src/store/stories.ts';
import { NOW, NOW_ISO, tempStore } from '../helpers/db.ts';

let store: ReturnType<typeof tempStore>;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

function addStory(text: string, staff: string, tags: string[] = []): number {
  return store.write(() => insertStory(store.db, draftStory({ text, staff: [staff], when: '2026-03-02', tags }, NOW), NOW_ISO));
}

/** Every (practice, story, how) link, sorted. */
function links(): Array<[number, number, string]> {
  return (store.db.prepare('SELECT practice_id, story_id, how FROM evidence ORDER BY practice_id, story_id').raw(true).all() as Array<[number, number, string]>);
}

describe('linkMatchesForStories', () => {
  it('links a batch by tags and phrases, keeps hand links, and never relinks what a person unlinked or a retired practice', async () => {
    const ids = [
      addStory('Ana called the customer back within the hour.', 'Ana'),
      addStory('Bo fixed the printer in the lobby.', 'Bo', ['callback']),
      addStory('Cy rang Mrs Ito back that evening.', 'Cy'),
      addStory('Dee greeted every guest by name.', 'Dee'),
      addStory('Eli called back a worried client the same day.', 'Eli'),
    ];
    await indexStoryPhrases(store, {}, NOW);
    const [callBack, greet, retired] = store.write(() => [
      createPractice(store.db, { name: 'Call back', matchers: [{ kind: 'phrase', value: 'call back' }, { kind: 'tag', value: 'callback' }] }, NOW_ISO),
      createPractice(store.db, { name: 'Greet by name', evidence: [{ storyId: ids[0] as number, how: 'manual' }] }, NOW_ISO),
      createPractice(store.db, { name: 'Old greeting', matchers: [{ kind: 'phrase', value: 'greet by name' }] }, NOW_ISO),
    ]);
    store.write(() => {
      setPracticeStatus(store.db, findPractice(store.db, 'Old greeting')!, 'retired', NOW_ISO);
      // Linked by its matcher, then unlinked by a person: it stays unlinked.
      linkMatchesForStory(store.db, ids[4] as number, NOW_ISO);
      unlinkEvidence(store.db, callBack as number, [ids[4] as number], NOW_ISO);
    });
    store.write(() => linkMatchesForStories(store.db, ids, NOW_ISO));
    expect(links()).toEqual([
      [callBack, ids[0], 'matched'],
      [callBack, ids[1], 'matched'],
      [callBack, ids[2], 'matched'],
      [greet, ids[0], 'manual'],
    ]);
    expect(linkedEvidence(store.db, retired as number)).toEqual([]);
    // One at a time gives the same links.
    store.write(() => {
      for (const id of ids) linkMatchesForStory(store.db, id, NOW_ISO);
    });
    expect(links()).toEqual([
      [callBack, ids[0], 'matched'],
      [callBack, ids[1], 'matched'],
      [callBack, ids[2], 'matched'],
      [greet, ids[0], 'manual'],
    ]);
  });

  it('does nothing for an empty batch', () => {
    expect(() => store.write(() => linkMatchesForStories(store.db, [], NOW_ISO))).not.toThrow();
    expect(links()).toEqual([]);
  });
});
