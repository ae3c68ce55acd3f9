import type { Day } from '../core/dates.ts';
import type { RawCandidate } from '../core/detect.ts';
import type { EvidenceItem } from '../core/figures.ts';
import { sql, type Db } from './db.ts';

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

// Phrases and tags that are not yet a practice's matchers and were not rejected,
// counted over the period: distinct stories and distinct people.
// Both aggregates keep what passes the thresholds, the most spread first.
const OVER_THRESHOLDS = 'HAVING stories >= ? AND people >= ? ORDER BY people DESC, stories DESC LIMIT ?';

// One kind at a time, so that the covering index yields the keys in order.
const PHRASE_AGGREGATE = `
  SELECT sp.key AS value, sp.kind = 'step' AS step, count(DISTINCT sp.story_id) AS stories, count(DISTINCT pe.person_id) AS people,
         max(sp.occurred_on) AS lastOn
    FROM story_phrases sp
    LEFT JOIN story_people pe ON pe.story_id = sp.story_id
   WHERE sp.kind = ? AND sp.occurred_on >= ?
     AND NOT EXISTS (SELECT 1 FROM practice_matchers m WHERE m.kind = 'phrase' AND m.value = sp.key)
     AND NOT EXISTS (SELECT 1 FROM rejected_candidates r WHERE r.key = 'phrase:' || sp.key)
   GROUP BY sp.key
  ${OVER_THRESHOLDS}`;

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
  ${OVER_THRESHOLDS}`;

// Rows of [candidate, story, date, person]; a story with two spans of one key comes
// twice, so rows are folded per story in JS (cheaper than DISTINCT and ORDER BY).
const PHRASE_EVIDENCE = `
  SELECT sp.key, sp.story_id, sp.occurred_on, pe.person_id, sp.detail
    FROM json_each(?) c
    JOIN story_phrases sp ON sp.kind = 'practice' AND sp.key = c.value
    LEFT JOIN story_people pe ON pe.story_id = sp.story_id
   WHERE sp.occurred_on >= ?`;

const TAG_EVIDENCE = `
  SELECT t.name, st.story_id, s.occurred_on, pe.person_id, NULL
    FROM json_each(?) c
    JOIN tags t ON t.name = c.value
    JOIN story_tags st ON st.tag_id = t.id
    JOIN stories s ON s.id = st.story_id
    LEFT JOIN story_people pe ON pe.story_id = st.story_id
   WHERE s.occurred_on >= ?`;

interface Evidence {
  items: EvidenceItem[];
  details: RawCandidate['details'];
}

function evidenceByValue(db: Db, query: string, values: string[], since: Day): Map<string, Evidence> {
  const byValue = new Map<string, { stories: Map<number, EvidenceItem>; details: Map<string, Set<number>> }>();
  if (values.length === 0) return new Map();
  const names = new Map((sql(db, 'SELECT id, name FROM people').all() as Array<{ id: number; name: string }>).map((p) => [p.id, p.name]));
  const rows = sql(db, query).raw(true).all(JSON.stringify(values), since) as Array<[string, number, string, number | null, string | null]>;
  for (const [value, storyId, occurredOn, personId, detail] of rows) {
    let found = byValue.get(value);
    if (!found) byValue.set(value, (found = { stories: new Map(), details: new Map() }));
    let item = found.stories.get(storyId);
    if (!item) found.stories.set(storyId, (item = { storyId, occurredOn, people: [] }));
    const name = personId === null ? undefined : names.get(personId);
    if (name !== undefined && !item.people.includes(name)) item.people.push(name);
    if (detail !== null) {
      const withDetail = found.details.get(detail);
      if (withDetail) withDetail.add(storyId);
      else found.details.set(detail, new Set([storyId]));
    }
  }
  return new Map(
    [...byValue].map(([value, found]) => [
      value,
      {
        items: [...found.stories.values()],
        details: [...found.details].map(([detail, stories]) => ({ detail, stories: stories.size })),
      },
    ]),
  );
}

/** The phrase keys and tags that pass the thresholds, with their evidence: the input of rankCandidates. */
export function rawCandidates(db: Db, query: DetectQuery): RawCandidate[] {
  const since = query.since ?? '0000-00-00';
  const thresholds = [query.minStories, query.minStaff];
  const practices = sql(db, PHRASE_AGGREGATE).all('practice', since, ...thresholds, query.pool) as Aggregate[];
  // Steps are shown as counts on one line: their (many) stories are never fetched.
  const steps = sql(db, PHRASE_AGGREGATE).all('step', since, ...thresholds, STEP_POOL) as Aggregate[];
  const tags = sql(db, TAG_AGGREGATE).all(since, ...thresholds, query.pool) as Aggregate[];
  const phraseEvidence = evidenceByValue(db, PHRASE_EVIDENCE, practices.map((p) => p.value), since);
  const tagEvidence = evidenceByValue(db, TAG_EVIDENCE, tags.map((t) => t.value), since);
  const raw = (source: 'phrase' | 'tag', row: Aggregate, found: Evidence | undefined): RawCandidate => ({
    source,
    value: row.value,
    step: row.step === 1,
    evidence: found?.items ?? [],
    counts: { stories: row.stories, people: row.people, lastOn: row.lastOn },
    details: found?.details ?? [],
  });
  return [
    ...practices.map((row) => raw('phrase', row, phraseEvidence.get(row.value))),
    ...steps.map((row) => raw('phrase', row, undefined)),
    ...tags.map((row) => raw('tag', row, tagEvidence.get(row.value))),
  ];
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
            (SELECT json_group_array(p.name) FROM story_people x JOIN people p ON p.id = x.person_id WHERE x.story_id = s.id) AS people,
            (SELECT json_array(sp.span_start, sp.span_end) FROM story_phrases sp
              WHERE sp.story_id = s.id AND sp.key IN (SELECT value FROM json_each(?)) ORDER BY sp.span_start LIMIT 1) AS span
       FROM json_each(?) i JOIN stories s ON s.id = i.value`,
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

/** Quality words per attribute over the period: stories and people per attribute, and per word. */
export function qualityRows(db: Db, since: Day | undefined): {
  attributes: Array<{ attribute: string; stories: number; people: number }>;
  words: Array<{ attribute: string; word: string; stories: number }>;
} {
  const from = since ?? '0000-00-00';
  const attributes = sql(
    db,
    `SELECT sp.key AS attribute, count(DISTINCT sp.story_id) AS stories, count(DISTINCT pe.person_id) AS people
       FROM story_phrases sp LEFT JOIN story_people pe ON pe.story_id = sp.story_id
      WHERE sp.kind = 'quality' AND sp.occurred_on >= ?
      GROUP BY sp.key`,
  ).all(from) as Array<{ attribute: string; stories: number; people: number }>;
  const words = sql(
    db,
    `SELECT sp.key AS attribute, sp.detail AS word, count(DISTINCT sp.story_id) AS stories
       FROM story_phrases sp
      WHERE sp.kind = 'quality' AND sp.occurred_on >= ?
      GROUP BY sp.key, sp.detail`,
  ).all(from) as Array<{ attribute: string; word: string; stories: number }>;
  return { attributes, words };
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
  const id = /^#?\d+$/u.test(text) ? Number(text.replace('#', '')) : -1;
  const found = sql(
    db,
    `SELECT id, key, label, rejected_at AS rejectedAt FROM rejected_candidates
      WHERE id = ? OR key = ? OR lower(label) = lower(?) OR key = 'phrase:' || lower(?) OR key = 'tag:' || lower(?)`,
  ).all(id, text, text, text, text) as RejectedCandidate[];
  for (const row of found) sql(db, 'DELETE FROM rejected_candidates WHERE id = ?').run(row.id);
  return found;
}
