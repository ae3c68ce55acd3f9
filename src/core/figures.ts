/**
 * The figures svc reports (DESIGN.md, Figures), defined once and used everywhere:
 * detection, practices, training, reports, status.
 */
import type { Day } from './dates.ts';
import { DEFAULT_DRIFT_WEEKS } from './choices.ts';
import { daysBetween } from './dates.ts';
import { nameKey } from './text.ts';

/** One piece of evidence: a story showing a practice, credited to some people. */
export interface EvidenceItem {
  storyId: number;
  occurredOn: Day;
  people: string[];
}

/** A practice is star-dependent when spread < 2 or one person holds > 60 % of it (seed 001). */
export const STAR_SPREAD_MIN = 2;
export const STAR_SHARE_MAX = 0.6;
export { DEFAULT_DRIFT_WEEKS } from './choices.ts';

/** Distinct people with evidence. */
export function spread(evidence: readonly EvidenceItem[]): number {
  return new Set(evidence.flatMap((item) => item.people)).size;
}

/** One person's evidence of a practice: how many stories credit them, and the day of their first. */
export interface PersonEvidence {
  person: string;
  stories: number;
  /** Null where no tie needs it: the practices query looks it up for tied people only. */
  firstOn: Day | null;
}

/** Per person, how many of the evidence stories credit them and the day of their first (a story crediting someone twice counts once). */
export function evidenceByPerson(evidence: readonly EvidenceItem[]): Array<PersonEvidence & { firstOn: Day }> {
  const byPerson = new Map<string, PersonEvidence & { firstOn: Day }>();
  for (const item of evidence) {
    for (const person of new Set(item.people)) {
      const seen = byPerson.get(person);
      if (!seen) byPerson.set(person, { person, stories: 1, firstOn: item.occurredOn });
      else {
        seen.stories++;
        if (item.occurredOn < seen.firstOn) seen.firstOn = item.occurredOn;
      }
    }
  }
  return [...byPerson.values()];
}

/**
 * Among people tied for the star, whether a comes before b: the earliest evidence first,
 * then the name compared case-insensitively (then as written, so the order is total).
 * DESIGN.md, Figures: every command names the same star.
 */
export function starTieBefore(a: Pick<PersonEvidence, 'person' | 'firstOn'>, b: Pick<PersonEvidence, 'person' | 'firstOn'>): boolean {
  if (a.firstOn !== null && b.firstOn !== null && a.firstOn !== b.firstOn) return a.firstOn < b.firstOn;
  const [keyA, keyB] = [nameKey(a.person), nameKey(b.person)];
  return keyA < keyB || (keyA === keyB && a.person < b.person);
}

/**
 * The star of a practice and their share, from per-person counts (those of the top
 * people are enough) over `stories` evidence stories: the most stories, ties broken by
 * starTieBefore. Undefined when there is no evidence. Every star svc shows comes from here.
 */
export function starOf(people: readonly PersonEvidence[], stories: number): { person: string; share: number } | undefined {
  let best: PersonEvidence | undefined;
  for (const candidate of people) {
    if (!best || candidate.stories > best.stories || (candidate.stories === best.stories && starTieBefore(candidate, best))) best = candidate;
  }
  return best && stories > 0 ? { person: best.person, share: best.stories / stories } : undefined;
}

/** Who holds the star share, and how much: undefined when there is no evidence. */
export function star(evidence: readonly EvidenceItem[]): { person: string; share: number } | undefined {
  return starOf(evidenceByPerson(evidence), evidence.length);
}

/**
 * The largest share of the evidence held by one person: stories crediting that person
 * over all stories. 0 when there is no evidence.
 */
export function starShare(evidence: readonly EvidenceItem[]): number {
  return star(evidence)?.share ?? 0;
}

/** From precomputed figures: spread < 2 or star share > 0.6. */
export function isStarDependentFigures(spreadValue: number, starShareValue: number): boolean {
  return spreadValue < STAR_SPREAD_MIN || starShareValue > STAR_SHARE_MAX;
}

/** Star-dependent: the practice lives in one person rather than in the team. */
export function isStarDependent(evidence: readonly EvidenceItem[]): boolean {
  return isStarDependentFigures(spread(evidence), starShare(evidence));
}

/** A practice's figures from its evidence: how many stories, how many people, the star and their share, and whether it rests on them. */
export function evidenceFigures(evidence: readonly EvidenceItem[]): { stories: number; spread: number; starShare: number; starDependent: boolean; star: string | null } {
  const holder = star(evidence);
  return {
    stories: evidence.length,
    spread: spread(evidence),
    starShare: holder?.share ?? 0,
    starDependent: isStarDependent(evidence),
    star: holder?.person ?? null,
  };
}

/** Team consistency: the share of active people with at least one story in the period. */
export function teamConsistency(activePeople: number, peopleWithStories: number): number {
  return activePeople === 0 ? 0 : Math.min(1, peopleWithStories / activePeople);
}

/** When a person was trained on a practice (their first session). */
export interface TrainedPerson {
  person: string;
  trainedOn: Day;
}

/**
 * Adoption after training: of the people trained, the share with evidence of the
 * practice dated after their training. undefined when nobody was trained.
 */
export function adoptionAfterTraining(
  trained: readonly TrainedPerson[],
  evidence: readonly EvidenceItem[],
): { trained: number; adopted: number; rate: number } | undefined {
  if (trained.length === 0) return undefined;
  const firstTraining = new Map<string, Day>();
  for (const t of trained) {
    const seen = firstTraining.get(t.person);
    if (!seen || t.trainedOn < seen) firstTraining.set(t.person, t.trainedOn);
  }
  let adopted = 0;
  for (const [person, trainedOn] of firstTraining) if (showsItAfter(evidence, person, trainedOn)) adopted++;
  return { trained: firstTraining.size, adopted, rate: adopted / firstTraining.size };
}

/** Whether the person has evidence dated after the day (after their training: adoption). */
export function showsItAfter(evidence: readonly EvidenceItem[], person: string, day: Day): boolean {
  return evidence.some((item) => item.occurredOn > day && item.people.includes(person));
}

/** Drift: no evidence for `weeks` weeks up to today (a standard practice going quiet). */
export function isDrifting(lastEvidenceOn: Day | null, since: Day, today: Day, weeks = DEFAULT_DRIFT_WEEKS): boolean {
  const from = lastEvidenceOn && lastEvidenceOn > since ? lastEvidenceOn : since;
  return daysBetween(from, today) >= weeks * 7;
}

/** Change against the previous period: absolute and relative (null when there was nothing before). */
export function change(current: number, previous: number): { delta: number; ratio: number | null } {
  return { delta: current - previous, ratio: previous === 0 ? null : (current - previous) / previous };
}
