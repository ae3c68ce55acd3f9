import { withActionAgenda } from '../core/action.ts';
import { answerConcepts, type AnswerConcept } from '../core/answers.ts';
import type { Day } from '../core/dates.ts';
import { withPerceptionAgenda, type PracticeOutcome } from '../core/perception.ts';
import { signalTrends } from '../core/signal.ts';
import { buildReport, type InterviewRow, type Period, type Report } from '../core/report.ts';
import type { Store } from '../store/store.ts';
import { actionsForReport } from './actions.ts';
import { selfAssessmentForReport } from './assess.ts';
import { reportInput } from './report.ts';

/**
 * The report with what listening added: the team's self-assessment beside its stories
 * and customers' words (the largest gap on the agenda), and the actions being followed
 * (open ones on the agenda until done). Each is left out where the team has none. The
 * practices customers confirmed and their signals are added by loadReportWithListening.
 */
export function withListeningSections(
  store: Store,
  report: Report,
  input: { interviews: readonly InterviewRow[]; period: { since: Day; until: Day } },
  now: Date,
): Report {
  let out = report;
  const section = selfAssessmentForReport(store, { stories: report.qualities, interviews: input.interviews }, now);
  if (section) out = { ...out, selfAssessment: section, agenda: withPerceptionAgenda(out.agenda, section.perception) };
  const actions = actionsForReport(store, input.period, now);
  if (actions) out = { ...out, actions, agenda: withActionAgenda(out.agenda, actions.open) };
  return out;
}

/**
 * The practices customers confirmed in the period, and those with outcome signals (their
 * trends up to the period's end), beside their stories of the period; by name.
 */
function practiceOutcomes(store: Store, report: Report, period: { since: Day; until: Day }): PracticeOutcome[] {
  const withSignals = new Set(store.signals.practices());
  const outcomes: PracticeOutcome[] = [];
  for (const practice of store.practices.list()) {
    if (practice.status === 'retired') continue;
    const confirms = store.interviews.confirming(practice.id).filter((c) => c.heldOn >= period.since && c.heldOn <= period.until);
    const signals = withSignals.has(practice.id) ? signalTrends(store.signals.forPractice(practice.id), period.until) : [];
    if (confirms.length === 0 && signals.length === 0) continue;
    const figures = report.practices.find((p) => p.id === practice.id);
    outcomes.push({ practiceId: practice.id, practice: practice.name, stories: figures ? figures.evidence : null, confirms, signals });
  }
  return outcomes;
}

/** What an interview answer is about (answers.ts), read as stories are read. */
export type AnswerReader = (text: string) => AnswerConcept[];

/**
 * The answer reader, with the language model it needs (loaded here, ~200 ms, not at
 * start-up), when the period has answers to read; undefined when it has none.
 */
export async function answerReader(store: Store, period: { since: Day; until: Day }): Promise<AnswerReader | undefined> {
  const held = store.interviews
    .list({ status: 'done' })
    .some((i) => i.heldOn !== null && i.heldOn >= period.since && i.heldOn <= period.until && Boolean(i.learned || i.liked || i.change));
  if (!held) return undefined;
  const { tagText } = await import('../core/nlp.ts');
  return (text) => answerConcepts(text, tagText(text));
}

/**
 * The report over a period (see periodFor), with the listening sections; with a reader,
 * customers' answers are grouped by what they are about rather than by shared words.
 */
export function loadReportWithListening(store: Store, period: Period, now: Date, read?: AnswerReader): Report {
  const input = reportInput(store, period);
  const answerConcepts = read ? conceptsOfAnswers(input.interviews, read) : undefined;
  const report = withListeningSections(store, buildReport(period, { ...input, ...(answerConcepts ? { answerConcepts } : {}) }), { interviews: input.interviews, period }, now);
  const outcomes = practiceOutcomes(store, report, period);
  return outcomes.length ? { ...report, outcomes } : report;
}

function conceptsOfAnswers(rows: readonly InterviewRow[], read: AnswerReader): Map<string, AnswerConcept[]> {
  const concepts = new Map<string, AnswerConcept[]>();
  for (const row of rows) {
    for (const text of [row.learned, row.liked, row.change]) if (text && !concepts.has(text)) concepts.set(text, read(text));
  }
  return concepts;
}
