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

/**
 * The largest share of the evidence held by one person: stories crediting that person
 * over all stories. 0 when there is no evidence.
 */
export function starShare(evidence: readonly EvidenceItem[]): number {
  if (evidence.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const item of evidence) for (const person of new Set(item.people)) counts.set(person, (counts.get(person) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  return top / evidence.length;
}

/**
 * Among people tied for the star, whether a comes before b: by name compared
 * case-insensitively, as the summary query's min(name_key) does, so every command
 * names the same star.
 */
export function starTieBefore(a: string, b: string): boolean {
  const [keyA, keyB] = [nameKey(a), nameKey(b)];
  return keyA < keyB || (keyA === keyB && a < b);
}

/** Who holds the star share, and how much: undefined when there is no evidence. */
export function star(evidence: readonly EvidenceItem[]): { person: string; share: number } | undefined {
  const counts = new Map<string, number>();
  for (const item of evidence) for (const person of new Set(item.people)) counts.set(person, (counts.get(person) ?? 0) + 1);
  let best: { person: string; share: number } | undefined;
  for (const [person, count] of counts) {
    const share = count / evidence.length;
    if (!best || share > best.share || (share === best.share && starTieBefore(person, best.person))) best = { person, share };
  }
  return best;
}

/** From precomputed figures: spread < 2 or star share > 0.6. */
export function isStarDependentFigures(spreadValue: number, starShareValue: number): boolean {
  return spreadValue < STAR_SPREAD_MIN || starShareValue > STAR_SHARE_MAX;
}

/** Star-dependent: the practice lives in one person rather than in the team. */
export function isStarDependent(evidence: readonly EvidenceItem[]): boolean {
  return isStarDependentFigures(spread(evidence), starShare(evidence));
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

/** Star share from aggregate counts: the top person's stories over all stories (0 when none). */
export function starShareOf(topPersonStories: number, stories: number): number {
  return stories === 0 ? 0 : topPersonStories / stories;
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
