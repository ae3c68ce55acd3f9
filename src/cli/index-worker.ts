import { parentPort, workerData } from 'node:worker_threads';
import { errorCode, isSvcError } from '../core/errors.ts';
import { indexStoryPhrases } from '../app/phrases.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.ts';

/** What the command sends: the database, and the time it stamps links with. */
export interface IndexRequest {
  dbPath: string;
  now: string;
}

/** What the worker sends back: progress, then the count or a failure. */
export type IndexMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; count: number }
  | { kind: 'failed'; message: string; code: string; svc: { exitCode: number; hint: string | undefined } | null };

// Indexing phrases in a worker thread (src/cli/phrases.ts says why). This file is its own
// bundle, dist/index-worker.cjs; it runs once and ends, and with it the language model.
const request = workerData as IndexRequest;
const post = (message: IndexMessage) => parentPort?.postMessage(message);
async function indexAll(): Promise<void> {
  let store: SqliteStore | undefined;
  try {
    store = openSqliteStore(request.dbPath);
    const count = await indexStoryPhrases(store, { onProgress: (done, total) => post({ kind: 'progress', done, total }) }, new Date(request.now));
    post({ kind: 'done', count });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    post({ kind: 'failed', message, code: errorCode(error), svc: isSvcError(error) ? { exitCode: error.exitCode, hint: error.hint } : null });
  } finally {
    store?.close();
  }
}

void indexAll();
