/**
 * Perception beside performance (seed 004: "maybe we just think we're fantastic"): for
 * each quality attribute, what the team says of itself (its self-assessment), what staff
 * stories show, and what customers said in interviews, in the one vocabulary of
 * qualities that tags, detect and the report use. The gaps are named in plain words.
 */
import { attributeMeans, type AssessmentView, type RoundFigures } from './assess.ts';
import type { Day } from './dates.ts';
import { QUALITY_ATTRIBUTES, QUALITY_ORDER, type QualityAttribute } from './phrases.ts';
import type { PracticeConfirmation } from './interview.ts';
import type { SignalTrend } from './signal.ts';
import type { AgendaItem } from './report-parts.ts';

export interface PerceptionRow {
  attribute: QualityAttribute;
  /** The team's own mean rating (1–5) in its latest round with enough answers; null when none. */
  rating: number | null;
  /** The round that rating comes from. */
  ratedOn: Day | null;
  /** Stories of the period that show the attribute. */
  stories: number;
  /** Interviews held in the period whose answers mention it. */
  mentions: number;
}

export interface Perception {
  /** Interviews held in the period: what "mentioned in N calls" counts against. */
  calls: number;
  attributes: PerceptionRow[];
  /** The gaps between the three views, in plain words, largest first. */
  gaps: string[];
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const MENTIONS = QUALITY_ORDER.map((attribute) => ({
  attribute,
  pattern: new RegExp(`(?:^|[^\\p{L}])(?:${QUALITY_ATTRIBUTES[attribute].map(escape).join('|')})(?![\\p{L}])`, 'iu'),
}));

/** The attributes a customer's words name, by the vocabulary's words ("so patient" → empathy). */
export function attributesMentioned(text: string): QualityAttribute[] {
  return MENTIONS.filter((m) => m.pattern.test(text)).map((m) => m.attribute);
}

/** "did not mention it", "mentioned it once", "twice", "3 times". */
function mentioned(n: number): string {
  return n === 0 ? 'did not mention it' : `mentioned it ${n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`}`;
}

/** A rating at or above this is the team saying "we do this well". */
export const HIGH_RATING = 4;
/** A rating at or below this is the team saying "we do this poorly". */
export const LOW_RATING = 3;

/** Where the team's view and the evidence part ways, in plain words. */
function gapsOf(rows: readonly PerceptionRow[], calls: number): Array<{ size: number; text: string }> {
  const gaps: Array<{ size: number; text: string }> = [];
  for (const row of rows) {
    if (row.rating === null) continue;
    const rated = `We rate ${row.attribute} ${row.rating.toFixed(1)}`;
    if (row.rating >= HIGH_RATING && calls >= 3 && row.mentions * 4 <= calls) {
      gaps.push({ size: row.rating - (5 * row.mentions) / calls, text: `${rated}; customers ${mentioned(row.mentions)} in ${calls} calls.` });
    } else if (row.rating >= HIGH_RATING && row.stories === 0) {
      gaps.push({ size: row.rating - 1, text: `${rated}, but no story this period shows it.` });
    } else if (row.rating <= LOW_RATING && calls >= 3 && row.mentions * 2 >= calls) {
      gaps.push({ size: (5 * row.mentions) / calls - row.rating, text: `${rated}, yet customers mentioned it in ${row.mentions} of ${calls} calls: we may be harder on ourselves than they are.` });
    }
  }
  return gaps.sort((a, b) => b.size - a.size);
}

/** Each attribute's three views: the team's rating, the stories that show it, and how many customers' answers mention it. */
function attributeViews(
  assessment: AssessmentView,
  stories: ReadonlyArray<{ attribute: string; stories: number }>,
  mentioned: ReadonlyArray<ReadonlySet<string>>,
): PerceptionRow[] {
  const means = attributeMeans(assessment);
  return QUALITY_ORDER.map((attribute) => ({
    attribute,
    rating: means.get(attribute)?.mean ?? null,
    ratedOn: means.get(attribute)?.openedOn ?? null,
    stories: stories.find((s) => s.attribute.replace(/-/gu, ' ') === attribute)?.stories ?? 0,
    mentions: mentioned.filter((set) => set.has(attribute)).length,
  }));
}

/** The three views of each attribute, and the gaps between them. */
export function buildPerception(input: {
  assessment: AssessmentView;
  /** Stories per attribute in the period, by attribute or tag name ("clear-head"). */
  stories: ReadonlyArray<{ attribute: string; stories: number }>;
  /** Answers of each interview held in the period. */
  interviews: ReadonlyArray<ReadonlyArray<string | null>>;
}): Perception {
  const mentioned = input.interviews.map((answers) => new Set(answers.flatMap((a) => (a ? attributesMentioned(a) : []))));
  const attributes = attributeViews(input.assessment, input.stories, mentioned);
  return { calls: input.interviews.length, attributes, gaps: gapsOf(attributes, input.interviews.length).map((g) => g.text) };
}

/** The report's self-assessment section: the latest round with figures to show, and the three views. */
export interface SelfAssessmentSection {
  /** The latest closed round with at least one question's mean shown; null when none yet. */
  round: RoundFigures | null;
  minAnswering: number;
  perception: Perception;
}

/** The section from the team view and the period's evidence. */
export function buildSelfAssessmentSection(input: Parameters<typeof buildPerception>[0]): SelfAssessmentSection {
  const round = input.assessment.rounds.find((r) => r.questions.some((q) => q.mean !== null)) ?? null;
  return { round, minAnswering: input.assessment.minAnswering, perception: buildPerception(input) };
}

/**
 * The agenda with the largest gap between perception and performance in it, after the
 * first item; a generic "collect" item makes room first, and there are never more than five.
 */
export function withPerceptionAgenda(agenda: readonly AgendaItem[], perception: Perception): AgendaItem[] {
  const gap = perception.gaps[0];
  if (!gap) return [...agenda];
  const items: AgendaItem[] = [...agenda];
  const generic = items.findIndex((item) => item.kind === 'collect');
  if (generic >= 0) items.splice(generic, 1);
  items.splice(Math.min(1, items.length), 0, { kind: 'perception', text: `${gap} Talk about why.` });
  return items.slice(0, 5);
}

/** The three views of one practice, for `svc practice show`. */
export interface PracticePerception {
  /** Team figures show only from this many answers, in a closed round. */
  minAnswering: number;
  /** Interviews held in all: what "confirmed in N calls" counts against. */
  calls: number;
  /**
   * The attributes the practice is about, as its stories show them or the customers who
   * confirmed it name them: the team's own rating (null while hidden), the evidence
   * stories that show it, and the confirming answers that name it.
   */
  attributes: PerceptionRow[];
  /** The held interviews whose answers confirm the practice, latest first. */
  confirms: PracticeConfirmation[];
}

/** What the team says, what its stories show and what customers confirmed, for one practice. */
export function buildPracticePerception(input: {
  assessment: AssessmentView;
  /** The practice's evidence stories per attribute (as the report counts them). */
  stories: ReadonlyArray<{ attribute: string; stories: number }>;
  confirms: readonly PracticeConfirmation[];
  calls: number;
}): PracticePerception {
  const mentioned = input.confirms.map((c) => new Set(c.answer ? attributesMentioned(c.answer) : []));
  const attributes = attributeViews(input.assessment, input.stories, mentioned).filter((row) => row.stories > 0 || row.mentions > 0);
  return { minAnswering: input.assessment.minAnswering, calls: input.calls, attributes, confirms: [...input.confirms] };
}

/**
 * One practice in the report's "customers confirmed, figures say" section: its stories
 * in the period beside the customers who confirmed it in the period and the trends of
 * the signals about it. Only practices with a confirmation or a signal appear.
 */
export interface PracticeOutcome {
  practiceId: number;
  practice: string;
  /** Its evidence stories in the period (adopted and standard practices; null for others). */
  stories: number | null;
  confirms: PracticeConfirmation[];
  signals: SignalTrend[];
}
