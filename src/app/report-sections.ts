import { withActionAgenda } from '../core/action.ts';
import type { Day } from '../core/dates.ts';
import { withPerceptionAgenda } from '../core/perception.ts';
import { buildReport, type InterviewRow, type Period, type Report } from '../core/report.ts';
import type { Db } from '../store/db.ts';
import type { Store } from '../store/store.ts';
import { actionsForReport } from './actions.ts';
import { selfAssessmentForReport } from './assess.ts';

/**
 * The report with what listening added: the team's self-assessment beside its stories
 * and customers' words (the largest gap on the agenda), and the actions being followed
 * (open ones on the agenda until done). Each is left out where the team has none.
 */
export function withListeningSections(
  db: Db,
  report: Report,
  input: { interviews: readonly InterviewRow[]; period: { since: Day; until: Day } },
  now: Date,
): Report {
  let out = report;
  const section = selfAssessmentForReport(db, { stories: report.qualities, interviews: input.interviews }, now);
  if (section) out = { ...out, selfAssessment: section, agenda: withPerceptionAgenda(out.agenda, section.perception) };
  const actions = actionsForReport(db, input.period, now);
  if (actions) out = { ...out, actions, agenda: withActionAgenda(out.agenda, actions.open) };
  return out;
}

/** The report over a period (see periodFor), with the listening sections. */
export function loadReportWithListening(store: Store & { db: Db }, period: Period, now: Date): Report {
  const input = store.report.input(period);
  return withListeningSections(store.db, buildReport(period, input), { interviews: input.interviews, period }, now);
}
