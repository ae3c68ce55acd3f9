import { randomUUID } from 'node:crypto';
import type { EvidenceItem } from '../core/figures.ts';
import type { EvidenceHow, Matcher, Practice, PracticeStatus } from '../core/practice.ts';
import { cleanName, nameKey } from '../core/text.ts';
import { sql, type Db } from './db.ts';

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
  addMatchers(db, id, practice.matchers ?? []);
  for (const item of practice.evidence ?? []) linkEvidence(db, id, item.storyId, item.how, now);
  return id;
}

/** A practice by name (case-insensitive) or by "#id"/id. */
export function findPractice(db: Db, nameOrId: string): Practice | undefined {
  const idMatch = /^#?(\d+)$/.exec(nameOrId.trim());
  const row = (
    idMatch
      ? sql(db, `SELECT ${PRACTICE_COLUMNS} FROM practices WHERE id = ? OR name_key = ?`).get(Number(idMatch[1]), nameKey(nameOrId))
      : sql(db, `SELECT ${PRACTICE_COLUMNS} FROM practices WHERE name_key = ?`).get(nameKey(nameOrId))
  ) as PracticeRow | undefined;
  return row ? toPractice(row) : undefined;
}

/** Practices, optionally of some statuses, by name. */
export function listPracticeRecords(db: Db, statuses?: readonly PracticeStatus[]): Practice[] {
  const rows = sql(db, `SELECT ${PRACTICE_COLUMNS} FROM practices ORDER BY name_key`).all() as PracticeRow[];
  return rows.map(toPractice).filter((p) => !statuses || statuses.includes(p.status));
}

/** Adds matchers; one already bound to any practice is left where it is. */
export function addMatchers(db: Db, practiceId: number, matchers: Matcher[]): void {
  for (const m of matchers) {
    sql(db, 'INSERT INTO practice_matchers (practice_id, kind, value) VALUES (?, ?, ?) ON CONFLICT (kind, value) DO NOTHING').run(
      practiceId,
      m.kind,
      m.value,
    );
  }
}

/** A practice's matchers. */
export function practiceMatchers(db: Db, practiceId: number): Matcher[] {
  return sql(db, 'SELECT kind, value FROM practice_matchers WHERE practice_id = ? ORDER BY kind, value').all(practiceId) as Matcher[];
}

/** Links a story as evidence; a manual link upgrades a matched one, never the reverse. */
export function linkEvidence(db: Db, practiceId: number, storyId: number, how: EvidenceHow, now: string): void {
  sql(
    db,
    `INSERT INTO evidence (practice_id, story_id, how, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (practice_id, story_id) DO UPDATE SET how = CASE WHEN excluded.how = 'manual' THEN 'manual' ELSE evidence.how END`,
  ).run(practiceId, storyId, how, now);
}

/** The evidence of a practice, optionally within dates, with the people each story credits. */
export function practiceEvidence(db: Db, practiceId: number, since?: string, until?: string): EvidenceItem[] {
  const rows = sql(
    db,
    `SELECT s.id AS storyId, s.occurred_on AS occurredOn,
            (SELECT json_group_array(p.name) FROM story_people sp JOIN people p ON p.id = sp.person_id WHERE sp.story_id = s.id) AS people
       FROM evidence e JOIN stories s ON s.id = e.story_id
      WHERE e.practice_id = ? AND s.occurred_on >= ? AND s.occurred_on <= ?
      ORDER BY s.occurred_on, s.id`,
  ).all(practiceId, since ?? '0000-00-00', until ?? '9999-99-99') as Array<{ storyId: number; occurredOn: string; people: string }>;
  return rows.map((row) => ({ storyId: row.storyId, occurredOn: row.occurredOn, people: JSON.parse(row.people) as string[] }));
}
