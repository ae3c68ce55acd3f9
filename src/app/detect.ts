import type { Day } from '../core/dates.ts';
import {
  exampleStoryIds,
  mostlyEvidenceOf,
  qualityCounts,
  rankCandidates,
  snippetAround,
  type Candidate,
  type DetectionView,
  type StoryFacts,
} from '../core/detect.ts';
import type { Matcher } from '../core/practice.ts';
import { clauseAfter, qualifierLabel, sharedQualifier } from '../core/qualifiers.ts';
import type { RejectedCandidate, Store } from '../store/store.ts';

type ShownCandidate = DetectionView['practices'][number];

export interface DetectionOptions {
  since: Day | undefined;
  minStories: number;
  minStaff: number;
  limit: number;
}

/** Runs detection over an indexed store: aggregate queries, then ranking in core. */
export function detect(store: Store, options: DetectionOptions): DetectionView {
  // At a million stories the default cache was 40 MB of the peak, and no faster at 100,000.
  store.detection.preferSmallCache();
  const facts = store.detection.storyFacts(options.since);
  const raws = store.detection.rawCandidates({ ...options, pool: options.limit === 0 ? 1_000_000 : Math.max(20, options.limit + 10) }, facts);
  const { practices, steps, commonActions } = rankCandidates(raws, facts, options);
  const shown = options.limit === 0 ? practices : practices.slice(0, options.limit);
  const quality = store.detection.qualityRows(options.since);
  return {
    since: options.since ?? null,
    minStories: options.minStories,
    minStaff: options.minStaff,
    practices: shown.map((candidate) => withExamples(store, candidate, facts)),
    more: practices.length - shown.length,
    steps: steps.slice(0, 5),
    commonActions: commonActions.slice(0, 5),
    qualities: qualityCounts(quality.attributes, quality.words),
  };
}

// Enough of a candidate's latest stories to tell a qualifier most of them share.
const QUALIFIER_SAMPLE = 200;

function withExamples(store: Store, candidate: Candidate, facts: StoryFacts): ShownCandidate {
  const rows = store.detection.exampleRows(exampleStoryIds(candidate, facts), candidate.phrases);
  const sample = candidate.phrases.length ? store.detection.exampleRows(Array.from(candidate.storyIds.slice(-QUALIFIER_SAMPLE)), candidate.phrases) : [];
  const qualifier = sharedQualifier(sample.filter((row) => row.end !== null).map((row) => clauseAfter(row.text, row.end ?? 0)));
  return {
    ...candidate,
    // The label reads as a behaviour: the action, and the qualifier most of its stories share.
    label: qualifier ? `${candidate.name} · ${qualifierLabel(qualifier)}` : candidate.name,
    qualifier,
    overlap: mostlyEvidenceOf(store.detection.topEvidencePractice(candidate.storyIds), candidate.stories),
    examples: rows.map((row) => ({
      storyId: row.storyId,
      occurredOn: row.occurredOn,
      people: row.people,
      snippet:
        row.start === null || row.end === null
          ? snippetAround(row.text, 0, 0, 120).replace(/\u0002\u0003/u, '')
          : snippetAround(row.text, row.start, row.end),
    })),
  };
}

/** What a person decided about one candidate in `svc detect --review`. */
export type ReviewDecision =
  | { action: 'accept'; candidate: Candidate; name: string; description: string }
  | { action: 'merge'; candidate: Candidate; practice: string }
  | { action: 'reject'; candidate: Candidate };

function matchersOf(candidate: Candidate): Matcher[] {
  return [
    ...candidate.phrases.map((value) => ({ kind: 'phrase' as const, value })),
    ...candidate.tags.map((value) => ({ kind: 'tag' as const, value })),
  ];
}

/**
 * Applies the review's decisions in one transaction: an accepted candidate becomes a
 * practice with its stories as evidence, a merged one adds its matchers and stories to
 * a practice, a rejected one is not proposed again.
 */
export function applyReviewDecisions(store: Store, decisions: readonly ReviewDecision[], clock: Date): void {
  const now = clock.toISOString();
  store.transaction(() => {
    for (const decision of decisions) {
      const { candidate } = decision;
      if (decision.action === 'reject') {
        store.detection.rejectCandidate(candidate.keys, candidate.name, now);
      } else if (decision.action === 'accept') {
        const id = store.practices.create(
          {
            name: decision.name,
            description: decision.description || null,
            matchers: matchersOf(candidate),
            evidence: Array.from(candidate.storyIds, (storyId) => ({ storyId, how: 'matched' as const })),
          },
          now,
        );
        store.practices.relinkPractice(id, now);
      } else {
        const practice = store.practices.find(decision.practice);
        if (!practice) continue; // it existed when the review listed it; nothing else removes practices mid-review
        store.practices.addMatchers(practice.id, matchersOf(candidate), now);
        for (const storyId of candidate.storyIds) store.practices.link(practice.id, storyId, 'matched', now);
        store.practices.relinkPractice(practice.id, now);
      }
    }
  });
}

/** Every candidate rejected in review, newest first: what `svc detect --rejected` lists. */
export function rejectedCandidates(store: Store): RejectedCandidate[] {
  return store.detection.rejected();
}
