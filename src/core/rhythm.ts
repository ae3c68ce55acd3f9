/**
 * The team's rhythm: the weekly meeting, the interview rounds, procedure reviews as they
 * fall due, and what is due now, each with the command that acts on it. Pure: what the
 * store read and the settings in, plain data out, for status, the digest and the calendar.
 */
import { timeOfDay, type Settings, type Weekday } from './config.ts';
import { daysBetween, fromDay, parseDayExpression, shiftDay, toDay, type Day } from './dates.ts';
import { UsageError, ValidationError } from './errors.ts';
import { messages } from './messages.ts';
import { NOT_AGREED_COMMAND, shellQuote } from './status.ts';
import { countOf } from './text.ts';

/** A planned interview call not made within this many days is overdue: a round is meant to take a week. */
export const INTERVIEW_CALL_DAYS = 7;

const WEEKDAY_NUMBER: Record<Weekday, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

export interface RhythmSettings {
  meetingWeekday: Weekday;
  meetingTime: string;
  meetingMinutes: number;
  interviewIntervalDays: number;
}

/** The rhythm's part of the settings. */
export function rhythmSettings(settings: Settings): RhythmSettings {
  return {
    meetingWeekday: settings['meeting.weekday'],
    meetingTime: settings['meeting.time'],
    meetingMinutes: settings['meeting.minutes'],
    interviewIntervalDays: settings['interview.interval_days'],
  };
}

/** A training session planned ahead (svc train schedule). */
export interface PlannedSession {
  uuid: string;
  practice: string;
  plannedOn: Day;
  startsAt: string | null;
  minutes: number | null;
  facilitator: string | null;
}

/** The day of a session to come, read ahead ("friday", "next friday", "Jan 5"); a day past is refused (svc train log records those). */
export function parseComingDay(text: string, now: Date, flag: string): Day {
  const today = toDay(now);
  const day = parseDayExpression(text, now, 'future', flag);
  if (day === undefined) throw new UsageError(messages.sessionBadDay(flag, text), messages.sessionBadDayHint(flag));
  if (day < today) throw new ValidationError(messages.sessionInPast(flag, day), messages.sessionInPastHint);
  return day;
}

/** --at as HH:MM. */
export function parseSessionTime(text: string, flag: string): string {
  const time = timeOfDay(text);
  if (time === null) throw new UsageError(messages.sessionBadTime(flag, text), messages.sessionBadTimeHint(flag));
  return time;
}

export interface RhythmInput {
  today: Day;
  settings: RhythmSettings;
  lastMeeting: Day | null;
  /** Interviews still planned, oldest first. */
  plannedInterviews: ReadonlyArray<{ id: number; plannedOn: Day }>;
  /** The latest day any interview was planned on: the last round. */
  lastRoundOn: Day | null;
  /** Every standard practice's current procedure and when it is due for review. */
  procedures: ReadonlyArray<{ practice: string; practiceUuid: string; version: number; reviewDueOn: Day }>;
  /** Training sessions planned, from some weeks back on. */
  sessions: readonly PlannedSession[];
}

export interface Listening {
  planned: number;
  overdue: Array<{ id: number; plannedOn: Day; days: number }>;
  lastRoundOn: Day | null;
  nextRoundOn: Day;
  roundDue: boolean;
}

export interface Rhythm {
  today: Day;
  nextMeeting: { on: Day; time: string; minutes: number; weekday: Weekday };
  lastMeeting: Day | null;
  listening: Listening;
  /** Procedures by review day, the overdue first. */
  procedureReviews: Array<{ practice: string; practiceUuid: string; version: number; dueOn: Day; due: boolean }>;
  trainingSessions: PlannedSession[];
}

/** The first day on or after `from` that falls on `weekday`. */
export function nextWeekday(from: Day, weekday: Weekday): Day {
  const shift = (WEEKDAY_NUMBER[weekday] - fromDay(from).getDay() + 7) % 7;
  return shiftDay(from, shift);
}

export function buildRhythm(input: RhythmInput): Rhythm {
  const { today, settings } = input;
  const overdue = input.plannedInterviews
    .map((interview) => ({ ...interview, days: daysBetween(interview.plannedOn, today) }))
    .filter((interview) => interview.days > INTERVIEW_CALL_DAYS);
  // No round yet: the first one is due today.
  const nextRoundOn = input.lastRoundOn ? shiftDay(input.lastRoundOn, settings.interviewIntervalDays) : today;
  return {
    today,
    nextMeeting: { on: nextWeekday(today, settings.meetingWeekday), time: settings.meetingTime, minutes: settings.meetingMinutes, weekday: settings.meetingWeekday },
    lastMeeting: input.lastMeeting,
    listening: {
      planned: input.plannedInterviews.length,
      overdue,
      lastRoundOn: input.lastRoundOn,
      nextRoundOn,
      // A round still being called is not due again until its calls are made.
      roundDue: nextRoundOn <= today && input.plannedInterviews.length === 0,
    },
    procedureReviews: input.procedures
      .map((p) => ({ practice: p.practice, practiceUuid: p.practiceUuid, version: p.version, dueOn: p.reviewDueOn, due: p.reviewDueOn <= today }))
      .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.practice.localeCompare(b.practice))),
    trainingSessions: [...input.sessions],
  };
}

/** The listening line of `svc status`: interviews planned, overdue, and the next round. */
export function listeningLine(listening: Listening): { figure: string; next: string } {
  const planned = `${countOf(listening.planned, 'interview', 'interviews')} planned`;
  const overdue = listening.overdue.length ? ` (${listening.overdue.length} overdue)` : '';
  const round = !listening.roundDue
    ? `, next round ${listening.nextRoundOn}`
    : listening.lastRoundOn
      ? `, next round due since ${listening.nextRoundOn}`
      : ', no round held yet';
  const first = listening.overdue[0] ?? null;
  const next = first
    ? `svc interview log ${first.id}`
    : listening.roundDue
      ? 'svc interview pick'
      : listening.planned > 0
        ? 'svc interviews --status planned'
        : 'svc interviews';
  return { figure: `${planned}${overdue}${round}`, next };
}

/** Something the rhythm says is due, with the command that acts on it. */
export interface DueItem {
  kind: 'meeting' | 'interview-round' | 'interview-overdue' | 'procedure-review' | 'review-suggestions' | 'drifting' | 'training' | 'no-story' | 'assessment' | 'interview-next';
  text: string;
  command: string;
}

/** What the report adds to the rhythm's due items (all optional: status knows less than the digest). */
export interface DueExtras {
  candidates?: number;
  drifting?: readonly string[];
  untrained?: readonly string[];
  peopleWithoutStories?: readonly string[];
  /** The self-assessment's line: open, or due; absent until the next round. */
  assessment?: { text: string; command: string } | null;
}

/** Every due item, most urgent first: overdue calls and reviews, then what the team decides, then the meeting. */
export function dueItems(rhythm: Rhythm, extras: DueExtras = {}): DueItem[] {
  const items: DueItem[] = [];
  const { listening } = rhythm;
  for (const interview of listening.overdue) {
    items.push({
      kind: 'interview-overdue',
      text: `interview #${interview.id}, planned ${interview.plannedOn}, is ${interview.days} days old`,
      command: `svc interview log ${interview.id}`,
    });
  }
  if (listening.roundDue) {
    items.push({
      kind: 'interview-round',
      text: listening.lastRoundOn ? `the interview round is due (the last was on ${listening.lastRoundOn})` : 'no interview round yet: phone three customers',
      command: 'svc interview pick',
    });
  }
  for (const review of rhythm.procedureReviews.filter((p) => p.due)) {
    items.push({
      kind: 'procedure-review',
      text: `the procedure of "${review.practice}" (version ${review.version}) was due for review on ${review.dueOn}`,
      command: `svc practice review ${shellQuote(review.practice)}`,
    });
  }
  if (extras.candidates) {
    items.push({
      kind: 'review-suggestions',
      text: `${countOf(extras.candidates, 'practice', 'practices')} not yet agreed`,
      command: NOT_AGREED_COMMAND,
    });
  }
  for (const name of extras.drifting ?? []) {
    items.push({ kind: 'drifting', text: `"${name}" is drifting: no new evidence lately`, command: `svc practice show ${shellQuote(name)}` });
  }
  for (const name of extras.untrained ?? []) {
    items.push({ kind: 'training', text: `"${name}" is agreed but nobody has been trained on it`, command: `svc train plan ${shellQuote(name)}` });
  }
  const quiet = extras.peopleWithoutStories ?? [];
  if (quiet.length) {
    const shown = quiet.slice(0, 5).join(', ') + (quiet.length > 5 ? ` and ${quiet.length - 5} more` : '');
    items.push({
      kind: 'no-story',
      text: `no story yet from ${shown}`,
      command: `svc story add "what happened" --staff ${shellQuote(quiet[0] ?? 'NAME')}`,
    });
  }
  if (extras.assessment) items.push({ kind: 'assessment', ...extras.assessment });
  const inDays = daysBetween(rhythm.today, rhythm.nextMeeting.on);
  items.push({
    kind: 'meeting',
    text: `team meeting ${inDays === 0 ? 'today' : inDays === 1 ? 'tomorrow' : `on ${rhythm.nextMeeting.weekday} ${rhythm.nextMeeting.on}`} at ${rhythm.nextMeeting.time}`,
    command: inDays === 0 ? 'svc report, then svc meeting held' : 'svc report',
  });
  return items;
}

// ---- calendar --------------------------------------------------------------------------

/** An event of the team's calendar: a day (all-day) or a day and a local time, maybe repeating. */
export interface CalendarEvent {
  uid: string;
  summary: string;
  description: string;
  day: Day;
  /** HH:MM local time; absent for an all-day event. */
  time?: string;
  minutes?: number;
  repeat?: { every: 'week'; weekday: Weekday } | { every: 'days'; interval: number };
}

export interface TeamCalendar {
  name: string;
  events: CalendarEvent[];
}

/**
 * The team's calendar: the weekly meeting from the day svc first wrote a calendar, the
 * interview round every N days from the next one due, and each procedure's next review.
 * UIDs come from the team's and the practices' UUIDs, so a re-export updates the events
 * a subscribed calendar already has.
 */
export function buildCalendar(rhythm: Rhythm, team: { name: string | null; uuid: string; since: Day }, intervalDays: number): TeamCalendar {
  const name = team.name ?? 'Team';
  const meeting = rhythm.nextMeeting;
  const events: CalendarEvent[] = [
    {
      uid: `meeting-${team.uuid}@svc`,
      summary: `${name} meeting`,
      description: 'Stories, practices, training and what customers said. Before it: svc report --format html --out meeting.html. After it: svc meeting held.',
      day: nextWeekday(team.since, meeting.weekday),
      time: meeting.time,
      minutes: meeting.minutes,
      repeat: { every: 'week', weekday: meeting.weekday },
    },
    {
      uid: `interview-round-${team.uuid}@svc`,
      summary: `${name}: interview round`,
      description:
        'Each leader phones three customers and asks the same three questions. Choose them with: svc interview pick; after each call: svc interview log ID.',
      day: rhythm.listening.nextRoundOn,
      repeat: { every: 'days', interval: intervalDays },
    },
  ];
  for (const session of rhythm.trainingSessions) {
    const who = session.facilitator ? ` Facilitator: ${session.facilitator}.` : '';
    events.push({
      uid: `training-${session.uuid}@svc`,
      summary: `Training: "${session.practice}"`,
      description: `${who.trim()} The brief: svc train plan ${shellQuote(session.practice)} --format html --out plan.html. Afterwards: svc train log ${shellQuote(session.practice)} --people NAMES.`.trim(),
      day: session.plannedOn,
      ...(session.startsAt ? { time: session.startsAt, minutes: session.minutes ?? 60 } : {}),
    });
  }
  for (const review of rhythm.procedureReviews) {
    events.push({
      uid: `procedure-review-${review.practiceUuid}@svc`,
      summary: `Review the procedure "${review.practice}"`,
      description: `Version ${review.version} is due for review. Read it: svc practice show ${shellQuote(review.practice)}. Then confirm it unchanged (svc practice review ${shellQuote(review.practice)} --confirm) or write the next version (svc practice adopt ${shellQuote(review.practice)}).`,
      day: review.dueOn,
    });
  }
  return { name: `${name} rhythm`, events };
}
