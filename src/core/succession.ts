/**
 * Star succession (seed 001: "without that special server, everything is different"):
 * what would fall to fewer than two people if one person left, and who could learn it
 * from whom.
 */
import type { Day } from './dates.ts';
import { STAR_SPREAD_MIN, star, type EvidenceItem, type TrainedPerson } from './figures.ts';

export interface SuccessionPractice {
  practice: string;
  status: string;
  /** The person's share of the practice's evidence stories. */
  share: number;
  /** The people who show it now, them included. */
  spread: number;
  /** The practice's star (who holds the largest share; perhaps someone else on a tie) and that share. */
  star: string | null;
  starShare: number;
  /** Who would still show it without them. */
  without: string[];
  /** Who could learn it, best first, and from whom. */
  pairings: Array<{ learner: string; from: string; why: string }>;
}

export interface Succession {
  person: string;
  /** Practices that would fall below two people without them. */
  atRisk: SuccessionPractice[];
  /** Pairings recorded for them. */
  pairs: Array<{ practice: string; learner: string; pairedOn: Day }>;
}

/** A pairing on a practice, with the star's share of its evidence before and month by month since. */
export interface PracticePairing {
  star: string;
  learner: string;
  pairedOn: Day;
  /** The star's share of the evidence before the pairing; null with none. */
  shareBefore: number | null;
  shareByMonth: Array<{ month: string; stories: number; share: number }>;
}

/** How many learners a suggestion names per practice. */
export const SUGGESTED_LEARNERS = 2;

/**
 * The practice as it would stand without `person`, and if it falls below two people, who
 * could learn it: colleagues trained on it who do not show it yet come first (the
 * training did not take), then colleagues of the same team, then everyone else by name.
 * They learn from the person, or from whoever else shows it.
 */
export function successionFor(
  person: string,
  practice: { name: string; status: string },
  evidence: readonly EvidenceItem[],
  trained: readonly TrainedPerson[],
  colleagues: ReadonlyArray<{ name: string; team: string | null }>,
  team: string | null,
): SuccessionPractice | undefined {
  const holders = new Set(evidence.flatMap((item) => item.people));
  if (!holders.has(person)) return undefined;
  const without = [...holders].filter((name) => name !== person).sort((a, b) => a.localeCompare(b));
  if (without.length >= STAR_SPREAD_MIN) return undefined;
  const mine = evidence.filter((item) => item.people.includes(person)).length;
  const holder = star(evidence);
  const trainedNames = new Set(trained.map((t) => t.person));
  const rank = (c: { name: string; team: string | null }) => (trainedNames.has(c.name) ? 0 : team !== null && c.team === team ? 1 : 2);
  const learners = colleagues
    .filter((c) => c.name !== person && !holders.has(c.name))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
    .slice(0, SUGGESTED_LEARNERS);
  return {
    practice: practice.name,
    status: practice.status,
    share: evidence.length ? mine / evidence.length : 0,
    spread: holders.size,
    star: holder?.person ?? null,
    starShare: holder?.share ?? 0,
    without,
    pairings: learners.map((c) => ({
      learner: c.name,
      from: person,
      why: rank(c) === 0 ? 'trained on it, no story shows it yet' : rank(c) === 1 ? `same team (${team})` : 'does not show it yet',
    })),
  };
}

/** The star's share of a practice's evidence in each month since a pairing: it should fall as the learner takes it up. */
export function shareByMonth(person: string, evidence: readonly EvidenceItem[], since: Day): Array<{ month: string; stories: number; share: number }> {
  const months = new Map<string, { stories: number; theirs: number }>();
  for (const item of evidence) {
    if (item.occurredOn < since) continue;
    const month = item.occurredOn.slice(0, 7);
    const entry = months.get(month) ?? { stories: 0, theirs: 0 };
    entry.stories++;
    if (item.people.includes(person)) entry.theirs++;
    months.set(month, entry);
  }
  return [...months]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({ month, stories: m.stories, share: m.theirs / m.stories }));
}
