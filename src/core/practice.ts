import { ConflictError, ValidationError } from './errors.ts';
import { cappedText, MAX_PRACTICE_NAME_LENGTH } from './limits.ts';
import { messages } from './messages.ts';
import { checkName } from './names.ts';
import { cleanName } from './text.ts';
import { isStarDependentFigures, starOf, type PersonEvidence } from './figures.ts';

import type { PracticeStatus } from './choices.ts';
import type { Story } from './story.ts';
import type { PracticePerception } from './perception.ts';
import type { SignalTrend } from './signal.ts';
import type { QualifierKind } from './qualifiers.ts';

export { PRACTICE_STATUSES, type PracticeStatus } from './choices.ts';

export const MATCHER_KINDS = ['tag', 'phrase'] as const;
export type MatcherKind = (typeof MATCHER_KINDS)[number];

export interface Matcher {
  kind: MatcherKind;
  value: string;
  /**
   * A phrase's details: the qualifier a story must show after the phrase ("call back" with
   * timing: "rang him back the next morning"). Absent, the phrase matches however it was
   * qualified. Two practices may share a phrase when their qualifiers differ.
   */
  qualifier?: QualifierKind;
}

/** A matcher as people read and type it: "call back (timing)". */
export function matcherLabel(matcher: Pick<Matcher, 'value' | 'qualifier'>): string {
  return matcher.qualifier ? `${matcher.value} (${matcher.qualifier})` : matcher.value;
}

/** How a story became evidence: matched automatically, or linked by hand. */
export type EvidenceHow = 'matched' | 'manual';

export interface Practice {
  id: number;
  uuid: string;
  name: string;
  description: string | null;
  status: PracticeStatus;
  statusChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

/** The lifecycle: candidate → adopted → standard → retired, forwards only. */
const NEXT: Record<PracticeStatus, readonly PracticeStatus[]> = {
  candidate: ['adopted', 'standard', 'retired'],
  adopted: ['standard', 'retired'],
  standard: ['retired'],
  retired: [],
};

/** Whether a status change is allowed without --force. */
export function canMoveTo(from: PracticeStatus, to: PracticeStatus): boolean {
  return NEXT[from].includes(to);
}

/** Throws a ConflictError saying what is allowed when the step is impossible. */
export function checkTransition(name: string, from: PracticeStatus, to: PracticeStatus, force = false): void {
  if (from === to || canMoveTo(from, to) || force) return;
  const allowed = NEXT[from];
  throw new ConflictError(
    `practice "${name}" is ${from}; it cannot become ${to}`,
    allowed.length
      ? `from ${from} it can become ${allowed.join(' or ')}; add --force to move it to ${to} anyway`
      : `a retired practice stays retired; add --force to bring it back as ${to}`,
  );
}

/**
 * Whether a person could coach a practice: they show it, and most of their active
 * colleagues do not (fewer than half).
 */
export function couldCoach(colleaguesWithEvidence: number, colleagues: number): boolean {
  return colleagues === 0 || colleaguesWithEvidence / colleagues < 0.5;
}

/** A practice's evidence counts, as one aggregate query gives them. */
export interface PracticeCounts {
  id: number;
  name: string;
  status: PracticeStatus;
  statusChangedAt: string;
  stories: number;
  spread: number;
  /** The people with the most evidence (more than one on a tie), for starOf. */
  topPeople: PersonEvidence[];
  lastEvidenceOn: string | null;
}

/** A line of `svc practices`: the counts with the figures computed from them. */
export interface PracticeSummary {
  id: number;
  name: string;
  status: PracticeStatus;
  stories: number;
  spread: number;
  starShare: number;
  star: string | null;
  starDependent: boolean;
  lastEvidenceOn: string | null;
}

/** Star share and star-dependency from the counts (DESIGN.md, Figures). */
export function summarizePractice(row: PracticeCounts): PracticeSummary {
  const holder = starOf(row.topPeople, row.stories);
  const starShare = holder?.share ?? 0;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    stories: row.stories,
    spread: row.spread,
    starShare,
    star: holder?.person ?? null,
    starDependent: isStarDependentFigures(row.spread, starShare),
    lastEvidenceOn: row.lastEvidenceOn,
  };
}

/** A practice's name as typed: cleaned, not empty, within MAX_PRACTICE_NAME_LENGTH. */
export function checkPracticeName(raw: string): string {
  const name = cleanName(checkName(raw, 'practice name'));
  if (!name) throw new ValidationError(messages.emptyPracticeName, messages.emptyPracticeNameHint);
  return cappedText(name, 'the practice name', MAX_PRACTICE_NAME_LENGTH) ?? name;
}

export interface EvidenceLine {
  story: Story;
  how: EvidenceHow;
}

export interface PracticeView {
  practice: Practice;
  matchers: Matcher[];
  history: Array<{ from: string | null; to: string; changedAt: string; note: string | null }>;
  figures: { stories: number; spread: number; starShare: number; starDependent: boolean; star: string | null; lastEvidenceOn: string | null };
  people: Array<{ person: string; stories: number; lastOn: string }>;
  evidence: Array<{ storyId: number; occurredOn: string; people: string[]; how: EvidenceHow }>;
  /** The newest evidence stories in full, for reading. */
  latest: EvidenceLine[];
  procedure: { version: number; createdAt: string } | null;
  trainings: number;
  /** The team's view, its stories and the customers' words about the practice. */
  perception: PracticePerception;
  /** Trends of the outcome signals about it; empty without any. */
  signals: SignalTrend[];
}
