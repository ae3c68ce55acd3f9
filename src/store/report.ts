import type { Day } from '../core/dates.ts';
import type {
  DayCount,
  EvidenceRow,
  Period,
  ReportInput,
  InterviewRow,
  PersonRecord,
  PracticeRecord,
  StoryCandidateRow,
  StoryTextRow,
  StoryMixRow,
  TrainedRow,
  TrainingRow,
  Window,
} from '../core/report.ts';
import { rankStoriesToRead } from '../core/report.ts';
import { sql, type Db } from './db.ts';
import { QUALITY_EVIDENCE } from './qualities.ts';

/**
 * All SQL of `svc report` and `svc status`, in one place. Every aggregate is windowed to
 * a period on stories(occurred_on, id) and takes named parameters (:since, :until …),
 * so the benchmark can run the very same text in the sqlite3 shell with `.parameter set`.
 */
export const REPORT_SQL = {
  /** The last meeting held on or before a day. */
  lastMeeting: `SELECT held_on AS heldOn FROM meetings WHERE held_on <= :until ORDER BY held_on DESC, id DESC LIMIT 1`,

  /** Stories in a period by channel, kind and trigger: totals, internal/external, channels, triggers. */
  storyMix: `SELECT channel, customer_kind AS customerKind, trigger, count(*) AS stories
       FROM stories WHERE occurred_on BETWEEN :since AND :until
      GROUP BY channel, customer_kind, trigger`,

  /** How many stories in a period (status needs only the count: the index covers it). */
  storyCount: `SELECT count(*) AS stories FROM stories WHERE occurred_on BETWEEN :since AND :until`,

  /** Stories per day in a window (the weekly trend is bucketed from it). */
  storiesPerDay: `SELECT occurred_on AS day, count(*) AS stories
       FROM stories WHERE occurred_on BETWEEN :since AND :until
      GROUP BY occurred_on`,

  /** Stories per person in a period. */
  storiesPerPerson: `SELECT sp.person_id AS personId, count(*) AS stories
       FROM stories s JOIN story_people sp ON sp.story_id = s.id
      WHERE s.occurred_on BETWEEN :since AND :until
      GROUP BY sp.person_id`,

  /** Everyone, active or not (names for the ids above; the active ones count for consistency). */
  people: `SELECT id, name, active FROM people ORDER BY name_key`,

  /** Every story of the period as a candidate to read aloud, unranked: core's rankStoriesToRead ranks them. */
  storyCandidates: `SELECT s.id, s.occurred_on AS occurredOn, s.impact IS NOT NULL AS hasImpact,
            (SELECT count(*) FROM evidence e WHERE e.story_id = s.id) AS practices,
            (SELECT json_group_array(sp.person_id) FROM story_people sp WHERE sp.story_id = s.id) AS people
       FROM stories s WHERE s.occurred_on BETWEEN :since AND :until`,

  /** The text of the stories chosen to read aloud (:ids, a JSON array). */
  storyTexts: `SELECT id, title, text, impact, customer_kind AS customerKind FROM stories WHERE id IN (SELECT value FROM json_each(:ids))`,

  /** Practices by status (adopted and standard for the report, candidates waiting for review). */
  practices: `SELECT p.id, p.name, p.status, p.status_changed_at AS statusChangedAt,
            (SELECT max(t.held_on) FROM trainings t WHERE t.practice_id = p.id AND t.held_on <= :until) AS lastTrainedOn
       FROM practices p WHERE p.status IN ('candidate', 'adopted', 'standard')
      ORDER BY p.name_key`,

  /** Evidence of every practice in a window, one row per story and person credited. */
  evidence: `SELECT e.practice_id AS practiceId, s.id AS storyId, s.occurred_on AS occurredOn, sp.person_id AS personId
       FROM stories s
       JOIN evidence e ON e.story_id = s.id
       LEFT JOIN story_people sp ON sp.story_id = s.id
      WHERE s.occurred_on BETWEEN :since AND :until`,

  /** The latest evidence of each practice inside a window (drift looks back N weeks only). */
  latestEvidence: `SELECT e.practice_id AS practiceId, max(s.occurred_on) AS lastOn
       FROM stories s JOIN evidence e ON e.story_id = s.id
      WHERE s.occurred_on BETWEEN :since AND :until
      GROUP BY e.practice_id`,

  /** How many stories a candidate practice has (candidates are few; each is a key lookup). */
  candidateStories: `SELECT p.id, count(e.story_id) AS stories
       FROM practices p LEFT JOIN evidence e ON e.practice_id = p.id
      WHERE p.status = 'candidate'
      GROUP BY p.id`,

  /** Training sessions held in a period. */
  trainings: `SELECT t.id, t.practice_id AS practiceId, pr.name AS practice, t.held_on AS heldOn, f.name AS facilitator,
            (SELECT count(*) FROM training_attendees a WHERE a.training_id = t.id) AS attendees
       FROM trainings t JOIN practices pr ON pr.id = t.practice_id LEFT JOIN people f ON f.id = t.facilitator_id
      WHERE t.held_on BETWEEN :since AND :until
      ORDER BY t.held_on, t.id`,

  /**
   * Everyone trained on a practice by :until, with their first session. Adoption is
   * judged on the evidence of the trend window, so no query walks all-time evidence.
   */
  trained: `SELECT t.practice_id AS practiceId, a.person_id AS personId, min(t.held_on) AS trainedOn
       FROM trainings t JOIN training_attendees a ON a.training_id = t.id
      WHERE t.held_on <= :until
      GROUP BY t.practice_id, a.person_id`,

  /** Stories in a period per quality attribute (tag form), counted as svc detect counts them. */
  qualities: `WITH ${QUALITY_EVIDENCE}
     SELECT replace(attribute, ' ', '-') AS attribute, count(DISTINCT story_id) AS stories
       FROM quality_evidence GROUP BY attribute`,

  /** Interviews held in the period, and those still planned by its end. */
  interviews: `SELECT i.id, i.status, i.planned_on AS plannedOn, i.held_on AS heldOn, i.learned, i.liked, i.change,
            p.name AS interviewer
       FROM interviews i LEFT JOIN people p ON p.id = i.interviewer_id
      WHERE (i.held_on BETWEEN :since AND :until)
         OR (i.status = 'planned' AND i.planned_on <= :until)
         OR (i.status <> 'done' AND i.held_on IS NULL AND i.planned_on BETWEEN :since AND :until)
      ORDER BY i.id`,

  /** Standard practices whose current procedure is due for review by :until. */
  proceduresDue: `SELECT p.name
       FROM procedures pr JOIN practices p ON p.id = pr.practice_id
      WHERE p.status = 'standard'
        AND pr.version = (SELECT max(v.version) FROM procedures v WHERE v.practice_id = pr.practice_id)
        AND date(coalesce(pr.reviewed_at, pr.created_at), '+' || pr.review_every_days || ' days') <= :until
      ORDER BY p.name_key`,

  /** Whether there is anything at all: the first story, found through the index. */
  anyStory: `SELECT 1 AS found FROM stories LIMIT 1`,
} as const;

/** Only the two parameters: better-sqlite3 binds named parameters from the object's keys. */
function range(window: Window): Window {
  return { since: window.since, until: window.until };
}

/** The day of the last meeting on or before `until`, or null. */
export function lastMeetingOn(db: Db, until: Day): Day | null {
  const row = sql(db, REPORT_SQL.lastMeeting).get({ until }) as { heldOn: Day } | undefined;
  return row?.heldOn ?? null;
}

export function storyMix(db: Db, window: Window): StoryMixRow[] {
  return sql(db, REPORT_SQL.storyMix).all(range(window)) as StoryMixRow[];
}

export function storyCount(db: Db, window: Window): number {
  return (sql(db, REPORT_SQL.storyCount).get(range(window)) as { stories: number }).stories;
}

export function storiesPerDay(db: Db, window: Window): DayCount[] {
  return sql(db, REPORT_SQL.storiesPerDay).all(range(window)) as DayCount[];
}

/** Stories per person id in a window. */
export function storiesPerPerson(db: Db, window: Window): Map<number, number> {
  const rows = sql(db, REPORT_SQL.storiesPerPerson).all(range(window)) as Array<{ personId: number; stories: number }>;
  return new Map(rows.map((row) => [row.personId, row.stories]));
}

export function peopleRecords(db: Db): PersonRecord[] {
  const rows = sql(db, REPORT_SQL.people).all() as Array<{ id: number; name: string; active: number }>;
  return rows.map((row) => ({ id: row.id, name: row.name, active: row.active === 1 }));
}

export function storyCandidates(db: Db, window: Window): StoryCandidateRow[] {
  const rows = sql(db, REPORT_SQL.storyCandidates).all(range(window)) as Array<Omit<StoryCandidateRow, 'personIds' | 'hasImpact'> & { people: string; hasImpact: number }>;
  return rows.map(({ people, hasImpact, ...row }) => ({ ...row, hasImpact: hasImpact === 1, personIds: JSON.parse(people) as number[] }));
}

/** The stories the report reads aloud, ranked by core, with their text. */
function storiesToRead(db: Db, period: Period, perPerson: Map<number, number>, previousPerPerson: Map<number, number>): ReportInput['storiesToRead'] {
  const ranked = rankStoriesToRead({ storyCandidates: storyCandidates(db, period), perPerson, previousPerPerson });
  const texts = new Map(
    (sql(db, REPORT_SQL.storyTexts).all({ ids: JSON.stringify(ranked.map((story) => story.id)) }) as StoryTextRow[]).map((row) => [row.id, row]),
  );
  return ranked.flatMap((story) => {
    const text = texts.get(story.id);
    return text ? [{ ...story, ...text }] : [];
  });
}

/** Candidate, adopted and standard practices, with the last training held on each by `until`. */
export function practiceRecords(db: Db, until: Day): PracticeRecord[] {
  return sql(db, REPORT_SQL.practices).all({ until }) as PracticeRecord[];
}

export function evidenceRows(db: Db, window: Window): EvidenceRow[] {
  return sql(db, REPORT_SQL.evidence).all(range(window)) as EvidenceRow[];
}

/** Practice id → the latest evidence day inside the window. */
export function latestEvidence(db: Db, window: Window): Map<number, Day> {
  const rows = sql(db, REPORT_SQL.latestEvidence).all(range(window)) as Array<{ practiceId: number; lastOn: Day }>;
  return new Map(rows.map((row) => [row.practiceId, row.lastOn]));
}

/** Candidate practice id → its evidence stories. */
export function candidateStories(db: Db): Map<number, number> {
  const rows = sql(db, REPORT_SQL.candidateStories).all() as Array<{ id: number; stories: number }>;
  return new Map(rows.map((row) => [row.id, row.stories]));
}

export function trainingRows(db: Db, window: Window): TrainingRow[] {
  return sql(db, REPORT_SQL.trainings).all(range(window)) as TrainingRow[];
}

export function trainedRows(db: Db, until: Day): TrainedRow[] {
  return sql(db, REPORT_SQL.trained).all({ until }) as TrainedRow[];
}

/** Attribute (tag form) → stories in the window. Needs the phrase index up to date. */
export function qualityCounts(db: Db, window: Window): Map<string, number> {
  const rows = sql(db, REPORT_SQL.qualities).all(range(window)) as Array<{ attribute: string; stories: number }>;
  return new Map(rows.map((row) => [row.attribute, row.stories]));
}

export function interviewRows(db: Db, window: Window): InterviewRow[] {
  return sql(db, REPORT_SQL.interviews).all(range(window)) as InterviewRow[];
}

/** Names of standard practices whose procedure is due for review. */
export function proceduresDue(db: Db, until: Day): string[] {
  return (sql(db, REPORT_SQL.proceduresDue).all({ until }) as Array<{ name: string }>).map((row) => row.name);
}

/** Whether the database holds at least one story. */
export function hasStories(db: Db): boolean {
  return sql(db, REPORT_SQL.anyStory).get() !== undefined;
}

/** Everything the report needs for a period, read in one short read transaction. */
export function loadReportInput(db: Db, period: Period): ReportInput {
  return db.transaction((): ReportInput => {
    const perPerson = storiesPerPerson(db, period);
    const previousPerPerson = storiesPerPerson(db, period.previous);
    return {
      people: peopleRecords(db),
      mix: storyMix(db, period),
      previousMix: storyMix(db, period.previous),
      perDay: storiesPerDay(db, period.trend),
      perPerson,
      previousPerPerson,
      storiesToRead: storiesToRead(db, period, perPerson, previousPerPerson),
      practices: practiceRecords(db, period.until),
      evidence: evidenceRows(db, period.trend),
      latestEvidence: latestEvidence(db, period.drift),
      candidateStories: candidateStories(db),
      trainings: trainingRows(db, period),
      trained: trainedRows(db, period.until),
      qualities: qualityCounts(db, period),
      interviews: interviewRows(db, period),
    };
  })();
}
