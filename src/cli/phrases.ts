import { SvcError, type ExitCode } from '../core/errors.ts';
import { evidenceNeedsPhrases, indexStoryPhrases, storiesToIndex, type IndexProgress } from '../app/phrases.ts';
import type { Context } from './context.ts';
import { startProgress } from './progress.ts';
import { indexWorkerBundle } from './streams.ts';
import type { IndexMessage, IndexRequest } from './index-worker.ts';

/**
 * Brings the phrase index up to date before a command reads phrases or evidence, with
 * a progress bar on stderr once it has run for a second. Returns how many stories were
 * indexed. Commands call this, not indexStoryPhrases, so progress looks the same.
 * The indexing runs in a worker thread, unless indexing is all the command does
 * (`inWorker: false`; a second thread is 20 MB more there, and frees nothing after).
 */
export async function indexPhrases(ctx: Context, options: { verb?: string; summary?: boolean; inWorker?: boolean; all?: boolean } = {}): Promise<number> {
  const { verb = 'Indexing', summary = true, inWorker = true, all = false } = options;
  const store = ctx.store();
  if (storiesToIndex(store, { all }) === 0) return 0;
  const progress = startProgress(`${verb} story phrases`);
  const onProgress: IndexProgress = (done, total) => progress.update(done, total);
  const bundle = indexWorkerBundle();
  const count = inWorker && bundle !== 'calling-thread'
    ? await indexInWorker({ dbPath: ctx.dbPath().path, engine: ctx.dbPath().engine, now: ctx.now().toISOString() }, bundle, onProgress)
    : await indexStoryPhrases(store, { all, onProgress }, ctx.now());
  progress.end();
  if (progress.longRunning && summary) ctx.info(ctx.err.dim(`Indexed the phrases of ${count.toLocaleString('en-US')} stories in ${progress.seconds().toFixed(1)} s.`));
  return count;
}

/**
 * Before a command reads evidence: phrase matchers link stories through their cached
 * phrases, so stories added since the last indexing are indexed first. Costs one
 * query, and loads no model, when no practice matches by phrase.
 */
export async function indexForEvidence(ctx: Context): Promise<void> {
  if (evidenceNeedsPhrases(ctx.store())) await indexPhrases(ctx);
}

/**
 * Indexes in a worker thread that ends when it is done. The language model takes some
 * 60 MB, which a process keeps once loaded; in a worker it goes with the worker, before
 * the command's own work begins (detect at a million stories: 218 MB peak in one thread).
 */
async function indexInWorker(request: IndexRequest, bundle: URL | undefined, onProgress: IndexProgress): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  // Beside this bundle in dist/ (the build makes src/cli/index-worker.ts its own bundle).
  const worker = new Worker(bundle ?? new URL('./index-worker.cjs', import.meta.url), { workerData: request });
  return new Promise((resolve, reject) => {
    let outcome: IndexMessage | undefined;
    worker.on('message', (message: IndexMessage) => {
      if (message.kind === 'progress') onProgress(message.done, message.total);
      else outcome = message;
    });
    worker.on('error', reject);
    worker.on('exit', () => {
      if (outcome?.kind === 'done') resolve(outcome.count);
      else if (outcome?.kind === 'failed') reject(rebuiltError(outcome));
      else reject(new Error('indexing story phrases stopped before it finished'));
    });
  });
}

/** The worker's failure as the error the command would have thrown itself. */
function rebuiltError(failure: Extract<IndexMessage, { kind: 'failed' }>): Error {
  if (failure.svc) return new SvcError(failure.message, failure.svc.exitCode as ExitCode, failure.svc.hint);
  return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {});
}
