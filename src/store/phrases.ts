import { EXTRACTOR_VERSION, type Phrase } from '../core/phrases.ts';
import { MAX_STORY_LENGTH } from '../core/story.ts';
import type { Connection } from './db.ts';
import { sql, type Db } from './db.ts';
import { hasPhraseMatchers, linkMatchesForStory } from './matching.ts';

/** Called as indexing goes: stories done so far, out of total. */
export type IndexProgress = (done: number, total: number) => void;

// Small enough that a batch's texts and phrases die young instead of being promoted
// (500 kept the old generation growing by 100 MB between full collections).
const BATCH = 100;

/** How many stories were indexed by another extractor version, or never. */
export function countUnindexed(db: Db): number {
  return (
    sql(
      db,
      `SELECT count(*) AS n FROM stories s LEFT JOIN story_phrase_index i ON i.story_id = s.id
        WHERE i.story_id IS NULL OR i.version <> ?`,
    ).get(EXTRACTOR_VERSION) as { n: number }
  ).n;
}

/** Replaces the phrases of a batch of stories in three statements, whatever its size. */
function writePhrases(db: Db, batch: Array<{ id: number; occurredOn: string; phrases: Phrase[] }>): void {
  const ids = JSON.stringify(batch.map((story) => story.id));
  sql(db, 'DELETE FROM story_phrases WHERE story_id IN (SELECT value FROM json_each(?))').run(ids);
  const rows = batch.flatMap((story) => story.phrases.map((p) => [story.id, story.occurredOn, p.kind, p.key, p.detail, p.start, p.end]));
  sql(
    db,
    `INSERT INTO story_phrases (story_id, occurred_on, kind, key, detail, span_start, span_end)
     SELECT p.value ->> 0, p.value ->> 1, p.value ->> 2, p.value ->> 3, p.value ->> 4, p.value ->> 5, p.value ->> 6
       FROM json_each(?) p WHERE true
     ON CONFLICT DO NOTHING`,
  ).run(JSON.stringify(rows));
  sql(
    db,
    `INSERT INTO story_phrase_index (story_id, version) SELECT value, ? FROM json_each(?) WHERE true
     ON CONFLICT (story_id) DO UPDATE SET version = excluded.version`,
  ).run(EXTRACTOR_VERSION, ids);
}

/**
 * Indexes the phrases of every story not yet indexed by the current extractor (new
 * stories, edited ones, or all after an upgrade), or of every story with `all` (reindex),
 * and links them to practices with phrase matchers. Cheap when there is nothing to do:
 * the NLP model loads only when some story needs it. Every command that reads phrases or
 * evidence calls this first. Returns how many stories were indexed.
 *
 * The language work runs outside any transaction; each batch is then written in its own
 * short one (tens of milliseconds), so a concurrent `story add` waits briefly instead of
 * failing, two commands indexing at once both succeed, and a killed run keeps what it did.
 */
export async function ensurePhrasesIndexed(store: Connection, onProgress?: IndexProgress, now = new Date(), options: { all?: boolean } = {}): Promise<number> {
  const db = store.db;
  const all = options.all === true;
  const total = all ? (sql(db, 'SELECT count(*) AS n FROM stories').get() as { n: number }).n : countUnindexed(db);
  if (total === 0) return 0;
  // wink-nlp makes ~80 KB of short-lived arrays per story, yet V8 soon allocates them
  // straight into the old generation, which then grows to 4 times its live size between
  // full collections: reindex peaked at 255 MB, 170 MB without. The flag is read at run time.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--no-allocation-site-pretenuring');
  const { phrasesOf } = await import('../core/nlp.ts');
  const stamp = now.toISOString();
  const next = all
    ? sql(db, 'SELECT id, text, occurred_on AS occurredOn FROM stories WHERE id > ? ORDER BY id LIMIT ?')
    : sql(
        db,
        `SELECT s.id, s.text, s.occurred_on AS occurredOn FROM stories s LEFT JOIN story_phrase_index i ON i.story_id = s.id
          WHERE s.id > ? AND (i.story_id IS NULL OR i.version <> ?) ORDER BY s.id LIMIT ?`,
      );
  const current = sql(
    db,
    `SELECT s.text, s.occurred_on AS occurredOn, i.version FROM stories s LEFT JOIN story_phrase_index i ON i.story_id = s.id WHERE s.id = ?`,
  );
  let done = 0;
  let after = 0;
  for (;;) {
    const rows = (all ? next.all(after, BATCH) : next.all(after, EXTRACTOR_VERSION, BATCH)) as Array<{ id: number; text: string; occurredOn: string }>;
    if (rows.length === 0) break;
    // Bounded work per story: a longer text (imported by an older svc) is read up to the cap.
    const batch = rows.map((row) => ({ id: row.id, text: row.text, occurredOn: row.occurredOn, phrases: phrasesOf(row.text.slice(0, MAX_STORY_LENGTH)) }));
    store.write(() => {
      // Only stories still as they were read: another command may have edited, removed
      // or indexed one since.
      const fresh = batch.filter((story) => {
        const now = current.get(story.id) as { text: string; occurredOn: string; version: number | null } | undefined;
        return now !== undefined && now.text === story.text && now.occurredOn === story.occurredOn && (all || now.version !== EXTRACTOR_VERSION);
      });
      writePhrases(db, fresh);
      // Reindexing every story also drops matched links no matcher makes any more (left by an
      // older svc's import of a matcher's removal), even when no phrase matcher is left.
      if (all || hasPhraseMatchers(db)) for (const story of fresh) linkMatchesForStory(db, story.id, stamp);
    });
    after = rows.at(-1)?.id ?? after;
    done += rows.length;
    onProgress?.(done, total);
  }
  return done;
}

/** Forgets every story's index so that ensurePhrasesIndexed rebuilds them all. */
export function clearPhraseIndex(db: Db): void {
  sql(db, 'DELETE FROM story_phrase_index').run();
}

/** The phrases stored for one story, in text order. */
export function storyPhrases(db: Db, storyId: number): Phrase[] {
  return sql(
    db,
    `SELECT kind, key, detail, span_start AS start, span_end AS end FROM story_phrases WHERE story_id = ? ORDER BY span_start`,
  ).all(storyId) as Phrase[];
}

/** How many stories hold a behaviour phrase with this key. */
export function countPhraseStories(db: Db, key: string): number {
  return (
    sql(db, `SELECT count(DISTINCT story_id) AS n FROM story_phrases WHERE kind IN ('practice', 'step') AND key = ?`).get(key) as { n: number }
  ).n;
}
