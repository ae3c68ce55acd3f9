import { randomUUID } from 'node:crypto';
import { FORGOTTEN_CUSTOMER } from '../core/customer.ts';
import type { Day } from '../core/dates.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, toFtsQuery } from '../core/search.ts';
import type { Channel, CustomerKind, Source, Story, StoryChanges, StoryDraft, Trigger } from '../core/story.ts';
import { nameKey, normalizeTag } from '../core/text.ts';
import { ensureCustomer } from './customers.ts';
import { isPostgres, sql, type Db } from './db.ts';
import { toTsQuery } from './postgres/dialect.ts';
import { snippetFromMarked } from './postgres/snippet.ts';
import { ensurePerson } from './people.ts';
import { ensureTag } from './tags.ts';
import { recordTombstone } from './tombstones.ts';

interface StoryRow {
  id: number;
  uuid: string;
  title: string | null;
  text: string;
  occurred_on: string;
  customer: string | null;
  customer_forgotten: string | null;
  customer_kind: CustomerKind;
  channel: Channel | null;
  source: Source | null;
  trigger: Trigger | null;
  impact: string | null;
  reported_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface StoryFilter {
  since?: Day | undefined;
  until?: Day | undefined;
  staff?: string[] | undefined;
  /** Only stories crediting one of these people (a team and its sub-teams). */
  personIds?: readonly number[] | undefined;
  tags?: string[] | undefined;
  channel?: Channel | undefined;
  customerKind?: CustomerKind | undefined;
  search?: string | undefined;
  limit?: number | undefined;
}

export interface SearchHit {
  story: Story;
  snippet: string;
}

const STORY_COLUMNS = `s.id, s.uuid, s.title, s.text, s.occurred_on, c.name AS customer, c.forgotten_at AS customer_forgotten,
  s.customer_kind, s.channel, s.source, s.trigger, s.impact, r.name AS reported_by, s.created_at, s.updated_at`;
const STORY_JOINS = `LEFT JOIN customers c ON c.id = s.customer_id
  LEFT JOIN people r ON r.id = s.reported_by`;
const STORY_FROM = `stories s ${STORY_JOINS}`;

function toStory(row: StoryRow, staff: string[], tags: string[]): Story {
  return {
    id: row.id,
    uuid: row.uuid,
    title: row.title,
    text: row.text,
    occurredOn: row.occurred_on,
    staff,
    customer: row.customer_forgotten ? FORGOTTEN_CUSTOMER : row.customer,
    customerKind: row.customer_kind,
    channel: row.channel,
    source: row.source,
    trigger: row.trigger,
    impact: row.impact,
    reportedBy: row.reported_by,
    tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Staff names and tags of many stories in two queries, not two per story. */
function hydrate(db: Db, rows: StoryRow[]): Story[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((row) => row.id));
  const staff = groupBy(
    sql(
      db,
      `SELECT sp.story_id AS storyId, p.name AS value FROM story_people sp JOIN people p ON p.id = sp.person_id
        WHERE sp.story_id IN (SELECT value FROM json_each(?)) ORDER BY p.name_key`,
    ).all(ids) as Array<{ storyId: number; value: string }>,
  );
  const tags = groupBy(
    sql(
      db,
      `SELECT st.story_id AS storyId, t.name AS value FROM story_tags st JOIN tags t ON t.id = st.tag_id
        WHERE st.story_id IN (SELECT value FROM json_each(?)) ORDER BY t.name`,
    ).all(ids) as Array<{ storyId: number; value: string }>,
  );
  return rows.map((row) => toStory(row, staff.get(row.id) ?? [], tags.get(row.id) ?? []));
}

function groupBy(rows: Array<{ storyId: number; value: string }>): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const row of rows) {
    const list = map.get(row.storyId);
    if (list) list.push(row.value);
    else map.set(row.storyId, [row.value]);
  }
  return map;
}

function writeLinks(db: Db, storyId: number, draft: Pick<StoryChanges, 'staff' | 'tags'>, now: string): void {
  if (draft.staff !== undefined) {
    sql(db, 'DELETE FROM story_people WHERE story_id = ?').run(storyId);
    for (const name of draft.staff) {
      sql(db, 'INSERT INTO story_people (story_id, person_id) VALUES (?, ?)').run(storyId, ensurePerson(db, name, now));
    }
  }
  if (draft.tags !== undefined) {
    sql(db, 'DELETE FROM story_tags WHERE story_id = ?').run(storyId);
    for (const tag of draft.tags) {
      sql(db, 'INSERT INTO story_tags (story_id, tag_id) VALUES (?, ?)').run(storyId, ensureTag(db, tag, now));
    }
  }
}

/** The stories row of a draft, as named parameters; people named in it are created. */
function storyRow(db: Db, draft: StoryDraft, now: string): Record<string, string | number | null> {
  return {
    title: draft.title,
    text: draft.text,
    occurredOn: draft.occurredOn,
    customerId: draft.customer === null ? null : (draft.customerId ?? ensureCustomer(db, draft.customer, draft.customerKind, now)),
    customerKind: draft.customerKind,
    channel: draft.channel,
    source: draft.source,
    trigger: draft.trigger,
    impact: draft.impact,
    reportedBy: draft.reportedBy === null ? null : ensurePerson(db, draft.reportedBy, now),
    now,
  };
}

/** Stores a validated story with its people and tags. Call inside store.write(). */
export function insertStory(db: Db, draft: StoryDraft, now: string, uuid: string = randomUUID()): number {
  const result = sql(
    db,
    `INSERT INTO stories (uuid, title, text, occurred_on, customer_id, customer_kind, channel, source, trigger,
                          impact, reported_by, created_at, updated_at)
     VALUES (@uuid, @title, @text, @occurredOn, @customerId, @customerKind, @channel, @source, @trigger,
             @impact, @reportedBy, @now, @now)`,
  ).run({ ...storyRow(db, draft, now), uuid });
  const id = Number(result.lastInsertRowid);
  writeLinks(db, id, draft, now);
  return id;
}

interface StoredFields {
  title: string | null;
  text: string;
  occurred_on: string;
  customer_id: number | null;
  customer_kind: CustomerKind;
  channel: Channel | null;
  source: Source | null;
  trigger: Trigger | null;
  impact: string | null;
  reported_by: number | null;
  customer_name: string | null;
  customer_key: string | null;
  customer_own_kind: CustomerKind | null;
  customer_forgotten: string | null;
}

/**
 * Writes the fields given over the story as it is now, and no other: what someone else
 * changed meanwhile (another field, a forgotten customer's erased text) stays as they left
 * it. Call inside store.transaction(), after reading the story there (lockStory).
 */
export function updateStory(db: Db, id: number, changes: StoryChanges, now: string): void {
  const current = sql(
    db,
    `SELECT s.title, s.text, s.occurred_on, s.customer_id, s.customer_kind, s.channel, s.source, s.trigger, s.impact, s.reported_by,
            c.name AS customer_name, c.name_key AS customer_key, c.kind AS customer_own_kind, c.forgotten_at AS customer_forgotten
       FROM stories s LEFT JOIN customers c ON c.id = s.customer_id WHERE s.id = ?`,
  ).get(id) as StoredFields | undefined;
  if (!current) return;
  const kind = changes.customerKind ?? current.customer_kind;
  // The current customer, unless it was forgotten: a name is never looked up again from what was erased.
  const known = current.customer_id !== null && current.customer_forgotten === null ? { id: current.customer_id, key: current.customer_key, kind: current.customer_own_kind, name: current.customer_name ?? '' } : null;
  let customerId = current.customer_id;
  if (changes.customer !== undefined) {
    // The same customer name as now keeps the customer it is linked to: of two namesakes, the one chosen by id.
    customerId =
      changes.customer === null
        ? null
        : (changes.customerId ?? (known?.key === nameKey(changes.customer) && known.kind === kind ? known.id : ensureCustomer(db, changes.customer, kind, now)));
  } else if (known && known.kind !== kind) {
    customerId = ensureCustomer(db, known.name, kind, now);
  }
  sql(
    db,
    `UPDATE stories SET title = @title, text = @text, occurred_on = @occurredOn, customer_id = @customerId,
            customer_kind = @customerKind, channel = @channel, source = @source, trigger = @trigger,
            impact = @impact, reported_by = @reportedBy, updated_at = @now
      WHERE id = @id`,
  ).run({
    title: changes.title === undefined ? current.title : changes.title,
    text: changes.text ?? current.text,
    occurredOn: changes.occurredOn ?? current.occurred_on,
    customerId,
    customerKind: kind,
    channel: changes.channel === undefined ? current.channel : changes.channel,
    source: changes.source === undefined ? current.source : changes.source,
    trigger: changes.trigger === undefined ? current.trigger : changes.trigger,
    impact: changes.impact === undefined ? current.impact : changes.impact,
    reportedBy: changes.reportedBy === undefined ? current.reported_by : changes.reportedBy === null ? null : ensurePerson(db, changes.reportedBy, now),
    now,
    id,
  });
  writeLinks(db, id, changes, now);
}

/**
 * One story as it is now, for a transaction that writes it after reading it: on PostgreSQL
 * its row stays locked until the transaction ends (a second writer waits, then reads it
 * anew); SQLite's write transaction holds the whole database already. Call inside store.transaction().
 */
export function lockStory(db: Db, id: number): Story | undefined {
  if (isPostgres(db)) sql(db, 'SELECT id FROM stories WHERE id = ? FOR UPDATE').get(id);
  return getStory(db, id);
}

/**
 * Removes a story; its links go with it (ON DELETE CASCADE), and a tombstone stays so the
 * deletion travels in exports. True if it existed.
 */
export function deleteStory(db: Db, id: number, now: string): boolean {
  const row = sql(db, 'DELETE FROM stories WHERE id = ? RETURNING uuid').get(id) as { uuid: string } | undefined;
  if (row) recordTombstone(db, { table: 'stories', key: row.uuid, deletedAt: now, mergedInto: null });
  return row !== undefined;
}

/** One story, or undefined. */
export function getStory(db: Db, id: number): Story | undefined {
  const row = sql(db, `SELECT ${STORY_COLUMNS} FROM ${STORY_FROM} WHERE s.id = ?`).get(id) as StoryRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

/** The stories a page holds at most: a page and its people and tags stay a few megabytes. */
const STORY_PAGE_SIZE = 1000;

/**
 * Stories matching the filter, newest first, a page at a time, so that listing or
 * exporting a million stories holds one page in memory, not all of them. Each page
 * starts after the last one's (occurred_on, id), which the index on both finds directly.
 */
export function* storyPages(db: Db, filter: StoryFilter = {}, pageSize = STORY_PAGE_SIZE): Generator<Story[]> {
  const { where, params } = storyConditions(db, filter);
  const first = sql(db, storyPageQuery(where));
  const next = sql(db, storyPageQuery([...where, '(s.occurred_on, s.id) < (?, ?)']));
  let remaining = filter.limit ?? Number.POSITIVE_INFINITY;
  let after: StoryRow | undefined;
  while (remaining > 0) {
    const size = Math.min(pageSize, remaining);
    const rows = (after ? next.all(...params, after.occurred_on, after.id, size) : first.all(...params, size)) as StoryRow[];
    if (rows.length === 0) return;
    yield hydrate(db, rows);
    if (rows.length < size) return;
    remaining -= rows.length;
    after = rows[rows.length - 1];
  }
}

function storyPageQuery(where: string[]): string {
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return `SELECT ${STORY_COLUMNS} FROM ${STORY_FROM} ${clause} ORDER BY s.occurred_on DESC, s.id DESC LIMIT ?`;
}

/** The WHERE conditions of a filter (limit aside) and their parameters. */
function storyConditions(db: Db, filter: StoryFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.since) {
    where.push('s.occurred_on >= ?');
    params.push(filter.since);
  }
  if (filter.until) {
    where.push('s.occurred_on <= ?');
    params.push(filter.until);
  }
  if (filter.channel) {
    where.push('s.channel = ?');
    params.push(filter.channel);
  }
  if (filter.customerKind) {
    where.push('s.customer_kind = ?');
    params.push(filter.customerKind);
  }
  for (const name of filter.staff ?? []) {
    where.push('s.id IN (SELECT sp.story_id FROM story_people sp JOIN people p ON p.id = sp.person_id WHERE p.name_key = ?)');
    params.push(nameKey(name));
  }
  if (filter.personIds) {
    where.push('s.id IN (SELECT sp.story_id FROM story_people sp WHERE sp.person_id IN (SELECT value FROM json_each(?)))');
    params.push(JSON.stringify(filter.personIds));
  }
  for (const tag of filter.tags ?? []) {
    where.push('s.id IN (SELECT st.story_id FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE t.name = ?)');
    params.push(normalizeTag(tag));
  }
  if (filter.search !== undefined) {
    const postgres = isPostgres(db);
    where.push(
      postgres
        ? "s.id IN (SELECT story_id FROM stories_fts WHERE document @@ to_tsquery('svc_search', ?))"
        : 's.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)',
    );
    params.push(postgres ? toTsQuery(toFtsQuery(filter.search)) : toFtsQuery(filter.search));
  }
  return { where, params };
}

/**
 * Full-text search, best match first (then newest), with the matched words marked in a
 * snippet. SQLite ranks by FTS5's BM25 and cuts the snippet itself; PostgreSQL searches the
 * tsvector table through its GIN index, ranks by ts_rank_cd over 1 + ln(length) (more of
 * the words, closer together, in a shorter story: BM25's order on the demo team's searches
 * but for near ties), marks every matched word of each column (ts_headline) and the
 * snippet is cut from that as FTS5 cuts it.
 */
export function searchStories(db: Db, query: string, limit = 20): SearchHit[] {
  if (isPostgres(db)) return searchStoriesOnPostgres(db, query, limit);
  const rows = sql(
    db,
    `SELECT ${STORY_COLUMNS},
            snippet(stories_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet
       FROM stories_fts
       JOIN stories s ON s.id = stories_fts.rowid
       ${STORY_JOINS}
      WHERE stories_fts MATCH ?
      ORDER BY stories_fts.rank, s.occurred_on DESC, s.id DESC
      LIMIT ?`,
  ).all(toFtsQuery(query), limit) as Array<StoryRow & { snippet: string }>;
  const stories = hydrate(db, rows);
  return stories.map((story, i) => ({ story, snippet: rows[i]?.snippet ?? '' }));
}

const MARK_ALL = `HighlightAll=true, StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}`;

function searchStoriesOnPostgres(db: Db, query: string, limit: number): SearchHit[] {
  // The hits are ranked and cut to the limit first: ts_headline reads whole texts, so it runs on those alone.
  const rows = sql(
    db,
    `SELECT ${STORY_COLUMNS},
            ts_headline('svc_search', coalesce(s.title, ''), hit.query, '${MARK_ALL}') AS marked_title,
            ts_headline('svc_search', s.text, hit.query, '${MARK_ALL}') AS marked_text,
            ts_headline('svc_search', coalesce(s.impact, ''), hit.query, '${MARK_ALL}') AS marked_impact
       FROM (SELECT f.story_id, q.query, ts_rank_cd(f.document, q.query, 1) AS rank, t.occurred_on
               FROM (SELECT to_tsquery('svc_search', ?) AS query) q
               JOIN stories_fts f ON f.document @@ q.query
               JOIN stories t ON t.id = f.story_id
              ORDER BY rank DESC, t.occurred_on DESC, t.id DESC
              LIMIT ?) hit
       JOIN stories s ON s.id = hit.story_id
       ${STORY_JOINS}
      ORDER BY hit.rank DESC, s.occurred_on DESC, s.id DESC`,
  ).all(toTsQuery(toFtsQuery(query)), limit) as Array<StoryRow & { marked_title: string; marked_text: string; marked_impact: string }>;
  const markers = { start: HIGHLIGHT_START, end: HIGHLIGHT_END };
  const stories = hydrate(db, rows);
  return stories.map((story, i) => {
    const row = rows[i];
    return { story, snippet: row ? snippetFromMarked([row.marked_title, row.marked_text, row.marked_impact], markers) : '' };
  });
}

/** How many stories there are. */
export function countStories(db: Db): number {
  return (sql(db, 'SELECT count(*) AS n FROM stories').get() as { n: number }).n;
}

/** Several stories by id, in the order given (missing ids are skipped). */
export function storiesByIds(db: Db, ids: readonly number[]): Story[] {
  if (ids.length === 0) return [];
  const rows = sql(db, `SELECT ${STORY_COLUMNS} FROM ${STORY_FROM} WHERE s.id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  ) as StoryRow[];
  const byId = new Map(hydrate(db, rows).map((story) => [story.id, story]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
