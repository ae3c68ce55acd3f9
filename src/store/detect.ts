import type { Day } from '../core/dates.ts';
import type { RawCandidate, StoryFacts } from '../core/detect.ts';
import { idIn } from '../core/ids.ts';
import { isPostgres, jsonValues, sql, type Db } from './db.ts';
import { QUALITY_EVIDENCE } from './qualities.ts';

/** What detection looks at: stories on or after since, candidates over the thresholds. */
export interface DetectQuery {
  since: Day | undefined;
  minStories: number;
  minStaff: number;
  /** At most this many phrase keys and tags are looked at closely (the most spread first). */
  pool: number;
}

// Routine steps are shown as one line: a few are enough.
const STEP_POOL = 10;

interface Aggregate {
  value: string;
  step: number;
  stories: number;
  people: number;
  lastOn: string;
}

/**
 * Whether the phrase row sp is a story no review has decided about for its key: a broad
 * candidate accepted or merged in review (decided_candidates) took its stories into a
 * practice as evidence without making its bare action a matcher. Those stories are not
 * counted for that key again; the action's other stories are, so the key comes back, with
 * them only, once they alone pass the thresholds: nobody has decided about them.
 * The NOT IN, read once per query, spares every other key's rows the correlated look-up:
 * that cost the aggregate 0.27 s of CPU at 100,000 stories (0.44 s, then 0.72 s), the
 * NOT IN about 0.03 s.
 */
const UNDECIDED = `(sp.key NOT IN (SELECT substr(dk.key, 8) FROM decided_candidates dk WHERE substr(dk.key, 1, 7) = 'phrase:')
   OR NOT EXISTS (SELECT 1 FROM decided_candidates dc JOIN evidence de ON de.practice_id = dc.practice_id AND de.story_id = sp.story_id
                   WHERE dc.key = 'phrase:' || sp.key))`;

// Phrases and tags that are not yet a practice's matchers and were not rejected,
// counted over the period: distinct stories and distinct people.
// Both aggregates keep what passes the thresholds, the most spread first, ties by name
// (so that both engines keep and list the same ones; PostgreSQL takes no alias in HAVING).
const overThresholds = (stories: string, people: string) =>
  `HAVING count(DISTINCT ${stories}) >= ? AND count(DISTINCT ${people}) >= ? ORDER BY people DESC, stories DESC, value LIMIT ?`;

// One kind at a time, so that the covering index yields the keys in order.
const PHRASE_AGGREGATE = `
  SELECT sp.key AS value, CAST(sp.kind = 'step' AS INTEGER) AS step, count(DISTINCT sp.story_id) AS stories, count(DISTINCT pe.person_id) AS people,
         max(sp.occurred_on) AS lastOn
    FROM story_phrases sp
    LEFT JOIN story_people pe ON pe.story_id = sp.story_id
   WHERE sp.kind = ? AND sp.occurred_on >= ?
     AND NOT EXISTS (SELECT 1 FROM practice_matchers m WHERE m.kind = 'phrase' AND m.value = sp.key)
     AND NOT EXISTS (SELECT 1 FROM rejected_candidates r WHERE r.key = 'phrase:' || sp.key)
     AND ${UNDECIDED}
   GROUP BY sp.kind, sp.key
  ${overThresholds('sp.story_id', 'pe.person_id')}`;

// PostgreSQL: the same figures in two steps. Stories per key come from the covering index
// in key order (no sort); people per key from the distinct (key, person) pairs, a small
// hash table. One aggregate over the join sorted all the join's rows (681,000 at 100,000
// stories, on disk): about a third more of the server's time (EXPLAIN ANALYZE, five runs
// of each, interleaved).
const PHRASE_AGGREGATE_POSTGRES = `
  WITH key_stories AS (
    SELECT sp.key, count(DISTINCT sp.story_id) AS stories, max(sp.occurred_on) AS last_on
      FROM story_phrases sp
     WHERE sp.kind = @kind AND sp.occurred_on >= @since
       AND NOT EXISTS (SELECT 1 FROM practice_matchers m WHERE m.kind = 'phrase' AND m.value = sp.key)
       AND NOT EXISTS (SELECT 1 FROM rejected_candidates r WHERE r.key = 'phrase:' || sp.key)
       AND ${UNDECIDED}
     GROUP BY sp.kind, sp.key
    HAVING count(DISTINCT sp.story_id) >= @minStories
  ), key_people AS (
    SELECT d.key, count(*) AS people
      FROM (SELECT DISTINCT sp.key, pe.person_id
              FROM key_stories k
              JOIN story_phrases sp ON sp.kind = @kind AND sp.key = k.key AND sp.occurred_on >= @since
              JOIN story_people pe ON pe.story_id = sp.story_id
             WHERE ${UNDECIDED}) d
     GROUP BY d.key
  )
  SELECT k.key AS value, CAST(@kind = 'step' AS INTEGER) AS step, k.stories, coalesce(p.people, 0) AS people, k.last_on AS lastOn
    FROM key_stories k LEFT JOIN key_people p ON p.key = k.key
   WHERE coalesce(p.people, 0) >= @minStaff
   ORDER BY people DESC, stories DESC, value LIMIT @pool`;

/** The phrase keys of one kind over the thresholds, the most spread first. */
function phraseAggregate(db: Db, kind: 'practice' | 'step', since: string, query: DetectQuery, pool: number): Aggregate[] {
  if (isPostgres(db)) {
    return sql(db, PHRASE_AGGREGATE_POSTGRES).all({ kind, since, minStories: query.minStories, minStaff: query.minStaff, pool }) as Aggregate[];
  }
  return sql(db, PHRASE_AGGREGATE).all(kind, since, query.minStories, query.minStaff, pool) as Aggregate[];
}

const TAG_AGGREGATE = `
  SELECT t.name AS value, 0 AS step, count(DISTINCT st.story_id) AS stories, count(DISTINCT pe.person_id) AS people,
         max(s.occurred_on) AS lastOn
    FROM tags t
    JOIN story_tags st ON st.tag_id = t.id
    JOIN stories s ON s.id = st.story_id
    LEFT JOIN story_people pe ON pe.story_id = st.story_id
   WHERE t.builtin = 0 AND s.occurred_on >= ?
     AND NOT EXISTS (SELECT 1 FROM practice_matchers m WHERE m.kind = 'tag' AND m.value = t.name)
     AND NOT EXISTS (SELECT 1 FROM rejected_candidates r WHERE r.key = 'tag:' || t.name)
   GROUP BY t.id
  ${overThresholds('st.story_id', 'pe.person_id')}`;

// A phrase key's or a tag's stories, ascending: the covering index yields them in order.
const PHRASE_STORIES = `SELECT sp.story_id FROM story_phrases sp WHERE sp.kind = 'practice' AND sp.key = ? AND sp.occurred_on >= ? AND ${UNDECIDED} ORDER BY sp.story_id`;
// All the tag's stories: those of the period are kept in JS, sparing a look-up of each story's row.
const TAG_STORIES = 'SELECT st.story_id FROM tags t JOIN story_tags st ON st.tag_id = t.id WHERE t.name = ? ORDER BY st.story_id';
// With each detail's stories: star share is taken per concrete behaviour (core/detect.ts).
const PHRASE_DETAILS = `
  SELECT sp.detail, count(DISTINCT sp.story_id) AS stories, json_group_array(DISTINCT sp.story_id) AS storyIds FROM story_phrases sp
   WHERE sp.kind = 'practice' AND sp.key = ? AND sp.occurred_on >= ? AND sp.detail IS NOT NULL AND ${UNDECIDED}
   GROUP BY sp.detail`;

// PostgreSQL: every candidate's stories at once, per detail (none included), as one text of
// ids each; a key's stories are all its details' together. A round trip per candidate and
// a row object per story id cost svc itself 0.25 s of CPU at 100,000 stories (0.80 s of
// user time, then 0.56 s), and one scan of the candidates' rows serves both.
const PHRASE_STORIES_POSTGRES = `
  SELECT sp.key AS value, sp.detail, string_agg(CAST(sp.story_id AS text), ',' ORDER BY sp.story_id) AS ids FROM story_phrases sp
   WHERE sp.kind = 'practice' AND sp.key IN (SELECT value FROM json_each(?)) AND sp.occurred_on >= ? AND ${UNDECIDED}
   GROUP BY sp.key, sp.detail`;
const TAG_STORIES_POSTGRES = `
  SELECT t.name AS value, string_agg(CAST(st.story_id AS text), ',' ORDER BY st.story_id) AS ids
    FROM tags t JOIN story_tags st ON st.tag_id = t.id WHERE t.name IN (SELECT value FROM json_each(?))
   GROUP BY t.name`;

type Details = Array<{ detail: string; stories: number; ids: number[] }>;

const idList = (text: string | null): number[] => (text ? text.split(',').map(Number) : []);

/** Each phrase key's stories (ascending, with repeats) and each of its details' stories, in the period. */
function phraseStories(db: Db, keys: string[], since: string): Map<string, { ids: number[]; details: Details }> {
  const found = new Map(keys.map((key) => [key, { ids: [] as number[], details: [] as Details }]));
  if (keys.length === 0) return found;
  if (!isPostgres(db)) {
    for (const [key, entry] of found) {
      entry.ids = sql(db, PHRASE_STORIES).pluck().all(key, since) as number[];
      for (const d of sql(db, PHRASE_DETAILS).all(key, since) as Array<{ detail: string; stories: number; storyIds: string }>) {
        entry.details.push({ detail: d.detail, stories: d.stories, ids: JSON.parse(d.storyIds) as number[] });
      }
    }
    return found;
  }
  for (const row of sql(db, PHRASE_STORIES_POSTGRES).all(JSON.stringify(keys), since) as Array<{ value: string; detail: string | null; ids: string }>) {
    const entry = found.get(row.value);
    if (!entry) continue;
    const ids = idList(row.ids);
    for (const id of ids) entry.ids.push(id); // not push(...ids): a key's stories may pass the arguments' limit
    if (row.detail !== null) entry.details.push({ detail: row.detail, stories: new Set(ids).size, ids });
  }
  for (const entry of found.values()) entry.ids.sort((a, b) => a - b);
  return found;
}

/** Each tag's stories, ascending, of any day. */
function tagStories(db: Db, tags: string[]): Map<string, number[]> {
  if (!isPostgres(db)) return new Map(tags.map((tag) => [tag, sql(db, TAG_STORIES).pluck().all(tag) as number[]]));
  const found = new Map(tags.map((tag) => [tag, [] as number[]]));
  if (tags.length === 0) return found;
  for (const row of sql(db, TAG_STORIES_POSTGRES).all(JSON.stringify(tags)) as Array<{ value: string; ids: string }>) found.set(row.value, idList(row.ids));
  return found;
}

/** Ascending ids of the period, each once; ids come ascending, a story with two spans of a key twice. */
function storySet(ids: number[], facts: StoryFacts): Int32Array {
  const out = new Int32Array(ids.length);
  let n = 0;
  for (const id of ids) if ((facts.day[id] ?? 0) !== 0 && (n === 0 || out[n - 1] !== id)) out[n++] = id;
  return out.slice(0, n);
}

// PostgreSQL sends a table of two numbers as one text: a row object each, posted from the
// driver's thread, cost svc 0.18 s of CPU at 100,000 stories (0.56 s of user time, then 0.38 s).
const STORY_DAYS_POSTGRES = `SELECT string_agg(id || ' ' || replace(occurred_on, '-', ''), ' ') FROM stories WHERE occurred_on >= ?`;
const STORY_PEOPLE_POSTGRES = `SELECT string_agg(story_id || ' ' || person_id, ' ' ORDER BY story_id, person_id) FROM story_people`;

/** Pairs of numbers from a text of numbers separated by spaces. */
function* numberPairs(text: string | null): Generator<[number, number]> {
  if (!text) return;
  let at = 0;
  while (at < text.length) {
    const gap = text.indexOf(' ', at);
    const end = text.indexOf(' ', gap + 1);
    yield [Number(text.slice(at, gap)), Number(text.slice(gap + 1, end === -1 ? text.length : end))];
    at = end === -1 ? text.length : end + 1;
  }
}

/** Each story on or after a day, with its day as a number (20260318). */
function storyDays(db: Db, from: string): Iterable<[number, number]> {
  if (isPostgres(db)) return numberPairs(sql(db, STORY_DAYS_POSTGRES).pluck().get(from) as string | null);
  return sql(db, "SELECT id, CAST(replace(occurred_on, '-', '') AS INTEGER) FROM stories WHERE occurred_on >= ?").raw(true).iterate(from) as IterableIterator<[number, number]>;
}

/** Every story's people, in story order. */
function storyPeople(db: Db): Iterable<[number, number]> {
  if (isPostgres(db)) return numberPairs(sql(db, STORY_PEOPLE_POSTGRES).pluck().get() as string | null);
  return sql(db, 'SELECT story_id, person_id FROM story_people ORDER BY story_id').raw(true).iterate() as IterableIterator<[number, number]>;
}

/**
 * The stories on or after since, with their days and people, as typed arrays indexed by
 * story id: detection's figures over a million stories without a million objects.
 */
export function storyFacts(db: Db, since: Day | undefined): StoryFacts {
  const from = since ?? '0000-00-00';
  const top = sql(db, 'SELECT coalesce(max(id), 0) AS id FROM stories').get() as { id: number };
  const day = new Int32Array(top.id + 1);
  for (const [id, on] of storyDays(db, from)) day[id] = on;
  const names: string[] = [];
  for (const { id, name } of sql(db, 'SELECT id, name FROM people').all() as Array<{ id: number; name: string }>) names[id] = name;
  const start = new Int32Array(top.id + 2);
  let people = new Int32Array(1024);
  let n = 0;
  let next = 0;
  for (const [storyId, personId] of storyPeople(db)) {
    if ((day[storyId] ?? 0) === 0) continue;
    while (next <= storyId) start[next++] = n;
    if (n === people.length) {
      const grown = new Int32Array(n * 2);
      grown.set(people);
      people = grown;
    }
    people[n++] = personId;
  }
  while (next < start.length) start[next++] = n;
  return { names: Array.from(names, (name) => name ?? ''), day, start, people: people.slice(0, n) };
}

/** The phrase keys and tags that pass the thresholds, with their stories: the input of rankCandidates. */
export function rawCandidates(db: Db, query: DetectQuery, facts: StoryFacts): RawCandidate[] {
  const since = query.since ?? '0000-00-00';
  const thresholds = [query.minStories, query.minStaff];
  const practices = phraseAggregate(db, 'practice', since, query, query.pool);
  // Steps are shown as counts on one line: their (many) stories are never fetched.
  const steps = phraseAggregate(db, 'step', since, query, STEP_POOL);
  const tags = sql(db, TAG_AGGREGATE).all(since, ...thresholds, query.pool) as Aggregate[];
  const raw = (source: 'phrase' | 'tag', row: Aggregate, storyIds: Int32Array, details: RawCandidate['details']): RawCandidate => ({
    source,
    value: row.value,
    step: row.step === 1,
    storyIds,
    counts: { stories: row.stories, people: row.people, lastOn: row.lastOn },
    details,
  });
  const phrases = phraseStories(db, practices.map((row) => row.value), since);
  const tagged = tagStories(db, tags.map((row) => row.value));
  return [
    ...practices.map((row) => {
      const found = phrases.get(row.value);
      return raw(
        'phrase',
        row,
        storySet(found?.ids ?? [], facts),
        (found?.details ?? []).map((d) => ({ detail: d.detail, stories: d.stories, storyIds: storySet(d.ids.sort((a, b) => a - b), facts) })),
      );
    }),
    ...steps.map((row) => raw('phrase', row, new Int32Array(0), [])),
    ...tags.map((row) => raw('tag', row, storySet(tagged.get(row.value) ?? [], facts), [])),
  ];
}

// What the aggregates above leave out, counted with the same thresholds: phrase keys and
// tags that are a practice's matchers (the first practice by name named), were rejected,
// or are broad candidates decided in review (the first practice they went into named)
// whose undecided stories alone do not pass: when they do, the aggregates count the key.
// Only those keys are counted, through the same indexes, so it stays one light query
// whatever the number of stories. CROSS JOIN keeps those few keys the outer loop:
// otherwise SQLite scans every phrase of the period and filters it against them.
const LEFT_OUT = `
  WITH matched AS (
    SELECT m.kind AS source, m.value AS value, min(p.name) AS practice
      FROM practice_matchers m JOIN practices p ON p.id = m.practice_id
     GROUP BY m.kind, m.value
  ), excluded AS (
    SELECT source, value, practice, 'matcher' AS reason FROM matched
    UNION ALL
    SELECT CASE WHEN substr(r.key, 1, 4) = 'tag:' THEN 'tag' ELSE 'phrase' END,
           CASE WHEN substr(r.key, 1, 4) = 'tag:' THEN substr(r.key, 5) ELSE substr(r.key, 8) END, CAST(NULL AS TEXT), 'rejected'
      FROM rejected_candidates r
     WHERE (substr(r.key, 1, 4) = 'tag:' OR substr(r.key, 1, 7) = 'phrase:')
       AND NOT EXISTS (SELECT 1 FROM matched x WHERE x.source || ':' || x.value = r.key)
    UNION ALL
    SELECT 'phrase', substr(d.key, 8), min(p.name), 'decided'
      FROM decided_candidates d JOIN practices p ON p.id = d.practice_id
     WHERE substr(d.key, 1, 7) = 'phrase:'
       AND NOT EXISTS (SELECT 1 FROM matched x WHERE x.source || ':' || x.value = d.key)
       AND NOT EXISTS (SELECT 1 FROM rejected_candidates r WHERE r.key = d.key)
     GROUP BY d.key
  )
  SELECT e.source, e.value, e.practice, e.reason
    FROM excluded e
    CROSS JOIN story_phrases sp ON sp.kind = 'practice' AND sp.key = e.value AND sp.occurred_on >= @since
    LEFT JOIN story_people pe ON pe.story_id = sp.story_id
   WHERE e.source = 'phrase'
   GROUP BY e.source, e.value, e.practice, e.reason
  HAVING count(DISTINCT sp.story_id) >= @minStories AND count(DISTINCT pe.person_id) >= @minStaff
     AND NOT (e.reason = 'decided'
              AND count(DISTINCT CASE WHEN e.reason = 'decided' AND ${UNDECIDED} THEN sp.story_id END) >= @minStories
              AND count(DISTINCT CASE WHEN e.reason = 'decided' AND ${UNDECIDED} THEN pe.person_id END) >= @minStaff)
  UNION ALL
  SELECT e.source, e.value, e.practice, e.reason
    FROM excluded e
    CROSS JOIN tags t ON t.name = e.value AND t.builtin = 0
    JOIN story_tags st ON st.tag_id = t.id
    JOIN stories s ON s.id = st.story_id AND s.occurred_on >= @since
    LEFT JOIN story_people pe ON pe.story_id = st.story_id
   WHERE e.source = 'tag'
   GROUP BY e.source, e.value, e.practice, e.reason
  HAVING count(DISTINCT st.story_id) >= @minStories AND count(DISTINCT pe.person_id) >= @minStaff
   ORDER BY practice, source, value`;

/** Why detection leaves a key out: a practice's matcher, rejected, or a broad candidate whose stories a review took into a practice. */
export type LeftOutReason = 'matcher' | 'rejected' | 'decided';

/** A phrase key or tag over the thresholds that detection leaves out, with the practice it belongs to (null when rejected). */
export interface LeftOutRow {
  source: 'phrase' | 'tag';
  value: string;
  practice: string | null;
  reason: LeftOutReason;
}

/** The phrase keys and tags over the thresholds that detection leaves out on purpose (see LEFT_OUT). */
export function leftOut(db: Db, query: Omit<DetectQuery, 'pool'>): LeftOutRow[] {
  return sql(db, LEFT_OUT).all({ since: query.since ?? '0000-00-00', minStories: query.minStories, minStaff: query.minStaff }) as LeftOutRow[];
}

/** One example: a story's text and where a candidate's phrase sits in it. */
export interface ExampleRow {
  storyId: number;
  occurredOn: Day;
  text: string;
  people: string[];
  start: number | null;
  end: number | null;
}

/** The stories given, each with the first span of one of the phrase keys (null for tag-only examples). */
export function exampleRows(db: Db, storyIds: number[], phraseKeys: string[]): ExampleRow[] {
  const rows = sql(
    db,
    `SELECT s.id AS storyId, s.occurred_on AS occurredOn, s.text AS text,
            (SELECT json_group_array(name) FROM (SELECT p.name FROM story_people x JOIN people p ON p.id = x.person_id
              WHERE x.story_id = s.id ORDER BY x.person_id) n) AS people,
            (SELECT json_array(sp.span_start, sp.span_end) FROM story_phrases sp
              WHERE sp.story_id = s.id AND sp.key IN (SELECT value FROM json_each(?)) ORDER BY sp.span_start LIMIT 1) AS span
       FROM ${jsonValues(db)} i JOIN stories s ON s.id = i.value`,
  ).all(JSON.stringify(phraseKeys), JSON.stringify(storyIds)) as Array<{ storyId: number; occurredOn: string; text: string; people: string; span: string | null }>;
  const byId = new Map(
    rows.map((row) => {
      const span = row.span === null ? null : (JSON.parse(row.span) as [number, number]);
      const example: ExampleRow = {
        storyId: row.storyId,
        occurredOn: row.occurredOn,
        text: row.text,
        people: JSON.parse(row.people) as string[],
        start: span ? span[0] : null,
        end: span ? span[1] : null,
      };
      return [row.storyId, example];
    }),
  );
  return storyIds.map((id) => byId.get(id)).filter((row): row is ExampleRow => row !== undefined);
}

/** The practice (not retired) with the most evidence among these stories, and how many. */
export function topEvidencePractice(db: Db, storyIds: Int32Array): { practice: string; stories: number } | undefined {
  return sql(
    db,
    `SELECT p.name AS practice, count(*) AS stories
       FROM ${jsonValues(db)} i JOIN evidence e ON e.story_id = i.value JOIN practices p ON p.id = e.practice_id
      WHERE p.status <> 'retired'
      GROUP BY p.id ORDER BY stories DESC, p.name LIMIT 1`,
  ).get(JSON.stringify(Array.from(storyIds))) as { practice: string; stories: number } | undefined;
}

/** Quality words per attribute over the period: stories and people per attribute, and per word. */
export interface QualityRows {
  attributes: Array<{ attribute: string; stories: number; people: number }>;
  words: Array<{ attribute: string; word: string; stories: number }>;
}

export function qualityRows(db: Db, since: Day | undefined): QualityRows {
  const from = since ?? '0000-00-00';
  // The same stories per attribute as the report counts (quality words and attribute tags).
  const attributes = sql(
    db,
    `WITH ${QUALITY_EVIDENCE}
     SELECT q.attribute, count(DISTINCT q.story_id) AS stories, count(DISTINCT pe.person_id) AS people
       FROM quality_evidence q LEFT JOIN story_people pe ON pe.story_id = q.story_id
      GROUP BY q.attribute`,
  ).all({ since: from, until: '9999-12-31' }) as Array<{ attribute: string; stories: number; people: number }>;
  const words = sql(
    db,
    `SELECT sp.key AS attribute, sp.detail AS word, count(DISTINCT sp.story_id) AS stories
       FROM story_phrases sp
      WHERE sp.kind = 'quality' AND sp.occurred_on >= ?
      GROUP BY sp.key, sp.detail`,
  ).all(from) as Array<{ attribute: string; word: string; stories: number }>;
  return { attributes, words };
}

/**
 * Remembers that a review took a broad candidate's stories into a practice, under each of
 * its bare-action keys, so detection does not propose those stories again. Call inside store.write().
 */
export function decideCandidate(db: Db, keys: string[], practiceId: number, now: string): void {
  for (const key of keys) {
    sql(db, 'INSERT INTO decided_candidates (key, practice_id, created_at) VALUES (?, ?, ?) ON CONFLICT (key, practice_id) DO NOTHING').run(key, practiceId, now);
  }
}

/** Remembers a rejected candidate under each of its keys. Call inside store.write(). */
export function rejectCandidate(db: Db, keys: string[], label: string, now: string): void {
  for (const key of keys) {
    sql(db, 'INSERT INTO rejected_candidates (key, label, rejected_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING').run(key, label, now);
  }
}

export interface RejectedCandidate {
  id: number;
  key: string;
  label: string;
  rejectedAt: string;
}

/** Every rejected candidate, newest first. */
export function listRejected(db: Db): RejectedCandidate[] {
  return sql(db, 'SELECT id, key, label, rejected_at AS rejectedAt FROM rejected_candidates ORDER BY rejected_at DESC, id DESC').all() as RejectedCandidate[];
}

/** Forgets rejections by label (case-insensitive), key or id; returns those removed. */
export function unreject(db: Db, what: string): RejectedCandidate[] {
  const text = what.trim();
  const id = idIn(text) ?? -1;
  const found = sql(
    db,
    `SELECT id, key, label, rejected_at AS rejectedAt FROM rejected_candidates
      WHERE id = ? OR key = ? OR lower(label) = lower(?) OR key = 'phrase:' || lower(?) OR key = 'tag:' || lower(?)`,
  ).all(id, text, text, text, text) as RejectedCandidate[];
  for (const row of found) sql(db, 'DELETE FROM rejected_candidates WHERE id = ?').run(row.id);
  return found;
}
