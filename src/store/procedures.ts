import { randomUUID } from 'node:crypto';
import type { Day } from '../core/dates.ts';
import { isDueForReview, isQuietSinceAdoption } from '../core/procedure.ts';
import { sql, type Db } from './db.ts';

export interface Procedure {
  id: number;
  uuid: string;
  practiceId: number;
  version: number;
  body: string;
  reviewEveryDays: number;
  createdAt: string;
  /** The evidence stories this version was written from. */
  sourceStoryIds: number[];
}

interface ProcedureRow extends Omit<Procedure, 'sourceStoryIds'> {
  sources: string;
}

const PROCEDURE_COLUMNS = `pr.id, pr.uuid, pr.practice_id AS practiceId, pr.version, pr.body, pr.review_every_days AS reviewEveryDays,
  pr.created_at AS createdAt,
  (SELECT json_group_array(story_id) FROM (SELECT story_id FROM procedure_sources WHERE procedure_id = pr.id ORDER BY story_id) ps) AS sources`;

function toProcedure(row: ProcedureRow): Procedure {
  const { sources, ...rest } = row;
  return { ...rest, sourceStoryIds: JSON.parse(sources) as number[] };
}

/**
 * Stores the next version of a practice's procedure, written from the given evidence
 * stories. Call inside store.write(). Returns the new version number.
 */
export function insertProcedureVersion(
  db: Db,
  practiceId: number,
  body: string,
  reviewEveryDays: number,
  sourceStoryIds: readonly number[],
  now: string,
): number {
  const { next } = sql(db, 'SELECT coalesce(max(version), 0) + 1 AS next FROM procedures WHERE practice_id = ?').get(practiceId) as {
    next: number;
  };
  const result = sql(
    db,
    `INSERT INTO procedures (uuid, practice_id, version, body, review_every_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(randomUUID(), practiceId, next, body, reviewEveryDays, now, now);
  const id = Number(result.lastInsertRowid);
  for (const storyId of sourceStoryIds) {
    sql(db, 'INSERT INTO procedure_sources (procedure_id, story_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(id, storyId);
  }
  return next;
}

/** Every version of a practice's procedure, oldest first. */
export function procedureVersions(db: Db, practiceId: number): Procedure[] {
  const rows = sql(db, `SELECT ${PROCEDURE_COLUMNS} FROM procedures pr WHERE pr.practice_id = ? ORDER BY pr.version`).all(
    practiceId,
  ) as ProcedureRow[];
  return rows.map(toProcedure);
}

/** The latest version of a practice's procedure, or undefined. */
export function currentProcedure(db: Db, practiceId: number): Procedure | undefined {
  const row = sql(db, `SELECT ${PROCEDURE_COLUMNS} FROM procedures pr WHERE pr.practice_id = ? ORDER BY pr.version DESC LIMIT 1`).get(
    practiceId,
  ) as ProcedureRow | undefined;
  return row ? toProcedure(row) : undefined;
}

/** A standard practice's procedure as the playbook and `svc status` see it. */
export interface ProcedureState {
  practiceId: number;
  practice: string;
  version: number;
  /** When the current version was written (ISO timestamp). */
  writtenAt: string;
  reviewEveryDays: number;
  /** The day the current version is due for review: counted from its last confirmed review, else from when it was written. */
  reviewDueOn: Day;
  /** When the team last reviewed the current version and kept it, or null. */
  reviewedAt: string | null;
  /** When the practice first got a procedure (its adoption as a standard). */
  adoptedAt: string;
  /** The latest evidence story's date, or null. */
  lastEvidenceOn: Day | null;
  /** Evidence stories dated after the adoption day. */
  evidenceSinceAdoption: number;
}

const PROCEDURE_STATE_SQL = `SELECT p.id AS practiceId, p.name AS practice, cur.version, cur.created_at AS writtenAt,
       cur.review_every_days AS reviewEveryDays,
       date(coalesce(cur.reviewed_at, cur.created_at), '+' || cur.review_every_days || ' days') AS reviewDueOn,
       cur.reviewed_at AS reviewedAt,
       first.created_at AS adoptedAt,
       (SELECT max(s.occurred_on) FROM evidence e JOIN stories s ON s.id = e.story_id WHERE e.practice_id = p.id) AS lastEvidenceOn,
       (SELECT count(*) FROM evidence e JOIN stories s ON s.id = e.story_id
         WHERE e.practice_id = p.id AND s.occurred_on > date(first.created_at)) AS evidenceSinceAdoption
  FROM practices p
  JOIN procedures cur ON cur.practice_id = p.id
   AND cur.version = (SELECT max(version) FROM procedures WHERE practice_id = p.id)
  JOIN procedures first ON first.practice_id = p.id AND first.version = 1
 WHERE p.status = 'standard'
 ORDER BY p.name_key`;

/** Every standard practice's procedure: version, review date, evidence since adoption. */
export function procedureStates(db: Db): ProcedureState[] {
  return sql(db, PROCEDURE_STATE_SQL).all() as ProcedureState[];
}

/** Standard procedures whose review day is today or past (for `svc status` and the playbook). */
export function proceduresDueForReview(db: Db, today: Day): ProcedureState[] {
  return procedureStates(db).filter((state) => isDueForReview(state.reviewDueOn, today));
}

/**
 * Standard practices with no evidence story dated after their adoption, adopted at
 * least `weeks` (default 4) ago.
 */
export function practicesQuietSinceAdoption(db: Db, today: Day, weeks?: number): ProcedureState[] {
  return procedureStates(db).filter((state) => isQuietSinceAdoption(state.evidenceSinceAdoption, state.adoptedAt.slice(0, 10), today, weeks));
}

/** Records that the team reviewed a version and kept it: its next review counts from now. Call inside store.write(). */
export function confirmProcedureReview(db: Db, procedureId: number, now: string): void {
  sql(db, 'UPDATE procedures SET reviewed_at = ?, updated_at = ? WHERE id = ?').run(now, now, procedureId);
}

/** Changes how often a version is reviewed, without writing a new version. Call inside store.write(). */
export function setReviewInterval(db: Db, procedureId: number, reviewEveryDays: number, now: string): void {
  sql(db, 'UPDATE procedures SET review_every_days = ?, updated_at = ? WHERE id = ?').run(reviewEveryDays, now, procedureId);
}
