import type { Day } from '../core/dates.ts';
import {
  bareActionsOf,
  candidateKey,
  exampleStoryIds,
  mostlyEvidenceOf,
  qualityCounts,
  rankCandidates,
  snippetAround,
  type Candidate,
  type DetectionView,
  type LeftOut,
  type PracticeOverlap,
  type StoryFacts,
} from '../core/detect.ts';
import type { Matcher } from '../core/practice.ts';
import { clauseAfter, qualifierLabel, sharedQualifier } from '../core/qualifiers.ts';
import { NotFoundError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
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
    leftOut: leftOutOf(store, options),
  };
}

function leftOutOf(store: Store, options: DetectionOptions): LeftOut {
  const out: LeftOut = { alreadyPractices: [], rejected: [] };
  for (const row of store.detection.leftOut(options)) {
    const key = candidateKey(row.source, row.value);
    if (row.reason === 'rejected' || row.practice === null) out.rejected.push(key);
    else out.alreadyPractices.push({ key, practice: row.practice, reason: row.reason });
  }
  return out;
}

/** The practice most of a candidate's stories are evidence of now, practices made earlier in the same review included. */
export function overlapOf(store: Store, candidate: Pick<Candidate, 'storyIds' | 'stories'>): PracticeOverlap | null {
  return mostlyEvidenceOf(store.detection.topEvidencePractice(candidate.storyIds), candidate.stories);
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
    overlap: overlapOf(store, candidate),
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

/** The matchers a merge adds to a practice: never a bare action (see bareActionsOf). */
function mergedMatchersOf(candidate: Candidate): { added: Matcher[]; left: string[] } {
  const left = bareActionsOf(candidate);
  return { added: matchersOf(candidate).filter((m) => !(m.kind === 'phrase' && left.includes(m.value))), left };
}

/** What one saved decision did, for the review's messages. */
export interface ReviewOutcome {
  decision: ReviewDecision;
  /** Bare actions a merge did not add as matchers: its stories were linked by the person's decision. */
  leftAsMatchers: string[];
}

/**
 * Saves one review decision in its own transaction, as it is made, so that a review cut
 * short keeps what was decided: an accepted candidate becomes a practice with its stories
 * as evidence, a merged one adds its stories (and, when it is one concrete behaviour, its
 * matchers) to a practice, a rejected one is not proposed again, nor are the stories of an
 * accepted or merged broad one.
 */
export function applyReviewDecision(store: Store, decision: ReviewDecision, clock: Date): ReviewOutcome {
  const now = clock.toISOString();
  const { candidate } = decision;
  return store.transaction(() => {
    if (decision.action === 'reject') {
      store.detection.rejectCandidate(candidate.keys, candidate.name, now);
      return { decision, leftAsMatchers: [] };
    }
    // A bare action ("check") is no matcher of a practice, accepted or merged: it would link
    // every later "checked …". Its stories are the person's decision instead.
    const { added, left } = mergedMatchersOf(candidate);
    const how = left.length ? ('manual' as const) : ('matched' as const);
    // Neither a matcher nor rejected, the bare action would be proposed again with the very
    // stories just decided: remember the decision, as a rejection is remembered. Its
    // stories nobody has decided about still count (src/store/detect.ts, UNDECIDED).
    const remember = (practiceId: number) => store.detection.decideCandidate(left.map((value) => candidateKey('phrase', value)), practiceId, now);
    if (decision.action === 'accept') {
      const id = store.practices.create(
        {
          name: decision.name,
          description: decision.description || null,
          matchers: added,
          evidence: Array.from(candidate.storyIds, (storyId) => ({ storyId, how })),
        },
        now,
      );
      store.practices.relinkPractice(id, now);
      remember(id);
      return { decision, leftAsMatchers: left };
    }
    const practice = store.practices.find(decision.practice);
    if (!practice) throw new NotFoundError(messages.practiceNotFound(decision.practice));
    store.practices.addMatchers(practice.id, added, now);
    // Stories no matcher will keep are linked as the person's decision: a re-link after an
    // edit drops matched links that no matcher makes.
    for (const storyId of candidate.storyIds) store.practices.link(practice.id, storyId, how, now);
    store.practices.relinkPractice(practice.id, now);
    remember(practice.id);
    return { decision, leftAsMatchers: left };
  });
}

/** Every candidate rejected in review, newest first: what `svc detect --rejected` lists. */
export function rejectedCandidates(store: Store): RejectedCandidate[] {
  return store.detection.rejected();
}
