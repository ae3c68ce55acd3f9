import { MAX_STORY_LENGTH } from '../core/story.ts';
import { withQualifiers } from '../core/qualifiers.ts';
import type { Store } from '../store/store.ts';

/** Called as indexing goes: stories done so far, out of total. */
export type IndexProgress = (done: number, total: number) => void;

// Small enough that a batch's texts and phrases die young instead of being promoted
// (500 kept the old generation growing by 100 MB between full collections).
const BATCH = 100;

/**
 * Indexes the phrases of every story not yet indexed by the current extractor (new
 * stories, edited ones, or all after an upgrade), or of every story with `all` (reindex),
 * and links them to practices with phrase matchers. Cheap when there is nothing to do:
 * the NLP model loads only when some story needs it. Every command that reads phrases or
 * evidence calls this first. Returns how many stories were indexed; `onProgress` hears
 * of each batch (the caller decides how to show it).
 *
 * The language work runs outside any transaction; each batch is then written in its own
 * short one (tens of milliseconds), so a concurrent `story add` waits briefly instead of
 * failing, two commands indexing at once both succeed, and a killed run keeps what it did.
 */
export async function indexStoryPhrases(store: Store, input: { all?: boolean; onProgress?: IndexProgress }, clock: Date): Promise<number> {
  const all = input.all === true;
  const total = store.phrases.countToIndex(all);
  if (total === 0) return 0;
  // wink-nlp makes ~80 KB of short-lived arrays per story, yet V8 soon allocates them
  // straight into the old generation, which then grows to 4 times its live size between
  // full collections: reindex peaked at 255 MB, 170 MB without. The flag is read at run time.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--no-allocation-site-pretenuring');
  const { phrasesOf } = await import('../core/nlp.ts');
  const now = clock.toISOString();
  let done = 0;
  let after = 0;
  for (;;) {
    const rows = store.phrases.storiesToIndex(after, BATCH, all);
    if (rows.length === 0) break;
    const batch = rows.map((row) => {
      const text = row.text.slice(0, MAX_STORY_LENGTH);
      return { ...row, phrases: withQualifiers(text, phrasesOf(text)) };
    });
    store.transaction(() => {
      const saved = store.phrases.save(batch, all);
      if (all || store.practices.hasPhraseMatchers()) store.practices.relinkStories(saved, now);
    });
    after = rows.at(-1)?.id ?? after;
    done += rows.length;
    input.onProgress?.(done, total);
  }
  return done;
}

/** How many stories indexing would read: those not yet indexed by the current extractor, or every story with `all`. */
export function storiesToIndex(store: Store, input: { all?: boolean }): number {
  return store.phrases.countToIndex(input.all === true);
}

/** Whether evidence depends on the phrase index: some practice matches by phrase. */
export function evidenceNeedsPhrases(store: Store): boolean {
  return store.practices.hasPhraseMatchers();
}
