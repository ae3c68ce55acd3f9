import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexMessage } from '../../src/cli/index-worker.ts';
import { draftStory } from '../../src/core/story.ts';
import { openStore } from '../../src/store/db.ts';
import { countUnindexed, storyPhrases } from '../../src/store/phrases.ts';
import { insertStory } from '../../src/store/stories.ts';
import { NOW, NOW_ISO, tempDir } from '../helpers/db.ts';

// The built worker, as commands start it: it runs in a thread of its own and ends.
const WORKER = new URL('../../dist/index-worker.cjs', import.meta.url);

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function runWorker(dbPath: string): Promise<IndexMessage[]> {
  return new Promise((resolve, reject) => {
    const messages: IndexMessage[] = [];
    const worker = new Worker(WORKER, { workerData: { dbPath, now: NOW_ISO } });
    worker.on('message', (message: IndexMessage) => messages.push(message));
    worker.on('error', reject);
    worker.on('exit', () => resolve(messages));
  });
}

describe('the phrase-indexing worker', () => {
  it('indexes the stories not yet indexed, reporting progress, and ends', async () => {
    const path = join(dir, 'svc.db');
    const store = openStore(path);
    const id = store.write(() => insertStory(store.db, draftStory({ text: 'Ana called the customer back the same day', staff: ['Ana'] }, NOW), NOW_ISO));
    expect(countUnindexed(store.db)).toBe(1);

    const messages = await runWorker(path);
    expect(messages).toEqual([{ kind: 'progress', done: 1, total: 1 }, { kind: 'done', count: 1 }]);
    expect(countUnindexed(store.db)).toBe(0);
    expect(storyPhrases(store.db, id).map((phrase) => phrase.key)).toContain('call back');
    store.close();
  });

  it('reports a failure with what svc needs to show it, and ends', async () => {
    const notAFile = join(dir, 'a-directory.db');
    mkdirSync(notAFile);
    const messages = await runWorker(notAFile);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: 'failed', svc: { exitCode: 2 } });
  });
});
