import { needsEmbedding } from '../app/suggest.ts';
import { SvcError, type ExitCode } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Context } from './context.ts';
import type { EmbedMessage, EmbedRequest } from './embed-worker.ts';

const SHOW_AFTER_MS = 1_000;
const BAR_WIDTH = 24;

/**
 * Embeds the stories and practice names that have no current vector yet, before a
 * command compares stories by meaning, with a progress bar on stderr once it has run for
 * a second. The encoder (~100 MB) runs in a worker thread that ends when it is done, so
 * the command itself never holds it; `story add` with flags never comes here.
 */
export async function embedStories(ctx: Context): Promise<number> {
  const store = ctx.store();
  if (!needsEmbedding(store.db)) return 0;
  const started = Date.now();
  const tty = Boolean(process.stderr.isTTY);
  let shown = false;
  const count = await embedInWorker({ dbPath: store.path }, (done, total) => {
    if (Date.now() - started < SHOW_AFTER_MS) return;
    shown = true;
    if (!tty) return;
    const filled = Math.round((done / Math.max(total, 1)) * BAR_WIDTH);
    process.stderr.write(`\r${messages.embeddingProgress} ${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
  });
  if (shown && tty) process.stderr.write('\n');
  if (shown) ctx.info(ctx.err.dim(messages.embeddedSummary(count, (Date.now() - started) / 1000)));
  return count;
}

async function embedInWorker(request: EmbedRequest, onProgress: (done: number, total: number) => void): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  // Beside this bundle in dist/ (the build makes src/cli/embed-worker.ts its own bundle).
  const worker = new Worker(new URL('./embed-worker.cjs', import.meta.url), { workerData: request });
  return new Promise((resolve, reject) => {
    let outcome: EmbedMessage | undefined;
    worker.on('message', (message: EmbedMessage) => {
      if (message.kind === 'progress') onProgress(message.done, message.total);
      else outcome = message;
    });
    worker.on('error', reject);
    worker.on('exit', () => {
      if (outcome?.kind === 'done') resolve(outcome.count);
      else if (outcome?.kind === 'failed') {
        const failure = outcome;
        reject(failure.svc ? new SvcError(failure.message, failure.svc.exitCode as ExitCode, failure.svc.hint) : Object.assign(new Error(failure.message), { code: failure.code }));
      } else reject(new Error('embedding stories stopped before it finished'));
    });
  });
}
