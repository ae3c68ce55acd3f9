import { defaultSettings, type Settings } from '../core/config.ts';
import { isLastMeeting, parseDay, toDay } from '../core/dates.ts';
import { ValidationError } from '../core/errors.ts';
import { DEFAULT_DRIFT_WEEKS } from '../core/figures.ts';
import { messages } from '../core/messages.ts';
import { buildReport, practicesToCheckAllTime, reportPeriod, type Period, type Report, type ReportInput } from '../core/report.ts';
import { buildRhythm, dueItems, listeningLine, rhythmSettings, type DueItem, type Listening } from '../core/rhythm.ts';
import { buildStatus, driftingPractices, type StatusLine } from '../core/status.ts';
import type { Store } from '../store/store.ts';
import { interviewNextSteps } from '../core/interview.ts';

export interface PeriodOptions {
  since?: string | undefined;
  until?: string | undefined;
  driftWeeks?: number | undefined;
}

/** The period of a report or status from the flags, the clock and the last meeting. */
export function periodFor(store: Store, options: PeriodOptions, now: Date): Period {
  const today = toDay(now);
  const until = options.until === undefined ? today : parseDay(options.until, now, '--until', 'past');
  if (until > today) throw new ValidationError(messages.futureUntil(until), messages.futureUntilHint);
  const since =
    options.since === undefined ? undefined : isLastMeeting(options.since) ? 'last-meeting' : parseDay(options.since, now, '--since', 'past', messages.badSinceHint);
  return reportPeriod({ since, until, lastMeeting: store.report.lastMeetingOn(until), driftWeeks: options.driftWeeks ?? DEFAULT_DRIFT_WEEKS });
}

/**
 * What the report is built from: the period's rows, with the all-time evidence (up to the
 * period's end) of the few practices that look star-dependent in the period, so that a
 * quiet period is not reported as a dependency.
 */
export function reportInput(store: Store, period: Period): ReportInput {
  return store.read(() => {
    const input = store.report.input(period);
    const ids = practicesToCheckAllTime(period, input);
    if (ids.length === 0) return input;
    return { ...input, allTimeEvidence: new Map(ids.map((id) => [id, store.practices.evidence(id, undefined, period.until)])) };
  });
}

/** The report over a period (see periodFor). */
export function loadReport(store: Store, period: Period): Report {
  return buildReport(period, reportInput(store, period));
}

export interface TeamStatus {
  since: string;
  until: string;
  lastMeeting: string | null;
  stages: StatusLine[];
  listening: Listening & { figure: string; next: string };
  due: DueItem[];
}

/** The loop stages for a database with stories, over the report's default period; with the rhythm's listening line and due items. */
export function loadStatus(
  store: Store,
  now: Date,
  settings: Settings = defaultSettings(),
  extras: { assessment?: { text: string; command: string } | null } = {},
): TeamStatus {
  const period = periodFor(store, { driftWeeks: settings['report.drift_weeks'] }, now);
  const { stages, listening, due } = store.read(() => {
    const perPerson = store.report.storiesPerPerson(period);
    const active = store.report.people().filter((p) => p.active);
    const input = {
      period,
      stories: store.report.storyCount(period),
      activePeople: active.length,
      peopleWithStories: active.filter((p) => perPerson.has(p.id)).length,
      practices: store.report.practices(period.until),
      latestEvidence: store.report.latestEvidence(period.drift),
      driftWeeks: period.driftWeeks,
      proceduresDue: store.report.proceduresDue(period.until),
    };
    const rhythm = buildRhythm({ ...store.rhythm.input(period.until), settings: rhythmSettings(settings) });
    const agreed = input.practices.filter((p) => p.status === 'adopted' || p.status === 'standard');
    const overdue = new Set(rhythm.listening.overdue.map((i) => i.id));
    const open = store.interviews.list({ status: 'planned' }).filter((i) => !overdue.has(i.id));
    return {
      stages: buildStatus(input),
      listening: { ...rhythm.listening, ...listeningLine(rhythm.listening) },
      due: dueItems(rhythm, {
        candidates: input.practices.filter((p) => p.status === 'candidate').length,
        drifting: driftingPractices(input).map((p) => p.name),
        untrained: agreed.filter((p) => p.lastTrainedOn === null).map((p) => p.name),
        peopleWithoutStories: active.filter((p) => !perPerson.has(p.id)).map((p) => p.name),
        assessment: extras.assessment ?? null,
      }).concat(interviewNextSteps(open, now)),
    };
  });
  return { since: period.since, until: period.until, lastMeeting: period.lastMeeting, stages, listening, due };
}

/** Whether the team has any story yet: `svc status` shows how to start until it does. */
export function hasStories(store: Store): boolean {
  return store.report.hasStories();
}
