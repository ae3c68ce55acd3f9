import { embedPending, needsEmbedding } from '../app/suggest.ts';
import type { Encoder } from '../core/encoder.ts';
import { messages } from '../core/messages.ts';
import type { Context } from './context.ts';
import { startProgress } from './progress.ts';

/**
 * Embeds the stories and practice names that have no current vector yet, before a
 * command compares stories by meaning, with a progress bar on stderr once it has run for
 * a second. Returns the encoder when it had to load it (null when nothing was pending).
 * It runs in the command's own thread: a worker thread (as phrase indexing uses) is a
 * second isolate of about 20 MB, which took `practice suggest` over the 200 MB budget;
 * `story add` with flags never comes here.
 */
export async function embedStories(ctx: Context, loaded?: Encoder): Promise<Encoder | null> {
  const store = ctx.store();
  if (!needsEmbedding(store)) return loaded ?? null;
  const progress = startProgress(messages.embeddingProgress);
  const encoder = loaded ?? (await loadEncoderLean());
  const collect = await garbageCollector();
  const count = await embedPending(store, encoder, (done, total) => {
    // The encoder's garbage reaches V8's old generation, which grew by 35 MB over 500
    // stories between full collections: collect after each batch (a few ms per 8 stories).
    collect();
    if (ctx.canPrompt) progress.update(done, total);
  });
  progress.end();
  if (progress.seconds() >= 1) ctx.info(ctx.err.dim(messages.embeddedSummary(count, progress.seconds())));
  return encoder;
}

/**
 * Loads the encoder, then collects the loader's 28 MB copy of the weights at once: left
 * to V8, it lived on while the first batches grew the WebAssembly heap.
 */
export async function loadEncoderLean(): Promise<Encoder> {
  const { loadEncoder } = await import('../core/encoder.ts');
  const encoder = await loadEncoder();
  (await garbageCollector())();
  return encoder;
}

/** V8's full garbage collection, as a function (Node exposes it only behind a flag). */
async function garbageCollector(): Promise<() => void> {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
