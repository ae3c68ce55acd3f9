import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION } from '../../../src/core/phrases.ts';
import { countUnindexed, storyPhrases } from '../../../src/store/phrases.ts';
import { indexStoryPhrases } from '../../../src/app/phrases.ts';
import { insertStory } from '../../../src/store/stories.ts';
import type { Db } from '../../../src/store/db.ts';
import { NOW, NOW_ISO, tempStore } from '../../helpers/db.ts';
import { testEngine } from '../../helpers/engine.ts';
import { storyDraft } from '../../helpers/stories.ts';

let store: ReturnType<typeof tempStore>;

/**
 * A counter of the rows inserted, updated or deleted on this connection since it opened.
 * SQLite counts them itself (total_changes). PostgreSQL has no such count; a row it
 * writes gets a new version (ctid, xmin), so the rows written between two calls are the
 * phrase tables' row versions that came or went (an update counts twice there).
 */
function rowsWritten(db: Db): () => number {
  if (testEngine === 'sqlite') return () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const versions = () =>
    new Set(
      (
        db
          .prepare(
            `SELECT 'p' || ctid::text || xmin::text AS v FROM story_phrases UNION ALL SELECT 'i' || ctid::text || xmin::text FROM story_phrase_index`,
          )
          .pluck()
          .all() as string[]
      ),
    );
  let last = versions();
  let written = 0;
  return () => {
    const now = versions();
    written += [...now].filter((v) => !last.has(v)).length + [...last].filter((v) => !now.has(v)).length;
    last = now;
    return written;
  };
}
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.dispose());

function addStories(n: number): void {
  store.write(() => {
    for (let i = 0; i < n; i++) insertStory(store.db, storyDraft({ text: `Person ${i % 7} called the customer back the same day.`, occurredOn: '2026-03-01', staff: [`P${i % 7}`] }), NOW_ISO);
  });
}

describe('phrase indexing in batches', () => {
  it('commits batch by batch: another connection sees progress before the end', async () => {
    addStories(350);
    const other = store.connectAgain();
    const seen: number[] = [];
    const count = await indexStoryPhrases(store, { onProgress: () => seen.push((other.db.prepare('SELECT count(*) AS n FROM story_phrase_index').get() as { n: number }).n) }, NOW);
    other.close();
    expect(count).toBe(350);
    // Each progress report comes after its batch is committed, visible to any reader.
    expect(seen).toEqual([100, 200, 300, 350]);
    expect(countUnindexed(store.db)).toBe(0);
  });

  it('reindexes every story in place with all: the cache is never emptied on the way', async () => {
    addStories(250);
    await indexStoryPhrases(store, {}, NOW);
    const before = storyPhrases(store.db, 1);
    const unindexedDuring: number[] = [];
    expect(await indexStoryPhrases(store, { all: true, onProgress: () => unindexedDuring.push(countUnindexed(store.db)) }, NOW)).toBe(250);
    expect(unindexedDuring).toEqual([0, 0, 0]);
    expect(storyPhrases(store.db, 1)).toEqual(before);
  });

  it('rewrites only the stories whose phrases changed: a reindex of unchanged stories writes nothing', async () => {
    addStories(120);
    await indexStoryPhrases(store, {}, NOW);
    const changes = rowsWritten(store.db);
    const before = changes();
    // No practice matches by phrase, so nothing but the phrase cache could change.
    expect(await indexStoryPhrases(store, { all: true }, NOW)).toBe(120);
    expect(changes()).toBe(before);
    // A phrase stored wrongly (as by an older extractor) is put right; its neighbours stay as they were.
    const story1 = storyPhrases(store.db, 1);
    const story2 = storyPhrases(store.db, 2);
    store.write(() => store.db.prepare("UPDATE story_phrases SET key = 'phone' WHERE story_id = 1").run());
    const beforeFix = changes();
    await indexStoryPhrases(store, { all: true }, NOW);
    expect(storyPhrases(store.db, 1)).toEqual(story1);
    expect(storyPhrases(store.db, 2)).toEqual(story2);
    // Story 1's rows deleted and inserted again: no other story's.
    expect(changes() - beforeFix).toBe(2 * story1.length);
  });

  it('leaves alone a story another command indexed meanwhile', async () => {
    addStories(3);
    // As if another process indexed story 2 with the current extractor, differently.
    store.write(() => {
      store.db.prepare('INSERT INTO story_phrase_index (story_id, version) VALUES (2, ?)').run(EXTRACTOR_VERSION);
    });
    expect(await indexStoryPhrases(store, {}, NOW)).toBe(2);
    expect(storyPhrases(store.db, 2)).toEqual([]);
    expect(storyPhrases(store.db, 1).length).toBeGreaterThan(0);
  });
});
