import { parentPort, workerData } from 'node:worker_threads';
import { errorCode, isSvcError } from '../core/errors.ts';
import { indexStoryPhrases } from '../app/phrases.ts';
import type { DatabaseLocation } from '../store/paths.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.ts';

/** What the command sends: the database (a file, or a postgres:// address as given), and the time it stamps links with. */
export interface IndexRequest {
  dbPath: string;
  /** SQLite when absent. */
  engine?: DatabaseLocation['engine'];
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
  // The PostgreSQL store and its driver are a bundle of their own (dist/postgres.cjs), loaded only for that engine.
  const postgres = request.engine === 'postgres' ? await import('../store/postgres/store.ts') : undefined;
  try {
    store = postgres ? postgres.openPostgresStore(request.dbPath) : openSqliteStore(request.dbPath);
    const count = await indexStoryPhrases(store, { onProgress: (done, total) => post({ kind: 'progress', done, total }) }, new Date(request.now));
    post({ kind: 'done', count });
  } catch (caught) {
    const error = postgres ? postgres.translatePostgresError(caught, request.dbPath) : caught;
    const message = error instanceof Error ? error.message : String(error);
    post({ kind: 'failed', message, code: errorCode(error), svc: isSvcError(error) ? { exitCode: error.exitCode, hint: error.hint } : null });
  } finally {
    store?.close();
  }
}

void indexAll();
