import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexPhrases } from '../../phrases.ts';

/** Rebuilds every story's phrases; prints how many stories and how fast. */
export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const started = Date.now();
  // Every story is rewritten in place, batch by batch: a reindex that is killed leaves
  // each story's phrases whole, old or new, never an empty cache.
  const stories = await indexPhrases(ctx, { verb: 'Reindexing', summary: false, inWorker: false, all: true });
  const seconds = (Date.now() - started) / 1000;
  if (options.json) ctx.print(JSON.stringify({ stories, seconds: Math.round(seconds * 1000) / 1000 }, null, 2));
  ctx.info(
    `${ctx.err.green('Reindexed')} the phrases of ${stories.toLocaleString('en-US')} ${stories === 1 ? 'story' : 'stories'} in ${seconds.toFixed(1)} s.`,
  );
}
