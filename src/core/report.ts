/**
 * The meeting report as plain data: periods, headline figures against the previous
 * period, stories to read aloud, practices with spread, star share, trend and drift,
 * training, candidates, interviews, and a suggested agenda. Pure: rows in, view out.
 */
import { groupByConcepts, type AnswerConcept } from './answers.ts';
import type { Chain } from './chain.ts';
import { AGENDA_KINDS, type AgendaItem, type AgendaKind, type Compared, type Window } from './report-parts.ts';
export { AGENDA_KINDS, type AgendaItem, type AgendaKind, type Compared, type Window } from './report-parts.ts';
import type { Programme } from './programme.ts';
import { QUALITY_TAGS } from './phrases.ts';
import { checkPeriod, daysBetween, shiftDay, type Day } from './dates.ts';
import { ValidationError } from './errors.ts';
import {
  adoptionAfterTraining,
  change,
  isDrifting,
  isStarDependentFigures,
  spread,
  star,
  teamConsistency,
  type EvidenceItem,
} from './figures.ts';
import { messages } from './messages.ts';
import { countOf, percent } from './text.ts';
import type { PracticeStatus } from './practice.ts';
import type { ActionView } from './action.ts';
import type { PracticeOutcome, SelfAssessmentSection } from './perception.ts';
import { CHANNELS, TRIGGERS, type Channel, type CustomerKind, type Trigger } from './story.ts';

// ---- what the store hands over -------------------------------------------------------

/** A closed range of days. */

export interface StoryMixRow {
  channel: Channel | null;
  customerKind: CustomerKind;
  trigger: Trigger | null;
  stories: number;
}

export interface DayCount {
  day: Day;
  stories: number;
}

export interface PersonRecord {
  id: number;
  name: string;
  active: boolean;
}

/** A story of the period, as far as choosing the ones to read aloud needs it. */
export interface StoryCandidateRow {
  id: number;
  occurredOn: Day;
  hasImpact: boolean;
  /** Practices it is evidence of. */
  practices: number;
  personIds: number[];
}

/** A story chosen to read aloud, as rankStoriesToRead chose it. */
export interface RankedStory extends StoryCandidateRow {
  /** Credits someone who had no story in the previous period. */
  fresh: boolean;
}

/** What is read aloud of a chosen story. */
export interface StoryTextRow {
  id: number;
  title: string | null;
  text: string;
  impact: string | null;
  customerKind: CustomerKind;
}

export interface PracticeRecord {
  id: number;
  name: string;
  status: Exclude<PracticeStatus, 'retired'>;
  statusChangedAt: string;
  lastTrainedOn: Day | null;
}

export interface EvidenceRow {
  practiceId: number;
  storyId: number;
  occurredOn: Day;
  personId: number | null;
}

export interface TrainingRow {
  id: number;
  practiceId: number;
  practice: string;
  heldOn: Day;
  facilitator: string | null;
  attendees: number;
}

export interface TrainedRow {
  practiceId: number;
  personId: number;
  trainedOn: Day;
}

export interface InterviewRow {
  id: number;
  status: 'planned' | 'done' | 'declined' | 'no_reply';
  plannedOn: Day;
  heldOn: Day | null;
  learned: string | null;
  liked: string | null;
  change: string | null;
  interviewer: string | null;
}


/** Everything the report is built from, as read from the store. */
export interface ReportInput {
  people: PersonRecord[];
  mix: StoryMixRow[];
  previousMix: StoryMixRow[];
  /** Stories per day over the trend window. */
  perDay: DayCount[];
  perPerson: Map<number, number>;
  previousPerPerson: Map<number, number>;
  /** The stories to read aloud, chosen by rankStoriesToRead, with their text. */
  storiesToRead: Array<RankedStory & StoryTextRow>;
  practices: PracticeRecord[];
  /** Evidence over the trend window. */
  evidence: EvidenceRow[];
  /** Latest evidence per practice inside the drift window. */
  latestEvidence: Map<number, Day>;
  candidateStories: Map<number, number>;
  trainings: TrainingRow[];
  trained: TrainedRow[];
  qualities: Map<string, number>;
  interviews: InterviewRow[];
  /**
   * What each interview answer is about (answers.ts), by its text: answers are then
   * grouped as stories are read, not by shared words. Without it, by shared words.
   */
  answerConcepts?: ReadonlyMap<string, readonly AnswerConcept[]>;
  /**
   * All the evidence up to the period's end of the practices that look star-dependent in
   * the period (practicesToCheckAllTime), by practice id: a risk is raised only when the
   * practice rests on one person over all time too. Without it, the period alone decides.
   */
  allTimeEvidence?: ReadonlyMap<number, readonly EvidenceItem[]>;
}

// ---- periods -------------------------------------------------------------------------

/** How many days the report covers when there is no meeting to start from. */
export const DEFAULT_PERIOD_DAYS = 30;
/** The shortest weekly trend shown, so a short period still shows a shape. */
export const MIN_TREND_WEEKS = 8;
/** At most five years of weekly trend, however long the period: one row per week beyond that helps nobody. */
export const MAX_TREND_WEEKS = 260;

export type PeriodBasis = 'last-meeting' | 'default' | 'given';

export interface Period extends Window {
  days: number;
  basis: PeriodBasis;
  lastMeeting: Day | null;
  previous: Window;
  /** The weeks the trends cover: MIN_TREND_WEEKS to MAX_TREND_WEEKS, ending on `until`, one of them starting on `since` (trendWindows). */
  trend: Window;
  weeks: Window[];
  /** Drift looks back this far from `until`. */
  drift: Window;
  driftWeeks: number;
}

/**
 * The report's period: from --since (a day, or "last-meeting"), else from the last
 * meeting, else the last 30 days; up to --until or today. The previous period has the
 * same length and ends the day before.
 */
export function reportPeriod(options: {
  since?: Day | 'last-meeting' | undefined;
  until: Day;
  lastMeeting: Day | null;
  driftWeeks: number;
}): Period {
  const { until, lastMeeting, driftWeeks } = options;
  let since: Day;
  let basis: PeriodBasis;
  // A period after a meeting starts on the meeting's own day: stories carry a day, not an
  // hour, so this keeps those told after the meeting that day (that day's earlier ones show again).
  if (options.since === 'last-meeting') {
    if (!lastMeeting) throw new ValidationError(messages.noMeetingYet, messages.noMeetingYetHint);
    [since, basis] = [lastMeeting, 'last-meeting'];
  } else if (options.since !== undefined) {
    [since, basis] = [options.since, 'given'];
  } else if (lastMeeting) {
    [since, basis] = [lastMeeting, 'last-meeting'];
  } else {
    [since, basis] = [shiftDay(until, -(DEFAULT_PERIOD_DAYS - 1)), 'default'];
  }
  checkPeriod(since, until);
  const days = daysBetween(since, until) + 1;
  const previousUntil = shiftDay(since, -1);
  const trendWeeks = Math.min(MAX_TREND_WEEKS, Math.max(MIN_TREND_WEEKS, Math.ceil(days / 7)));
  const weeks = trendWindows({ since, until }, trendWeeks);
  return {
    since,
    until,
    days,
    basis,
    lastMeeting,
    previous: { since: shiftDay(previousUntil, -(days - 1)), until: previousUntil },
    trend: { since: weeks[0]?.since ?? since, until },
    weeks,
    drift: driftWindow(until, driftWeeks),
    driftWeeks,
  };
}

/** The weeks a standard practice's latest evidence is looked for in, ending on `until`. */
export function driftWindow(until: Day, driftWeeks: number): Window {
  return { since: shiftDay(until, -(driftWeeks * 7 - 1)), until };
}

/**
 * Whether a practice drifts: a standard with no evidence in the drift window, counted
 * from the later of its latest evidence and its becoming standard. The one rule the
 * report and the playbook share; `latestEvidence` holds the latest day inside driftWindow.
 */
export function practiceDrifts(
  practice: Pick<PracticeRecord, 'id' | 'status' | 'statusChangedAt'>,
  latestEvidence: ReadonlyMap<number, Day>,
  until: Day,
  driftWeeks: number,
): boolean {
  return practice.status === 'standard' && isDrifting(latestEvidence.get(practice.id) ?? null, practice.statusChangedAt.slice(0, 10), until, driftWeeks);
}

/**
 * `count` weeks ending on the period's end, oldest first, cut where the period starts: the
 * period's weeks count back from `until` (the first may be shorter, starting on `since`),
 * the earlier ones are whole weeks before `since`. So no week straddles the period's start,
 * and the period's weeks add up to its figures.
 */
export function trendWindows(period: Window, count: number): Window[] {
  const weeks: Window[] = [];
  for (let end = period.until; end >= period.since && weeks.length < count; end = shiftDay(end, -7)) {
    const start = shiftDay(end, -6);
    weeks.unshift({ since: start < period.since ? period.since : start, until: end });
  }
  for (let end = shiftDay(period.since, -1); weeks.length < count; end = shiftDay(end, -7)) weeks.unshift({ since: shiftDay(end, -6), until: end });
  return weeks;
}

/** Counts per week from dated counts. */
export function perWeek(weeks: readonly Window[], dated: Iterable<{ day: Day; count: number }>): number[] {
  const counts = weeks.map(() => 0);
  for (const { day, count } of dated) {
    const index = weeks.findIndex((week) => day >= week.since && day <= week.until);
    if (index >= 0) counts[index] = (counts[index] ?? 0) + count;
  }
  return counts;
}

// ---- the view ------------------------------------------------------------------------

export interface StoryToRead {
  id: number;
  title: string | null;
  text: string;
  occurredOn: Day;
  people: string[];
  impact: string | null;
  customerKind: CustomerKind;
  practices: number;
  /** Why it was chosen, in words. */
  why: string;
}

/** A practice's figures over all its evidence up to the period's end: those `svc practices` shows. */
export interface AllTimeFigures {
  evidence: number;
  spread: number;
  starShare: number;
  star: { person: string; share: number } | null;
  starDependent: boolean;
}

export interface PracticeFigures {
  id: number;
  name: string;
  status: 'adopted' | 'standard';
  /** Evidence stories, spread, star share and star of this period only. */
  evidence: number;
  spread: number;
  starShare: number;
  star: { person: string; share: number } | null;
  /**
   * It rests on one person: in this period, and over all time as well (a quiet period in
   * which one person happened to show it is not a dependency).
   */
  starDependent: boolean;
  /** The all-time figures, read for the practices that look star-dependent in the period; null for the others. */
  allTime: AllTimeFigures | null;
  /** Evidence per week over period.weeks. */
  weekly: number[];
  drifting: boolean;
  lastTrainedOn: Day | null;
}

export interface AnswerGroup {
  /** The words the answers share (or the whole answer when it stands alone). */
  key: string;
  count: number;
  answers: string[];
}

export interface InterviewerCompletion {
  interviewer: string;
  done: number;
  declined: number;
  planned: number;
  /** Done over all assigned; 0 when none. */
  completion: number;
}


/** The qualities the report counts: the one vocabulary of detect and tags, as tag names. */
export const ATTRIBUTES = QUALITY_TAGS;

export interface Report {
  period: Period;
  headline: {
    stories: Compared;
    peopleWithStories: Compared;
    activePeople: number;
    consistency: { current: number; previous: number };
    internal: Compared;
    external: Compared;
    channels: Array<Compared & { channel: Channel | 'unknown' }>;
  };
  storiesToRead: StoryToRead[];
  peopleWithoutStories: string[];
  triggers: Array<Compared & { trigger: Trigger | 'unknown'; share: number; previousShare: number }>;
  storiesPerWeek: number[];
  /** By name, not by count: the report shows who is in the picture, not a leaderboard. */
  storiesPerPerson: Array<{ person: string; stories: number }>;
  practices: PracticeFigures[];
  drifting: string[];
  /** The practices that rest on one person, with their all-time star, share and spread (those every other command shows). */
  starDependent: Array<{ practice: string; star: string | null; share: number; spread: number }>;
  qualities: Array<{ attribute: string; stories: number }>;
  training: {
    sessions: Array<{ id: number; practice: string; heldOn: Day; facilitator: string | null; attendees: number }>;
    adoption: Array<{ practice: string; trained: number; adopted: number; rate: number }>;
    untrainedWithEvidence: Array<{ practice: string; people: string[] }>;
  };
  candidates: Array<{ id: number; name: string; stories: number }>;
  interviews: {
    done: number;
    declined: number;
    planned: number;
    learned: Array<{ answer: string; count: number }>;
    liked: AnswerGroup[];
    change: AnswerGroup[];
    interviewers: InterviewerCompletion[];
  };
  agenda: AgendaItem[];
  /** The team's view of itself beside stories and customers (src/core/perception.ts); absent where not loaded. */
  selfAssessment?: SelfAssessmentSection;
  /** Practices customers confirmed in the period, and the trends of the signals kept about them (perception.ts); absent when there are none. */
  outcomes?: PracticeOutcome[];
  /** Actions open now and done in the period (src/core/action.ts); absent where not loaded. */
  actions?: { open: ActionView[]; doneInPeriod: ActionView[] };
  /** Training assignments and procedures not yet read, as of the period's end (set by the report's use case). */
  programme?: Programme;
  /** Who serves whom inside the team in the period (set by the report's use case). */
  chain?: Chain;
  /** The team the report is narrowed to (its people, its sub-teams', their stories), if any. */
  team?: string;
}

function compared(current: number, previous: number): Compared {
  return { current, previous, ...change(current, previous) };
}

function sumBy<T>(rows: readonly T[], pick: (row: T) => boolean, count: (row: T) => number): number {
  return rows.reduce((total, row) => (pick(row) ? total + count(row) : total), 0);
}

/** Builds the report from what the store read for the period. */
export function buildReport(period: Period, input: ReportInput): Report {
  const names = new Map(input.people.map((p) => [p.id, p.name]));
  const nameOf = (id: number) => names.get(id) ?? `#${id}`;
  const active = input.people.filter((p) => p.active);
  const countOf = (rows: readonly StoryMixRow[], pick: (row: StoryMixRow) => boolean) => sumBy(rows, pick, (r) => r.stories);
  const total = countOf(input.mix, () => true);
  const previousTotal = countOf(input.previousMix, () => true);
  const activeWith = (perPerson: Map<number, number>) => active.filter((p) => (perPerson.get(p.id) ?? 0) > 0).length;

  const channels = [...CHANNELS, 'unknown' as const]
    .map((channel) => {
      const pick = (r: StoryMixRow) => (r.channel ?? 'unknown') === channel;
      return { channel, ...compared(countOf(input.mix, pick), countOf(input.previousMix, pick)) };
    })
    .filter((c) => c.current > 0 || c.previous > 0);

  const triggers = [...TRIGGERS, 'unknown' as const].map((trigger) => {
    const pick = (r: StoryMixRow) => (r.trigger ?? 'unknown') === trigger;
    const current = countOf(input.mix, pick);
    const previous = countOf(input.previousMix, pick);
    return {
      trigger,
      ...compared(current, previous),
      share: total === 0 ? 0 : current / total,
      previousShare: previousTotal === 0 ? 0 : previous / previousTotal,
    };
  });

  const practices = practiceFigures(period, input, nameOf);
  const trainedBy = new Map<number, Set<number>>();
  for (const row of input.trained) {
    const set = trainedBy.get(row.practiceId) ?? new Set<number>();
    set.add(row.personId);
    trainedBy.set(row.practiceId, set);
  }

  const report: Report = {
    period,
    headline: {
      stories: compared(total, previousTotal),
      peopleWithStories: compared(input.perPerson.size, input.previousPerPerson.size),
      activePeople: active.length,
      consistency: {
        current: teamConsistency(active.length, activeWith(input.perPerson)),
        previous: teamConsistency(active.length, activeWith(input.previousPerPerson)),
      },
      internal: compared(
        countOf(input.mix, (r) => r.customerKind === 'internal'),
        countOf(input.previousMix, (r) => r.customerKind === 'internal'),
      ),
      external: compared(
        countOf(input.mix, (r) => r.customerKind === 'external'),
        countOf(input.previousMix, (r) => r.customerKind === 'external'),
      ),
      channels,
    },
    storiesToRead: storiesToReadOf(input, nameOf),
    peopleWithoutStories: active.filter((p) => !input.perPerson.has(p.id)).map((p) => p.name),
    triggers,
    storiesPerWeek: perWeek(period.weeks, input.perDay.map((d) => ({ day: d.day, count: d.stories }))),
    storiesPerPerson: input.people
      .filter((p) => p.active || input.perPerson.has(p.id))
      .map((p) => ({ person: p.name, stories: input.perPerson.get(p.id) ?? 0 })),
    practices,
    drifting: practices.filter((p) => p.drifting).map((p) => p.name),
    starDependent: practices
      .filter((p) => p.starDependent && p.evidence > 0)
      .map((p) => {
        const figures = p.allTime ?? p;
        return { practice: p.name, star: figures.star?.person ?? null, share: figures.starShare, spread: figures.spread };
      }),
    qualities: ATTRIBUTES.map((attribute) => ({ attribute, stories: input.qualities.get(attribute) ?? 0 })),
    training: {
      sessions: input.trainings.map(({ practiceId: _, ...session }) => session),
      adoption: adoptionByPractice(period, input, nameOf),
      untrainedWithEvidence: practices
        .map((p) => ({
          practice: p.name,
          people: peopleWithEvidence(period, input, p.id)
            .filter((id) => !trainedBy.get(p.id)?.has(id))
            .map(nameOf)
            .sort(),
        }))
        .filter((row) => row.people.length > 0),
    },
    candidates: input.practices
      .filter((p) => p.status === 'candidate')
      .map((p) => ({ id: p.id, name: p.name, stories: input.candidateStories.get(p.id) ?? 0 }))
      .sort((a, b) => b.stories - a.stories || a.name.localeCompare(b.name)),
    interviews: interviewSection(input.interviews, period, input.answerConcepts),
    agenda: [],
  };
  report.agenda = deriveAgenda(report);
  return report;
}

function evidenceItems(rows: readonly EvidenceRow[], nameOf: (id: number) => string): EvidenceItem[] {
  const byStory = new Map<number, EvidenceItem>();
  for (const row of rows) {
    let item = byStory.get(row.storyId);
    if (!item) byStory.set(row.storyId, (item = { storyId: row.storyId, occurredOn: row.occurredOn, people: [] }));
    if (row.personId !== null) item.people.push(nameOf(row.personId));
  }
  return [...byStory.values()];
}

function inPeriod(period: Window, day: Day): boolean {
  return day >= period.since && day <= period.until;
}

function peopleWithEvidence(period: Period, input: ReportInput, practiceId: number): number[] {
  const ids = new Set<number>();
  for (const row of input.evidence) {
    if (row.practiceId === practiceId && row.personId !== null && inPeriod(period, row.occurredOn)) ids.add(row.personId);
  }
  return [...ids];
}

/**
 * The practices whose evidence in the period rests on one person: the ones whose all-time
 * evidence the report needs (ReportInput.allTimeEvidence) before it names a risk. Reading
 * all-time evidence for these few only keeps the report windowed (DESIGN.md, Performance).
 */
export function practicesToCheckAllTime(period: Period, input: ReportInput): number[] {
  const names = new Map(input.people.map((p) => [p.id, p.name]));
  return practiceFigures(period, input, (id) => names.get(id) ?? `#${id}`)
    .filter((p) => p.starDependent && p.evidence > 0)
    .map((p) => p.id);
}

function allTimeFigures(evidence: readonly EvidenceItem[]): AllTimeFigures {
  const top = star(evidence);
  const spreadValue = spread(evidence);
  const share = top?.share ?? 0;
  return { evidence: evidence.length, spread: spreadValue, starShare: share, star: top ?? null, starDependent: isStarDependentFigures(spreadValue, share) };
}

function practiceFigures(period: Period, input: ReportInput, nameOf: (id: number) => string): PracticeFigures[] {
  const figures: PracticeFigures[] = [];
  for (const practice of input.practices) {
    if (practice.status === 'candidate') continue;
    const rows = input.evidence.filter((row) => row.practiceId === practice.id);
    const all = evidenceItems(rows, nameOf);
    const current = all.filter((item) => inPeriod(period, item.occurredOn));
    const top = star(current);
    const spreadValue = spread(current);
    const share = top?.share ?? 0;
    const allTimeEvidence = input.allTimeEvidence?.get(practice.id);
    const allTime = allTimeEvidence ? allTimeFigures(allTimeEvidence) : null;
    figures.push({
      id: practice.id,
      name: practice.name,
      status: practice.status,
      evidence: current.length,
      spread: spreadValue,
      starShare: share,
      star: top ?? null,
      starDependent: isStarDependentFigures(spreadValue, share) && (allTime?.starDependent ?? true),
      allTime,
      weekly: perWeek(period.weeks, all.map((item) => ({ day: item.occurredOn, count: 1 }))),
      drifting: practiceDrifts(practice, input.latestEvidence, period.until, period.driftWeeks),
      lastTrainedOn: practice.lastTrainedOn,
    });
  }
  return figures;
}

/**
 * Adoption after training per practice, judged on the evidence of the trend window (the
 * last eight weeks or more): are the people trained showing it now?
 */
function adoptionByPractice(period: Period, input: ReportInput, nameOf: (id: number) => string): Report['training']['adoption'] {
  const byPractice = new Map<number, TrainedRow[]>();
  for (const row of input.trained) byPractice.set(row.practiceId, [...(byPractice.get(row.practiceId) ?? []), row]);
  const rows: Report['training']['adoption'] = [];
  for (const practice of input.practices) {
    const trained = byPractice.get(practice.id);
    if (!trained) continue;
    const evidence = evidenceItems(input.evidence.filter((row) => row.practiceId === practice.id && inPeriod(period.trend, row.occurredOn)), nameOf);
    const result = adoptionAfterTraining(
      trained.map((t) => ({ person: nameOf(t.personId), trainedOn: t.trainedOn })),
      evidence,
    );
    if (result) rows.push({ practice: practice.name, ...result });
  }
  return rows;
}

/** How many stories to read aloud. */
export const STORIES_TO_READ = 3;

/**
 * The stories to read aloud, best first: with an impact, showing practices, and biased
 * towards people who were not in the previous period's stories, never the same person
 * twice. No leaderboard: the point is to hear from more of the team. The one ranking:
 * the store fetches every story of the period as a candidate, unranked.
 */
export function rankStoriesToRead(input: {
  storyCandidates: readonly StoryCandidateRow[];
  perPerson: ReadonlyMap<number, number>;
  previousPerPerson: ReadonlyMap<number, number>;
}): RankedStory[] {
  const scored = input.storyCandidates.map((story) => {
    const fresh = story.personIds.some((id) => !input.previousPerPerson.has(id));
    const most = Math.max(0, ...story.personIds.map((id) => input.perPerson.get(id) ?? 0));
    const score = (story.hasImpact ? 1 : 0) + Math.min(story.practices, 3) + (fresh ? 2 : 0) - most / 10;
    return { story, fresh, score };
  });
  scored.sort((a, b) => b.score - a.score || b.story.occurredOn.localeCompare(a.story.occurredOn) || b.story.id - a.story.id);
  const chosen: RankedStory[] = [];
  const featured = new Set<number>();
  for (const { story, fresh } of scored) {
    if (chosen.length === STORIES_TO_READ) break;
    if (story.personIds.some((id) => featured.has(id))) continue;
    story.personIds.forEach((id) => featured.add(id));
    chosen.push({ ...story, fresh });
  }
  return chosen;
}

/** The chosen stories as the report shows them: names, and why each was chosen, in words. */
export function storiesToReadOf(input: Pick<ReportInput, 'storiesToRead'>, nameOf: (id: number) => string): StoryToRead[] {
  return input.storiesToRead.map((story) => {
    const why = [
      story.impact ? 'made a difference' : '',
      story.practices > 0 ? `shows ${countOf(story.practices, 'practice', 'practices')}` : '',
      story.fresh && story.personIds.length > 0 ? 'not featured last period' : '',
    ].filter(Boolean);
    return {
      id: story.id,
      title: story.title,
      text: story.text,
      occurredOn: story.occurredOn,
      people: story.personIds.map(nameOf).sort(),
      impact: story.impact,
      customerKind: story.customerKind,
      practices: story.practices,
      why: why.join(', ') || 'a recent story',
    };
  });
}

// ---- interviews ----------------------------------------------------------------------

const STOP_WORDS = new Set(
  ('a an and are as at be been but by can could do for from had has have i if in is it its just me more my ' +
    'no not of on one or our so some that the their them there they thing things this to too very was we were ' +
    'what when which who will with would you your really always much make like get more most lot').split(' '),
);

/** The words that carry meaning in an answer: lower-case, no stop words, plurals folded. */
export function answerWords(answer: string): string[] {
  const words = answer
    .normalize('NFC')
    .toLocaleLowerCase('en-US')
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return [...new Set(words)];
}

/**
 * Groups free-text answers where they repeat: each answer joins the group of its
 * meaningful word that most answers share (ties: alphabetical); an answer sharing no
 * word stands alone. Largest groups first.
 */
export function groupAnswers(answers: readonly string[]): AnswerGroup[] {
  const cleaned = answers.map((a) => a.trim()).filter(Boolean);
  const wordsOf = cleaned.map(answerWords);
  const frequency = new Map<string, number>();
  for (const words of wordsOf) for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const groups = new Map<string, AnswerGroup>();
  cleaned.forEach((answer, i) => {
    const shared = (wordsOf[i] ?? [])
      .filter((w) => (frequency.get(w) ?? 0) >= 2)
      .sort((a, b) => (frequency.get(b) ?? 0) - (frequency.get(a) ?? 0) || a.localeCompare(b));
    const key = shared[0] ?? answer;
    const group = groups.get(key) ?? { key, count: 0, answers: [] };
    group.count++;
    group.answers.push(answer);
    groups.set(key, group);
  });
  // A group's key is every word its answers share ("call back"), not just the first.
  for (const group of groups.values()) if (group.count >= 2) group.key = sharedAnswerWords(group.answers);
  return [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The meaningful words every answer holds, in the first answer's order. */
export function sharedAnswerWords(answers: readonly string[]): string {
  const sets = answers.map((a) => new Set(answerWords(a)));
  return answerWords(answers[0] ?? '').filter((w) => sets.every((set) => set.has(w))).join(' ');
}

/** Identical answers (ignoring case, punctuation and filler words) counted together. */
export function countAnswers(answers: readonly string[]): Array<{ answer: string; count: number }> {
  const byKey = new Map<string, { answer: string; count: number }>();
  for (const raw of answers) {
    const answer = raw.trim();
    if (!answer) continue;
    const key = answerWords(answer).sort().join(' ') || answer.toLocaleLowerCase('en-US');
    const entry = byKey.get(key) ?? { answer, count: 0 };
    entry.count++;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.answer.localeCompare(b.answer));
}

/** The unassigned interviewer's label. */
export const NO_INTERVIEWER = '(no interviewer)';

function interviewSection(rows: readonly InterviewRow[], period: Window, concepts?: ReadonlyMap<string, readonly AnswerConcept[]>): Report['interviews'] {
  const held = rows.filter((r) => r.status === 'done' && r.heldOn !== null && inPeriod(period, r.heldOn));
  const answers = (pick: (r: InterviewRow) => string | null) => held.map(pick).filter((a): a is string => Boolean(a?.trim()));
  const grouped = (texts: readonly string[]) => groupByConcepts(texts.map((text) => ({ text: text.trim(), concepts: concepts?.get(text) ?? [] })), sharedAnswerWords);
  // How they heard of us: each group under its shortest answer ("a friend", not "a friend recommended you").
  const counted = (texts: readonly string[]) =>
    grouped(texts)
      .map((g) => ({ answer: g.answers.reduce((a, b) => (b.length < a.length ? b : a)), count: g.count }))
      .sort((a, b) => b.count - a.count || a.answer.localeCompare(b.answer));
  const byInterviewer = new Map<string, InterviewerCompletion>();
  for (const row of rows) {
    const interviewer = row.interviewer ?? NO_INTERVIEWER;
    const entry = byInterviewer.get(interviewer) ?? { interviewer, done: 0, declined: 0, planned: 0, completion: 0 };
    // A call nobody answered counts against completion as a declined one does.
    entry[row.status === 'no_reply' ? 'declined' : row.status]++;
    byInterviewer.set(interviewer, entry);
  }
  const interviewers = [...byInterviewer.values()]
    .map((e) => ({ ...e, completion: e.done / (e.done + e.declined + e.planned) }))
    .sort((a, b) => a.interviewer.localeCompare(b.interviewer));
  return {
    done: held.length,
    declined: rows.filter((r) => r.status === 'declined' || r.status === 'no_reply').length,
    planned: rows.filter((r) => r.status === 'planned').length,
    learned: concepts ? counted(answers((r) => r.learned)) : countAnswers(answers((r) => r.learned)),
    liked: concepts ? grouped(answers((r) => r.liked)) : groupAnswers(answers((r) => r.liked)),
    change: concepts ? grouped(answers((r) => r.change)) : groupAnswers(answers((r) => r.change)),
    interviewers,
  };
}

// ---- agenda --------------------------------------------------------------------------

/** What a quiet period's meeting can still do. */
const FALLBACK_AGENDA = [
  'Ask everyone to add one story this week: svc story add.',
  'Pick three customers to call before the next meeting: svc interview pick.',
  'Agree which practice you would teach a new colleague first.',
];

/** Share of recoveries above which the report asks about the failures behind them. */
export const RECOVERY_ALERT_SHARE = 0.5;

/**
 * Three to five agenda items derived from the report: celebrate a story, retrain on a
 * drifting standard, spread a star's habit, decide on a candidate, look for the quiet
 * people's stories, discuss what customers would change.
 */
export function deriveAgenda(report: Omit<Report, 'agenda'>): AgendaItem[] {
  const items: AgendaItem[] = [];
  const first = report.storiesToRead[0];
  if (first) {
    const who = first.people.length ? first.people.join(' and ') : 'the team';
    items.push({ kind: 'celebrate', text: `Celebrate ${who}: read story #${first.id} aloud and ask what made it work.` });
  }
  for (const name of report.drifting.slice(0, 1)) {
    items.push({ kind: 'retrain', text: `Retrain on "${name}": no evidence for ${report.period.driftWeeks} weeks.` });
  }
  for (const risk of report.starDependent.slice(0, 1)) {
    const who = risk.star ? `${risk.star} holds ${percent(risk.share)} of it` : `only ${risk.spread} person shows it`;
    items.push({ kind: 'spread', text: `Spread "${risk.practice}" beyond one person (${who}): pair a colleague with them.` });
  }
  const candidate = report.candidates[0];
  if (candidate) {
    const more = report.candidates.length > 1 ? ` (and ${report.candidates.length - 1} more)` : '';
    items.push({ kind: 'decide', text: `Decide on candidate "${candidate.name}"${more}: adopt it or let it go.` });
  }
  const change = report.interviews.change[0];
  if (change) {
    items.push({ kind: 'listen', text: `Discuss what customers would change: "${change.answers[0] ?? change.key}" (${change.count}×).` });
  }
  const recovery = report.triggers.find((t) => t.trigger === 'recovery');
  if (recovery && report.headline.stories.current >= 4 && recovery.share > RECOVERY_ALERT_SHARE) {
    items.push({ kind: 'recoveries', text: 'Most great stories were recoveries: look at the failures behind them.' });
  }
  if (report.peopleWithoutStories.length > 0) {
    const names = report.peopleWithoutStories.slice(0, 3).join(', ');
    const more = report.peopleWithoutStories.length > 3 ? ` and ${report.peopleWithoutStories.length - 3} more` : '';
    items.push({ kind: 'look-for-stories', text: `Look for the stories of ${names}${more}: ask who saw them at their best.` });
  }
  for (const text of FALLBACK_AGENDA) {
    if (items.length >= 3) break;
    items.push({ kind: 'collect', text });
  }
  return items.slice(0, 5);
}
