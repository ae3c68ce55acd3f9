/**
 * The digest: the team's week in one page for people who read mail, not terminals. Built
 * from the report over the digest's period and the rhythm (meeting, interviews, reviews).
 * Pure: plain data in and out; renderers format it.
 */
import type { Programme } from './programme.ts';
import { shiftDay, type Day } from './dates.ts';
import type { Report, StoryToRead } from './report.ts';
import { dueItems, type DueItem, type PlannedSession, type Rhythm } from './rhythm.ts';

/** A digest without --since covers the last seven days, today included. */
export const DIGEST_DAYS = 7;

export type DigestBasis = 'given' | 'last-digest' | 'week';

/**
 * The first day of the digest: --since as given; for last-digest, the day after the last
 * digest (today when it was today), else the last seven days.
 */
export function digestSince(today: Day, since: Day | 'last-digest' | undefined, lastDigest: Day | null): { since: Day; basis: DigestBasis } {
  if (since !== undefined && since !== 'last-digest') return { since, basis: 'given' };
  if (since === 'last-digest' && lastDigest !== null) {
    const after = shiftDay(lastDigest, 1);
    return { since: after > today ? today : after, basis: 'last-digest' };
  }
  return { since: shiftDay(today, -(DIGEST_DAYS - 1)), basis: 'week' };
}

/** A new story as the digest lists it: who, when, and its opening words. */
export interface DigestStory {
  id: number;
  occurredOn: Day;
  people: string[];
  text: string;
}

/** How many of the period's stories the digest lists, newest first. */
export const DIGEST_STORIES = 10;

export interface Digest {
  team: string | null;
  since: Day;
  until: Day;
  basis: DigestBasis;
  stories: { count: number; people: number; activePeople: number; toRead: StoryToRead | null; latest: DigestStory[] };
  suggestions: Array<{ name: string; stories: number }>;
  drifting: string[];
  procedureReviews: Array<{ practice: string; version: number; dueOn: Day; due: boolean }>;
  interviews: { planned: number; overdue: Array<{ id: number; plannedOn: Day; days: number }>; held: number; nextRoundOn: Day; roundDue: boolean };
  trainingsDue: string[];
  /** Training sessions planned in the next REVIEW_LOOKAHEAD_DAYS days. */
  trainingSessions: PlannedSession[];
  peopleWithoutStories: string[];
  nextMeeting: Rhythm['nextMeeting'];
  /** Everything due, each with the command that acts on it. */
  due: DueItem[];
  /** Training assignments and procedures not yet read (set by the digest's use case). */
  programme?: Programme;
}

/** How far ahead the digest lists procedure reviews not due yet and training sessions. */
export const REVIEW_LOOKAHEAD_DAYS = 14;

export function buildDigest(report: Report, rhythm: Rhythm, latest: readonly DigestStory[], team: string | null, basis: DigestBasis): Digest {
  const trainingsDue = report.practices.filter((p) => p.lastTrainedOn === null).map((p) => p.name);
  const horizon = shiftDay(rhythm.today, REVIEW_LOOKAHEAD_DAYS);
  return {
    team,
    since: report.period.since,
    until: report.period.until,
    basis,
    stories: {
      count: report.headline.stories.current,
      people: report.headline.peopleWithStories.current,
      activePeople: report.headline.activePeople,
      toRead: report.storiesToRead[0] ?? null,
      latest: latest.slice(0, DIGEST_STORIES),
    },
    suggestions: report.candidates.map((c) => ({ name: c.name, stories: c.stories })),
    drifting: report.drifting,
    procedureReviews: rhythm.procedureReviews.filter((p) => p.dueOn <= horizon).map(({ practice, version, dueOn, due }) => ({ practice, version, dueOn, due })),
    interviews: {
      planned: rhythm.listening.planned,
      overdue: rhythm.listening.overdue,
      held: report.interviews.done,
      nextRoundOn: rhythm.listening.nextRoundOn,
      roundDue: rhythm.listening.roundDue,
    },
    trainingsDue,
    trainingSessions: rhythm.trainingSessions.filter((s) => s.plannedOn >= rhythm.today && s.plannedOn <= horizon),
    peopleWithoutStories: report.peopleWithoutStories,
    nextMeeting: rhythm.nextMeeting,
    due: dueItems(rhythm, {
      candidates: report.candidates.length,
      drifting: report.drifting,
      untrained: trainingsDue,
      peopleWithoutStories: report.peopleWithoutStories,
    }),
  };
}

/** The digest's subject line: the team and the period. */
export function digestSubject(digest: Digest): string {
  const team = digest.team ?? 'Team';
  return `${team} digest, ${digest.since} to ${digest.until}: ${digest.stories.count} new ${digest.stories.count === 1 ? 'story' : 'stories'}, ${digest.due.filter((item) => item.kind !== 'meeting').length} to do`;
}
