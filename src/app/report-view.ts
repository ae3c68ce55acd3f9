import type { Settings } from '../core/config.ts';
import { toDay } from '../core/dates.ts';
import type { DemoData } from '../core/demo.ts';
import type { Programme } from '../core/programme.ts';
import type { Period, Report } from '../core/report.ts';
import type { Store } from '../store/store.ts';
import { assessmentStatus } from './assess.ts';
import { loadChain } from './chain.ts';
import { seedDemo } from './demo.ts';
import { answerKeysReader } from './interview.ts';
import { periodFor, loadStatus, type PeriodOptions, type TeamStatus } from './report.ts';
import { answerReader, loadReportWithListening } from './report-sections.ts';
import { requireTeam, withinTeam } from './teams.ts';
import { loadProgramme } from './training-programme.ts';

/** What a report covers, checked before anything is indexed: the period and the team (its name as stored), if one. */
export function reportScope(store: Store, input: PeriodOptions & { team?: string | undefined }, now: Date): { period: Period; team: string | undefined } {
  const team = input.team === undefined ? undefined : requireTeam(store, input.team).name;
  return { period: periodFor(store, input, now), team };
}

/**
 * The whole report over a period: stories and figures, what listening added, the
 * training programme and the service chain; for everyone, or one team and its sub-teams.
 */
export async function loadFullReport(store: Store, input: { period: Period; team?: string | undefined }, now: Date): Promise<Report> {
  const { period, team } = input;
  const read = await answerReader(store, period);
  return withinTeam(store, team, () => ({
    ...loadReportWithListening(store, period, now, read),
    programme: loadProgramme(store, { today: period.until }),
    chain: loadChain(store, period),
    ...(team === undefined ? {} : { team }),
  }));
}

/** Where the team stands in the loop, with the self-assessment's line and the training programme; for everyone or one team. */
export function loadTeamStatus(store: Store, input: { settings: Settings; team?: string | undefined }, now: Date): { status: TeamStatus; programme: Programme } {
  const { settings } = input;
  return withinTeam(store, input.team, () => ({
    status: loadStatus(store, now, settings, { assessment: assessmentStatus(store, { intervalDays: settings['assess.interval_days'] }, now) }),
    programme: loadProgramme(store, { today: toDay(now) }),
  }));
}

/** The demo team built into an empty store, with its report and status as a team would see them. */
export async function buildDemo(
  store: Store,
  input: { data: DemoData; settings: Settings },
  now: Date,
): Promise<{ stories: number; report: Report; status: TeamStatus; programme: Programme }> {
  const { stories } = seedDemo(store, input.data, now, await answerKeysReader());
  const period = periodFor(store, {}, now);
  const report = await loadFullReport(store, { period }, now);
  const { status, programme } = loadTeamStatus(store, { settings: input.settings }, now);
  return { stories, report: { ...report, programme }, status, programme };
}
