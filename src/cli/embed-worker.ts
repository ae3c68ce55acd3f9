import { parentPort, workerData } from 'node:worker_threads';
import { embedPending } from '../app/suggest.ts';
import { errorCode, isSvcError } from '../core/errors.ts';
import { openStore, type Store } from '../store/db.ts';

/** What the command sends: the database to bring up to date. */
export interface EmbedRequest {
  dbPath: string;
}

/** What the worker sends back: progress, then the count or a failure. */
export type EmbedMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; count: number }
  | { kind: 'failed'; message: string; code: string; svc: { exitCode: number; hint: string | undefined } | null };

// Embedding stories in a worker thread (src/cli/semantic.ts says why). This file is its
// own bundle, dist/embed-worker.cjs; it runs once and ends, and with it the encoder.
const request = workerData as EmbedRequest;
const post = (message: EmbedMessage) => parentPort?.postMessage(message);
async function embedAll(): Promise<void> {
  let store: Store | undefined;
  try {
    store = openStore(request.dbPath);
    const { loadEncoder } = await import('../core/encoder.ts');
    const count = await embedPending(store, await loadEncoder(), (done, total) => post({ kind: 'progress', done, total }));
    post({ kind: 'done', count });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    post({ kind: 'failed', message, code: errorCode(error), svc: isSvcError(error) ? { exitCode: error.exitCode, hint: error.hint } : null });
  } finally {
    store?.close();
  }
}

void embedAll();
