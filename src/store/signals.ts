import { createHash } from 'node:crypto';
import type { Day } from '../core/dates.ts';
import type { Signal } from '../core/signal.ts';
import { sql, type Db } from './db.ts';

/** A signal to store: its day, measure and value, about a practice or a story (by local id). */
export interface SignalDraft {
  on: Day;
  measure: string;
  value: number;
  practiceId: number | null;
  storyId: number | null;
}

/**
 * The uuid of a signal from what it measures: the same day, measure and practice (or
 * story) give the same uuid in every database, so a file imported on two copies merges
 * into one row, and importing a corrected file replaces the value.
 */
function signalUuid(db: Db, draft: SignalDraft): string {
  const subject = draft.practiceId !== null
    ? `practice:${(sql(db, 'SELECT uuid FROM practices WHERE id = ?').get(draft.practiceId) as { uuid: string }).uuid}`
    : `story:${(sql(db, 'SELECT uuid FROM stories WHERE id = ?').get(draft.storyId) as { uuid: string }).uuid}`;
  const hex = createHash('sha256').update(`signal\n${draft.on}\n${draft.measure}\n${subject}`).digest('hex');
  // Shaped as a version-5-style uuid: the same text, the same id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** Stores signals: new ones are added, a known one with another value is updated. Counts each. Call inside store.write(). */
export function saveSignals(db: Db, drafts: readonly SignalDraft[], now: string): { added: number; updated: number; unchanged: number } {
  const counts = { added: 0, updated: 0, unchanged: 0 };
  for (const draft of drafts) {
    const uuid = signalUuid(db, draft);
    const known = sql(db, 'SELECT id, value FROM signals WHERE uuid = ?').get(uuid) as { id: number; value: number } | undefined;
    if (!known) {
      sql(
        db,
        `INSERT INTO signals (uuid, measured_on, measure, value, practice_id, story_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(uuid, draft.on, draft.measure, draft.value, draft.practiceId, draft.storyId, now, now);
      counts.added++;
    } else if (known.value !== draft.value) {
      sql(db, 'UPDATE signals SET value = ?, updated_at = ? WHERE id = ?').run(draft.value, now, known.id);
      counts.updated++;
    } else counts.unchanged++;
  }
  return counts;
}

const SIGNAL_SELECT = `SELECT g.id, g.uuid, g.measured_on AS "on", g.measure, g.value, g.practice_id AS practiceId, p.name AS practice, g.story_id AS storyId
  FROM signals g LEFT JOIN practices p ON p.id = g.practice_id`;

/** Signals, the latest first; only one measure's when given. */
export function listSignals(db: Db, filter: { measure?: string | undefined } = {}): Signal[] {
  return sql(db, `${SIGNAL_SELECT} WHERE (? IS NULL OR g.measure = ?) ORDER BY g.measured_on DESC, g.measure, g.id DESC`).all(
    filter.measure ?? null,
    filter.measure ?? null,
  ) as Signal[];
}

/** The readings about a practice: its own periodic figures, and those of the stories that are its evidence. */
export function practiceSignals(db: Db, practiceId: number): Array<{ on: Day; measure: string; value: number }> {
  return sql(
    db,
    `SELECT measured_on AS "on", measure, value FROM signals WHERE practice_id = ?
     UNION ALL
     SELECT g.measured_on, g.measure, g.value FROM signals g JOIN evidence e ON e.story_id = g.story_id AND e.practice_id = ?
     ORDER BY 1`,
  ).all(practiceId, practiceId) as Array<{ on: Day; measure: string; value: number }>;
}

/** The practices (not retired) that have signals, directly or through their evidence. */
export function practicesWithSignals(db: Db): number[] {
  return (
    sql(
      db,
      `SELECT id FROM practices WHERE status <> 'retired' AND (
         EXISTS (SELECT 1 FROM signals g WHERE g.practice_id = practices.id)
         OR EXISTS (SELECT 1 FROM signals g JOIN evidence e ON e.story_id = g.story_id WHERE e.practice_id = practices.id))
       ORDER BY name_key`,
    ).all() as Array<{ id: number }>
  ).map((r) => r.id);
}
