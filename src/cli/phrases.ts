import { ensurePhrasesIndexed } from '../store/phrases.ts';
import { hasPhraseMatchers } from '../store/matching.ts';
import type { Context } from './context.ts';

const SHOW_AFTER_MS = 1_000;
const BAR_WIDTH = 24;

/**
 * Brings the phrase index up to date before a command reads phrases or evidence, with
 * a progress bar on stderr once it has run for a second. Returns how many stories were
 * indexed. Commands call this, not ensurePhrasesIndexed, so progress looks the same.
 */
export async function indexPhrases(ctx: Context, options: { verb?: string; summary?: boolean } = {}): Promise<number> {
  const { verb = 'Indexing', summary = true } = options;
  const started = Date.now();
  const tty = Boolean(process.stderr.isTTY);
  let shown = false;
  const count = await ensurePhrasesIndexed(
    ctx.store(),
    (done, total) => {
      if (Date.now() - started < SHOW_AFTER_MS) return;
      shown = true;
      if (!tty) return;
      const filled = Math.round((done / total) * BAR_WIDTH);
      const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
      process.stderr.write(`\r${verb} story phrases ${bar} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
    },
    ctx.now(),
  );
  if (shown && tty) process.stderr.write('\n');
  if (shown && summary) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    ctx.info(ctx.err.dim(`Indexed the phrases of ${count.toLocaleString('en-US')} stories in ${seconds} s.`));
  }
  return count;
}

/**
 * Before a command reads evidence: phrase matchers link stories through their cached
 * phrases, so stories added since the last indexing are indexed first. Costs one
 * query, and loads no model, when no practice matches by phrase.
 */
export async function indexForEvidence(ctx: Context): Promise<void> {
  if (hasPhraseMatchers(ctx.store().db)) await indexPhrases(ctx);
}
