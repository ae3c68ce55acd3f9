import { EXTRACTOR_VERSION, type Phrase } from '../core/phrases.ts';
import type { IndexedPhrase, QualifierKind } from '../core/qualifiers.ts';
import { isPostgres, jsonValues, sql, type Db } from './db.ts';
import { PHRASE_MATCHES } from './matching.ts';

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

/** A story's phrases as one comparable string, in a fixed order, as the table keeps them (the first of those with the same primary key). */
function phraseSignature(occurredOn: string, phrases: ReadonlyArray<Pick<Phrase, 'kind' | 'key' | 'detail' | 'start' | 'end'> & { qualifiers: string }>): string {
  const lines = new Map<string, string>();
  for (const p of phrases) {
    const key = `${p.start}\t${p.kind}\t${p.key}`;
    if (!lines.has(key)) lines.set(key, `${key}\t${p.detail ?? '\u0000'}\t${p.end}\t${p.qualifiers}`);
  }
  return `${occurredOn}\n${[...lines.values()].sort().join('\n')}`;
}

// The rows of a batch, one JSON array each, in the column order of the INSERT below.
const INSERT_PHRASE_ROWS = `INSERT INTO story_phrases (story_id, occurred_on, kind, key, detail, span_start, span_end, qualifiers)
  SELECT p.value ->> 0, p.value ->> 1, p.value ->> 2, p.value ->> 3, p.value ->> 4, p.value ->> 5, p.value ->> 6, p.value ->> 7
    FROM json_each(?) p WHERE true
  ON CONFLICT DO NOTHING`;
// PostgreSQL's ->> yields text whatever the element is: ids and spans are cast back.
const INSERT_PHRASE_ROWS_POSTGRES = `INSERT INTO story_phrases (story_id, occurred_on, kind, key, detail, span_start, span_end, qualifiers)
  SELECT CAST(p.value ->> 0 AS bigint), p.value ->> 1, p.value ->> 2, p.value ->> 3, p.value ->> 4,
         CAST(p.value ->> 5 AS integer), CAST(p.value ->> 6 AS integer), p.value ->> 7
    FROM json_array_elements(CAST(? AS json)) p
  ON CONFLICT DO NOTHING`;

/**
 * Replaces the phrases of a batch of stories, whatever its size, in a few statements.
 * Stories whose phrases come out as stored are left alone: a reindex finds most stories
 * unchanged, and rewriting their rows (and the covering index, with secure_delete zeroing
 * the old pages) was most of its time. Returns the ids whose phrases changed.
 */
function writePhrases(db: Db, batch: Array<{ id: number; occurredOn: string; phrases: readonly IndexedPhrase[] }>): number[] {
  const ids = JSON.stringify(batch.map((story) => story.id));
  const storedRows = sql(
    db,
    `SELECT story_id AS storyId, kind, key, detail, span_start AS start, span_end AS end, occurred_on AS occurredOn, qualifiers
       FROM story_phrases WHERE story_id IN (SELECT value FROM json_each(?))`,
  ).all(ids) as Array<Pick<Phrase, 'kind' | 'key' | 'detail' | 'start' | 'end'> & { storyId: number; occurredOn: string; qualifiers: string }>;
  const stored = new Map<number, typeof storedRows>();
  for (const row of storedRows) stored.set(row.storyId, [...(stored.get(row.storyId) ?? []), row]);
  const changed = batch.filter((story) => {
    const rows = stored.get(story.id) ?? [];
    const phrases = story.phrases.map((p) => ({ ...p, qualifiers: p.qualifiers.join(' ') }));
    return phraseSignature(story.occurredOn, phrases) !== phraseSignature(rows[0]?.occurredOn ?? story.occurredOn, rows);
  });
  if (changed.length > 0) {
    const changedIds = JSON.stringify(changed.map((story) => story.id));
    sql(db, 'DELETE FROM story_phrases WHERE story_id IN (SELECT value FROM json_each(?))').run(changedIds);
    const rows = changed.flatMap((story) =>
      story.phrases.map((p) => [story.id, story.occurredOn, p.kind, p.key, p.detail, p.start, p.end, p.qualifiers.join(' ')]),
    );
    sql(db, isPostgres(db) ? INSERT_PHRASE_ROWS_POSTGRES : INSERT_PHRASE_ROWS).run(JSON.stringify(rows));
  }
  sql(
    db,
    `INSERT INTO story_phrase_index (story_id, version) SELECT j.value, CAST(? AS INTEGER) FROM ${jsonValues(db)} j WHERE true
     ON CONFLICT (story_id) DO UPDATE SET version = excluded.version WHERE story_phrase_index.version <> excluded.version`,
  ).run(EXTRACTOR_VERSION, ids);
  return changed.map((story) => story.id);
}

/** A story whose phrases are to be indexed. */
export interface StoryToIndex {
  id: number;
  text: string;
  occurredOn: string;
}

/** How many stories an indexing run goes through: those indexed by another extractor version or never, or with `all` every story. */
export function countToIndex(db: Db, all: boolean): number {
  return all ? (sql(db, 'SELECT count(*) AS n FROM stories').get() as { n: number }).n : countUnindexed(db);
}

/** The next stories to index after the id given, in id order. */
export function storiesToIndex(db: Db, afterId: number, limit: number, all: boolean): StoryToIndex[] {
  if (all) return sql(db, 'SELECT id, text, occurred_on AS occurredOn FROM stories WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as StoryToIndex[];
  return sql(
    db,
    `SELECT s.id, s.text, s.occurred_on AS occurredOn FROM stories s LEFT JOIN story_phrase_index i ON i.story_id = s.id
      WHERE s.id > ? AND (i.story_id IS NULL OR i.version <> ?) ORDER BY s.id LIMIT ?`,
  ).all(afterId, EXTRACTOR_VERSION, limit) as StoryToIndex[];
}

/**
 * Stores the phrases found in a batch of stories, skipping each story edited, deleted or
 * indexed by another run since it was read (the language work runs outside any
 * transaction). Returns the ids stored. Call inside store.write().
 */
export function savePhrases(db: Db, batch: ReadonlyArray<StoryToIndex & { phrases: readonly IndexedPhrase[] }>, all: boolean): number[] {
  const current = sql(
    db,
    `SELECT s.text, s.occurred_on AS occurredOn, i.version FROM stories s LEFT JOIN story_phrase_index i ON i.story_id = s.id WHERE s.id = ?`,
  );
  const fresh = batch.filter((story) => {
    const now = current.get(story.id) as { text: string; occurredOn: string; version: number | null } | undefined;
    return now !== undefined && now.text === story.text && now.occurredOn === story.occurredOn && (all || now.version !== EXTRACTOR_VERSION);
  });
  writePhrases(db, fresh);
  return fresh.map((story) => story.id);
}

/** Forgets every story's index so that the next indexing rebuilds them all. */
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

/** How many stories hold a behaviour phrase with this key (and this qualifier, when one is given). */
export function countPhraseStories(db: Db, key: string, qualifier: QualifierKind | '' = ''): number {
  return (
    sql(
      db,
      `SELECT count(DISTINCT sp.story_id) AS n FROM story_phrases sp, (SELECT ? AS value, ? AS qualifier) m
        WHERE sp.kind IN ('practice', 'step') AND ${PHRASE_MATCHES}`,
    ).get(key, qualifier) as { n: number }
  ).n;
}
