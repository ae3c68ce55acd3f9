import { randomUUID } from 'node:crypto';
import { shiftDay, type Day } from '../core/dates.ts';
import type { RhythmInput } from '../core/rhythm.ts';
import { sql, type Db } from './db.ts';
import { lastMeetingOn } from './report.ts';
import { procedureStates } from './procedures.ts';
import { plannedSessions } from './training-sessions.ts';

// Keys of the database's settings table that the rhythm keeps (the config file holds the team's choices).
const TEAM_UUID = 'rhythm.team_uuid';
const CALENDAR_SINCE = 'rhythm.calendar_since';
const LAST_DIGEST = 'rhythm.last_digest_on';
/** How long a planned session stays in the calendar after its day. */
const SESSIONS_KEPT_DAYS = 90;

/** What the rhythm is built from, as of `today` (settings come from the config). */
export function loadRhythmInput(db: Db, today: Day): Omit<RhythmInput, 'settings'> {
  const planned = sql(db, `SELECT id, planned_on AS plannedOn FROM interviews WHERE status = 'planned' ORDER BY planned_on, id`).all() as Array<{
    id: number;
    plannedOn: Day;
  }>;
  const lastRound = sql(db, 'SELECT max(planned_on) AS day FROM interviews').get() as { day: Day | null };
  const uuids = new Map(
    (sql(db, `SELECT id, uuid FROM practices WHERE status = 'standard'`).all() as Array<{ id: number; uuid: string }>).map((row) => [row.id, row.uuid]),
  );
  return {
    today,
    lastMeeting: lastMeetingOn(db, today),
    plannedInterviews: planned,
    lastRoundOn: lastRound.day,
    procedures: procedureStates(db).map((state) => ({
      practice: state.practice,
      practiceUuid: uuids.get(state.practiceId) ?? String(state.practiceId),
      version: state.version,
      reviewDueOn: state.reviewDueOn,
    })),
    // A calendar that drops a session the day after would erase it from everyone's history.
    sessions: plannedSessions(db, shiftDay(today, -SESSIONS_KEPT_DAYS)),
  };
}

function setting(db: Db, key: string): string | null {
  return (sql(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

/**
 * The team's own id and the day its calendar began, made once and kept: calendar UIDs
 * and the meeting's first day come from them, so a re-export updates the events a
 * subscribed calendar already has. Call inside store.write().
 */
export function teamIdentity(db: Db, today: Day): { uuid: string; since: Day } {
  const keep = sql(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  keep.run(TEAM_UUID, randomUUID());
  keep.run(CALENDAR_SINCE, today);
  return { uuid: setting(db, TEAM_UUID) ?? '', since: setting(db, CALENDAR_SINCE) ?? today };
}

/** The day the last digest was made, or null. */
export function lastDigestOn(db: Db): Day | null {
  return setting(db, LAST_DIGEST);
}

/** Records the day a digest was made. Call inside store.write(). */
export function recordDigest(db: Db, on: Day): void {
  sql(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(LAST_DIGEST, on);
}
