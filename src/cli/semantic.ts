import { embedPending, needsEmbedding } from '../app/suggest.ts';
import type { Encoder } from '../core/encoder.ts';
import { ExitCode, SvcError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Context } from './context.ts';
import { startProgress } from './progress.ts';

/**
 * Embeds the stories and practice names that have no current vector yet, before a
 * command compares stories by meaning, with a progress bar on stderr once it has run for
 * a second. An encoder it loads itself it releases when done, for the ranking after it
 * to reuse that memory: with the model held, `practice suggest` peaked at 204 MB after
 * embedding 500 stories, 192 MB without.
 * It runs in the command's own thread (ONNX Runtime computes off the main thread and
 * returns a promise, so a prompt still answers keystrokes); `story add` with flags never
 * comes here.
 */
export async function embedStories(ctx: Context, loaded?: Encoder): Promise<void> {
  const store = ctx.store();
  if (!needsEmbedding(store)) return;
  const progress = startProgress(messages.embeddingProgress);
  const encoder = loaded ?? (await loadEncoderLean());
  try {
    const count = await embedPending(store, encoder, (done, total) => {
      if (ctx.canPrompt) progress.update(done, total);
    });
    progress.end();
    const summary = embeddedSummary(count, progress.seconds());
    if (summary) ctx.info(ctx.err.dim(summary));
  } finally {
    if (!loaded) await encoder.release();
  }
}

/**
 * The line said after embedding: only when stories were embedded and it took a second or
 * more. Practice names alone (a renamed practice) are embedded quietly: "Embedded 0
 * stories" would report work that was not done.
 */
export function embeddedSummary(stories: number, seconds: number): string | undefined {
  return stories > 0 && seconds >= 1 ? messages.embeddedSummary(stories, seconds) : undefined;
}

/**
 * Loads the encoder, then collects the 28 MB model it handed to ONNX Runtime at once:
 * left to V8, it lived on through the first batches.
 */
export async function loadEncoderLean(): Promise<Encoder> {
  let encoder: Encoder;
  try {
    const { loadEncoder } = await import('../core/encoder.ts');
    encoder = await loadEncoder();
  } catch (error) {
    // A native library missing or built for another platform, or a model package cut
    // short: an install to repair, said as such rather than as a bug.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    throw new SvcError(messages.encoderUnavailable(reason), ExitCode.unexpected, messages.encoderUnavailableHint);
  }
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
