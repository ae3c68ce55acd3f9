/**
 * Where the team stands in the loop: one line per stage with its key figure and the
 * next command to run. Pure: counts in, lines out.
 */
import type { Day } from './dates.ts';
import { isDrifting } from './figures.ts';
import { countOf as plural } from './text.ts';
import type { PracticeRecord, Window } from './report.ts';

/** Lists the practices the team has not agreed on yet (svc detect --review is for detect's own suggestions). */
export const NOT_AGREED_COMMAND = 'svc practices --status candidate';

export const STAGES = ['collect', 'detect', 'train', 'incorporate', 'monitor'] as const;
export type Stage = (typeof STAGES)[number];

export interface StatusLine {
  stage: Stage;
  figure: string;
  next: string;
}

export interface StatusInput {
  period: Window & { lastMeeting: Day | null };
  stories: number;
  activePeople: number;
  peopleWithStories: number;
  practices: PracticeRecord[];
  /** Latest evidence per practice inside the drift window. */
  latestEvidence: Map<number, Day>;
  driftWeeks: number;
  /** Standard practices whose procedure is due for review. */
  proceduresDue: string[];
}

/** Quotes a practice name for a command line. */
export function shellQuote(text: string): string {
  return /^[\w.-]+$/u.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Standard practices with no new evidence for the drift window. */
export function driftingPractices(input: Pick<StatusInput, 'period' | 'practices' | 'latestEvidence' | 'driftWeeks'>): PracticeRecord[] {
  return input.practices.filter(
    (p) =>
      p.status === 'standard' &&
      isDrifting(input.latestEvidence.get(p.id) ?? null, p.statusChangedAt.slice(0, 10), input.period.until, input.driftWeeks),
  );
}

/** The five loop stages, each with its figure and the command to run next. */
export function buildStatus(input: StatusInput): StatusLine[] {
  const { period, practices } = input;
  const candidates = practices.filter((p) => p.status === 'candidate');
  const agreed = practices.filter((p) => p.status !== 'candidate');
  const adopted = practices.filter((p) => p.status === 'adopted');
  const standard = practices.filter((p) => p.status === 'standard');
  const untrained = agreed.filter((p) => p.lastTrainedOn === null);
  const drifting = driftingPractices(input);
  const since = period.lastMeeting ? `since the meeting of ${period.lastMeeting}` : `since ${period.since}`;

  const lines: StatusLine[] = [
    {
      stage: 'collect',
      figure: `${plural(input.stories, 'story', 'stories')} ${since}, from ${input.peopleWithStories} of ${plural(input.activePeople, 'person', 'people')}`,
      next: 'svc story add "what happened" --staff NAME',
    },
    candidates.length > 0
      ? { stage: 'detect', figure: `${plural(candidates.length, 'practice', 'practices')} not yet agreed`, next: NOT_AGREED_COMMAND }
      : { stage: 'detect', figure: 'no practices waiting to be agreed', next: 'svc detect' },
  ];
  const firstUntrained = untrained[0];
  if (agreed.length === 0) {
    lines.push({
      stage: 'train',
      figure: 'no adopted practices to train yet',
      next: candidates[0] ? `svc practice status ${shellQuote(candidates[0].name)} adopted` : 'svc practices',
    });
  } else if (firstUntrained) {
    lines.push({
      stage: 'train',
      figure: agreed.length === 1 ? 'the one agreed practice is not trained yet' : `${untrained.length} of ${agreed.length} agreed practices not trained yet`,
      next: `svc train plan ${shellQuote(firstUntrained.name)}`,
    });
  } else {
    lines.push({ stage: 'train', figure: agreed.length === 1 ? 'the one agreed practice is trained' : `all ${agreed.length} agreed practices trained`, next: 'svc train status' });
  }
  const firstAdopted = adopted[0];
  if (firstAdopted) {
    lines.push({
      stage: 'incorporate',
      figure: `${plural(adopted.length, 'adopted practice', 'adopted practices')} not yet a standard procedure`,
      next: `svc practice adopt ${shellQuote(firstAdopted.name)}`,
    });
  } else if (standard.length > 0) {
    const due = input.proceduresDue.length ? `, ${input.proceduresDue.length} due for review` : '';
    lines.push({
      stage: 'incorporate',
      figure: `${plural(standard.length, 'standard procedure', 'standard procedures')}, ${drifting.length} drifting${due}`,
      next: 'svc playbook',
    });
  } else {
    lines.push({ stage: 'incorporate', figure: 'no standard procedures yet', next: 'svc practices' });
  }
  lines.push(
    period.lastMeeting
      ? {
          stage: 'monitor',
          figure: `last meeting ${period.lastMeeting}${drifting.length ? `; drifting: ${drifting.map((p) => p.name).join(', ')}` : ''}`,
          next: 'svc report',
        }
      : { stage: 'monitor', figure: 'no team meeting recorded yet', next: 'svc report, then svc meeting held' },
  );
  return lines;
}
