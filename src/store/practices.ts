import { randomUUID } from 'node:crypto';
import type { EvidenceItem } from '../core/figures.ts';
import { idIn } from '../core/ids.ts';
import type { EvidenceHow, Matcher, Practice, PracticeCounts, PracticeStatus } from '../core/practice.ts';
import type { QualifierKind } from '../core/qualifiers.ts';
import type { PersonEvidence } from '../core/figures.ts';
import { cleanName, nameKey } from '../core/text.ts';
import { isPostgres, sql, type Db } from './db.ts';
import { dropMatcher } from './matching.ts';
import { recordTombstone } from './tombstones.ts';

interface PracticeRow {
  id: number;
  uuid: string;
  name: string;
  description: string | null;
  status: PracticeStatus;
  status_changed_at: string;
  created_at: string;
  updated_at: string;
}

const PRACTICE_COLUMNS = 'id, uuid, name, description, status, status_changed_at, created_at, updated_at';

function toPractice(row: PracticeRow): Practice {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    description: row.description,
    status: row.status,
    statusChangedAt: row.status_changed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewPractice {
  name: string;
  description?: string | null;
  status?: PracticeStatus;
  matchers?: Matcher[];
  evidence?: Array<{ storyId: number; how: EvidenceHow }>;
}

/** Creates a practice with its matchers and evidence. Call inside store.write(). */
export function createPractice(db: Db, practice: NewPractice, now: string): number {
  const name = cleanName(practice.name);
  const status = practice.status ?? 'candidate';
  const result = sql(
    db,
    `INSERT INTO practices (uuid, name, name_key, description, status, status_changed_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(randomUUID(), name, nameKey(name), practice.description ?? null, status, now, now, now);
  const id = Number(result.lastInsertRowid);
  sql(db, 'INSERT INTO practice_status_changes (practice_id, from_status, to_status, changed_at) VALUES (?, NULL, ?, ?)').run(
    id,
    status,
    now,
  );
  addMatchers(db, id, practice.matchers ?? [], now);
  for (const item of practice.evidence ?? []) linkEvidence(db, id, item.storyId, item.how, now);
  return id;
}

/** A practice by name (case-insensitive) or by "#id"/id. */
export function findPractice(db: Db, nameOrId: string): Practice | undefined {
  const id = idIn(nameOrId);
  const row = (
    id !== undefined
      ? sql(db, `SELECT ${PRACTICE_COLUMNS} FROM practices WHERE id = ? OR name_key = ?`).get(id, nameKey(nameOrId))
      : sql(db, `SELECT ${PRACTICE_COLUMNS} FROM practices WHERE name_key = ?`).get(nameKey(nameOrId))
  ) as PracticeRow | undefined;
  return row ? toPractice(row) : undefined;
}

/** One practice by id, or undefined. */
export function getPractice(db: Db, id: number): Practice | undefined {
  const row = sql(db, `SELECT ${PRACTICE_COLUMNS} FROM practices WHERE id = ?`).get(id) as PracticeRow | undefined;
  return row ? toPractice(row) : undefined;
}

/** Practices, optionally of some statuses, by name. */
export function listPracticeRecords(db: Db, statuses?: readonly PracticeStatus[]): Practice[] {
  const rows = sql(db, `SELECT ${PRACTICE_COLUMNS} FROM practices ORDER BY name_key`).all() as PracticeRow[];
  return rows.map(toPractice).filter((p) => !statuses || statuses.includes(p.status));
}

/** Adds matchers; one already bound to any practice (same kind, value and qualifier) is left where it is. */
export function addMatchers(db: Db, practiceId: number, matchers: Matcher[], now: string): void {
  for (const m of matchers) {
    sql(
      db,
      `INSERT INTO practice_matchers (practice_id, kind, value, qualifier, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, value, qualifier) DO NOTHING`,
    ).run(practiceId, m.kind, m.value, m.qualifier ?? '', now);
  }
}

interface MatcherRow {
  kind: Matcher['kind'];
  value: string;
  qualifier: string;
}

function toMatcher(row: MatcherRow): Matcher {
  return row.qualifier ? { kind: row.kind, value: row.value, qualifier: row.qualifier as QualifierKind } : { kind: row.kind, value: row.value };
}

/**
 * Removes a matcher from a practice, and the evidence it alone brought in (stories matched
 * by the practice's other matchers, or linked by hand, stay). Leaves a tombstone so the
 * removal travels. How many stories stopped being evidence, or undefined if the practice
 * had no such matcher. Call inside store.write().
 */
export function removeMatcher(db: Db, practiceId: number, matcher: Matcher, now: string): number | undefined {
  const qualifier = matcher.qualifier ?? '';
  const row = sql(db, 'SELECT id FROM practice_matchers WHERE practice_id = ? AND kind = ? AND value = ? AND qualifier = ?').get(
    practiceId,
    matcher.kind,
    matcher.value,
    qualifier,
  ) as { id: number } | undefined;
  const unlinked = row ? dropMatcher(db, row.id) : undefined;
  if (unlinked === undefined) return undefined;
  // Named by the unique key, as export and import name the row (migrations/0018).
  recordTombstone(db, { table: 'practice_matchers', key: JSON.stringify([matcher.kind, matcher.value, qualifier]), deletedAt: now, mergedInto: null });
  return unlinked;
}

/** A practice's matchers. */
export function practiceMatchers(db: Db, practiceId: number): Matcher[] {
  return (sql(db, 'SELECT kind, value, qualifier FROM practice_matchers WHERE practice_id = ? ORDER BY kind, value, qualifier').all(practiceId) as MatcherRow[]).map(
    toMatcher,
  );
}

/** Links a story as evidence; a manual link upgrades a matched one, never the reverse. */
export function linkEvidence(db: Db, practiceId: number, storyId: number, how: EvidenceHow, now: string): void {
  sql(
    db,
    `INSERT INTO evidence (practice_id, story_id, how, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (practice_id, story_id) DO UPDATE SET how = CASE WHEN excluded.how = 'manual' THEN 'manual' ELSE evidence.how END`,
  ).run(practiceId, storyId, how, now);
}

/**
 * The evidence of a practice, optionally within dates, with the people each story
 * credits, oldest first.
 */
export function practiceEvidence(db: Db, practiceId: number, since?: string, until?: string): EvidenceItem[] {
  return readEvidence(db, practiceId, since, until, (storyId, occurredOn, people) => ({ storyId, occurredOn, people }));
}

/** Evidence with how each story was linked (matched, manual, …), for `svc practice show`. */
export function linkedEvidence(db: Db, practiceId: number): Array<EvidenceItem & { how: EvidenceHow }> {
  return readEvidence(db, practiceId, undefined, undefined, (storyId, occurredOn, people, how) => ({ storyId, occurredOn, people, how }));
}

/**
 * A practice can have hundreds of thousands of stories: rows are read as they come, and
 * dates, names and whole lists of people are shared between items rather than built for
 * each (a list of people is the same array wherever it recurs: never change one).
 */
function readEvidence<T>(db: Db, practiceId: number, since: string | undefined, until: string | undefined, make: (storyId: number, occurredOn: string, people: string[], how: EvidenceHow) => T): T[] {
  const rows = sql(
    db,
    `SELECT s.id, s.occurred_on,
            (SELECT json_group_array(p.name) FROM story_people sp JOIN people p ON p.id = sp.person_id WHERE sp.story_id = s.id),
            e.how
       FROM evidence e JOIN stories s ON s.id = e.story_id
      WHERE e.practice_id = ? AND s.occurred_on >= ? AND s.occurred_on <= ?
      ORDER BY s.occurred_on, s.id`,
  ).raw(true);
  const shared = new Map<string, string>();
  const peopleLists = new Map<string, string[]>();
  const items: T[] = [];
  const from = since ?? '0000-00-00';
  const to = until ?? '9999-99-99';
  for (const [storyId, day, names, how] of rows.iterate(practiceId, from, to) as IterableIterator<[number, string, string, EvidenceHow]>) {
    let occurredOn = shared.get(day);
    if (occurredOn === undefined) shared.set(day, (occurredOn = day));
    let people = peopleLists.get(names);
    if (people === undefined) peopleLists.set(names, (people = JSON.parse(names) as string[]));
    items.push(make(storyId, occurredOn, people, how));
  }
  return items;
}

/**
 * The one query behind `svc practices`: per practice, its evidence stories, last
 * evidence date, distinct people (spread), and the people with the most evidence, each
 * with their count and, when they tie, their first evidence day, for core's starOf to
 * name the star.
 * Exported so the benchmark runs exactly this text in the sqlite3 shell.
 */
export const PRACTICE_SUMMARY_SQL = `WITH per_person AS (
  SELECT e.practice_id, sp.person_id, count(*) AS n
    FROM evidence e JOIN story_people sp ON sp.story_id = e.story_id
   GROUP BY e.practice_id, sp.person_id
), people_figures AS (
  SELECT practice_id, count(*) AS spread, max(n) AS top_n FROM per_person GROUP BY practice_id
), top AS (
  SELECT pp.practice_id, pp.person_id, pp.n, count(*) OVER (PARTITION BY pp.practice_id) AS tied
    FROM per_person pp JOIN people_figures f ON f.practice_id = pp.practice_id AND pp.n = f.top_n
), top_people AS (
  -- The first evidence day decides a tie only, so it is looked up for tied people alone:
  -- for every top person it cost 0.1-0.3 s more at 100,000 stories.
  SELECT t.practice_id,
         json_group_array(json_object('person', pe.name, 'stories', t.n, 'firstOn', CASE WHEN t.tied > 1 THEN
           (SELECT min(s.occurred_on) FROM evidence e2 JOIN story_people sp2 ON sp2.story_id = e2.story_id AND sp2.person_id = t.person_id
              JOIN stories s ON s.id = e2.story_id
             WHERE e2.practice_id = t.practice_id) END)) AS people
    FROM top t JOIN people pe ON pe.id = t.person_id
   GROUP BY t.practice_id
), story_figures AS (
  -- Walk the small (occurred_on, id) index and probe evidence by story: three times
  -- faster at 100,000 stories than looking each evidence story up in the wide table.
  SELECT e.practice_id, count(*) AS stories, max(s.occurred_on) AS last_on
    FROM stories s CROSS JOIN evidence e ON e.story_id = s.id
   GROUP BY e.practice_id
)
SELECT p.id, p.name, p.status, p.status_changed_at AS statusChangedAt,
       coalesce(sf.stories, 0) AS stories, coalesce(f.spread, 0) AS spread,
       coalesce(tp.people, '[]') AS topPeople, sf.last_on AS lastEvidenceOn
  FROM practices p
  LEFT JOIN story_figures sf ON sf.practice_id = p.id
  LEFT JOIN people_figures f ON f.practice_id = p.id
  LEFT JOIN top_people tp ON tp.practice_id = p.id
 ORDER BY p.name_key`;

// PostgreSQL spells SQLite's json_object json_build_object; the text it builds parses the same.
export const PRACTICE_SUMMARY_POSTGRES = PRACTICE_SUMMARY_SQL.replace('json_object(', 'json_build_object(');

/** Every practice's evidence counts in one aggregate query, optionally of some statuses. */
export function practiceCounts(db: Db, statuses?: readonly PracticeStatus[]): PracticeCounts[] {
  const rows = sql(db, isPostgres(db) ? PRACTICE_SUMMARY_POSTGRES : PRACTICE_SUMMARY_SQL).all() as Array<Omit<PracticeCounts, 'topPeople'> & { topPeople: string }>;
  return rows
    .filter((row) => !statuses || statuses.includes(row.status))
    .map((row) => ({ ...row, topPeople: JSON.parse(row.topPeople) as PersonEvidence[] }));
}

/** Changes a practice's status and records the step. Call inside store.write(). */
export function setPracticeStatus(db: Db, practice: Practice, to: PracticeStatus, now: string, note?: string): void {
  if (practice.status === to) return;
  sql(db, 'UPDATE practices SET status = ?, status_changed_at = ?, updated_at = ? WHERE id = ?').run(to, now, now, practice.id);
  sql(db, 'INSERT INTO practice_status_changes (practice_id, from_status, to_status, changed_at, note) VALUES (?, ?, ?, ?, ?)').run(
    practice.id,
    practice.status,
    to,
    now,
    note ?? null,
  );
}

/** Renames a practice. Call inside store.write(). */
export function renamePractice(db: Db, practiceId: number, name: string, now: string): void {
  const cleaned = cleanName(name);
  sql(db, 'UPDATE practices SET name = ?, name_key = ?, updated_at = ? WHERE id = ?').run(cleaned, nameKey(cleaned), now, practiceId);
}

/** Removes stories from a practice's evidence, however they were linked; returns how many went. */
export function unlinkEvidence(db: Db, practiceId: number, storyIds: readonly number[], now: string): number {
  let removed = 0;
  for (const id of storyIds) {
    // The tombstone names the link as exports do: by the practice's and the story's uuids.
    const gone = sql(
      db,
      `DELETE FROM evidence WHERE practice_id = ? AND story_id = ?
       RETURNING (SELECT uuid FROM practices WHERE id = practice_id) AS practice, (SELECT uuid FROM stories WHERE id = story_id) AS story`,
    ).get(practiceId, id) as { practice: string; story: string } | undefined;
    if (!gone) continue;
    removed++;
    recordTombstone(db, { table: 'evidence', key: JSON.stringify([gone.practice, gone.story]), deletedAt: now, mergedInto: null });
  }
  return removed;
}

/** The other practices whose phrase matchers have this key, each with its matcher (whatever its qualifier). */
export function phraseHolders(db: Db, key: string, exceptPracticeId: number): Array<{ practice: string; matcher: Matcher }> {
  const rows = sql(
    db,
    `SELECT p.name AS practice, m.kind, m.value, m.qualifier FROM practice_matchers m JOIN practices p ON p.id = m.practice_id
      WHERE m.kind = 'phrase' AND m.value = ? AND m.practice_id <> ? ORDER BY p.name_key, m.qualifier`,
  ).all(key, exceptPracticeId) as Array<MatcherRow & { practice: string }>;
  return rows.map((row) => ({ practice: row.practice, matcher: toMatcher(row) }));
}

/** Which practice already holds a matcher (the same kind, value and qualifier), if any. */
export function matcherOwner(db: Db, matcher: Matcher): string | undefined {
  const row = sql(
    db,
    'SELECT p.name FROM practice_matchers m JOIN practices p ON p.id = m.practice_id WHERE m.kind = ? AND m.value = ? AND m.qualifier = ?',
  ).get(matcher.kind, matcher.value, matcher.qualifier ?? '') as { name: string } | undefined;
  return row?.name;
}

export interface StatusChange {
  from: PracticeStatus | null;
  to: PracticeStatus;
  changedAt: string;
  note: string | null;
}

/** A practice's status history, oldest first. */
export function practiceStatusHistory(db: Db, practiceId: number): StatusChange[] {
  return sql(
    db,
    `SELECT from_status AS "from", to_status AS "to", changed_at AS changedAt, note
       FROM practice_status_changes WHERE practice_id = ? ORDER BY changed_at, id`,
  ).all(practiceId) as StatusChange[];
}

/** How each evidence story of a practice was linked, by story id. */
export function evidenceLinks(db: Db, practiceId: number): Map<number, EvidenceHow> {
  const rows = sql(db, 'SELECT story_id AS storyId, how FROM evidence WHERE practice_id = ?').all(practiceId) as Array<{
    storyId: number;
    how: EvidenceHow;
  }>;
  return new Map(rows.map((row) => [row.storyId, row.how]));
}

/**
 * Ids of a practice's evidence stories, strongest candidates first (an impact noted,
 * then newest), at most limit: the pool a training plan or procedure draft picks from.
 */
export function practiceStoryIds(db: Db, practiceId: number, limit = 200): number[] {
  const rows = sql(
    db,
    `SELECT s.id FROM evidence e JOIN stories s ON s.id = e.story_id
      WHERE e.practice_id = ?
      ORDER BY (s.impact IS NOT NULL) DESC, s.occurred_on DESC, s.id DESC
      LIMIT ?`,
  ).all(practiceId, limit) as Array<{ id: number }>;
  return rows.map((row) => row.id);
}

/** The stories a practice is evidenced by, newest first, at most limit. */
export function latestEvidenceIds(db: Db, practiceId: number, limit: number): number[] {
  const rows = sql(
    db,
    `SELECT s.id FROM evidence e JOIN stories s ON s.id = e.story_id
      WHERE e.practice_id = ? ORDER BY s.occurred_on DESC, s.id DESC LIMIT ?`,
  ).all(practiceId, limit) as Array<{ id: number }>;
  return rows.map((row) => row.id);
}
