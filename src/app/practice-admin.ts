import { ConflictError, NotFoundError, UsageError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { checkPracticeName, checkTransition, summarizePractice, type Practice, type PracticeStatus, type PracticeSummary } from '../core/practice.ts';
import type { Procedure, RejectedCandidate, Store } from '../store/store.ts';
import { draftProcedure } from '../core/procedure.ts';
import { resolveName, type Named } from '../core/resolve.ts';
import { revisionDraft } from '../core/review.ts';
import { strongestStories } from '../core/training.ts';
import { requirePractice } from './practice.ts';
import { nextVersionDraft, reviewProcedure } from './review.ts';
import { withinTeam } from './teams.ts';

/** Renames a practice; a name another practice has is a ConflictError. Returns the practice as it was. */
export function renamePractice(store: Store, input: { practice: string; newName: string }, clock: () => Date): { practice: Practice; name: string } {
  const practice = requirePractice(store, input.practice);
  const name = checkPracticeName(input.newName);
  const now = clock().toISOString();
  store.transaction(() => {
    const other = store.practices.find(name);
    if (other && other.id !== practice.id) throw new ConflictError(messages.practiceExists(other.name), messages.practiceExistsHint(other.name));
    store.practices.rename(practice.id, name, now);
  });
  return { practice, name };
}

/** A practice and every version of its procedure, oldest first. */
export function procedureHistory(store: Store, input: { practice: string }): { practice: Practice; versions: Procedure[] } {
  const practice = requirePractice(store, input.practice);
  return { practice, versions: store.procedures.versions(practice.id) };
}

/**
 * Lets a rejected candidate be proposed again: by its id, key or label, the label typed as
 * loosely as any other name (any case, accents optional, a unique start of it). None
 * matching is a NotFoundError suggesting the closest labels; several is a UsageError.
 */
export function unrejectCandidate(store: Store, input: { what: string }): RejectedCandidate[] {
  return store.transaction(() => {
    const exact = store.detection.unreject(input.what);
    if (exact.length > 0) return exact;
    // One name per label (a candidate is rejected under each of its keys), under its newest row's id.
    const labels = new Map<string, Named>();
    for (const row of store.detection.rejected()) if (!labels.has(row.label)) labels.set(row.label, { id: row.id, name: row.label });
    const found = resolveName(input.what, [...labels.values()]);
    if (found.kind === 'found') return store.detection.unreject(found.item.name);
    if (found.kind === 'ambiguous') {
      throw new UsageError(messages.ambiguousName(input.what, 'rejected candidates', found.candidates), messages.ambiguousNameHint(found.candidates[0]?.id ?? 1));
    }
    const closest = found.kind === 'unknown' ? found.closest.map((item) => item.name) : [];
    throw new NotFoundError(messages.rejectedNotFound(input.what), closest.length ? messages.didYouMean(closest, messages.rejectedNotFoundHint) : messages.rejectedNotFoundHint);
  });
}

/** Where a status change left a practice: from where, to where, and whether anything moved. */
export interface StatusMove {
  practice: Practice;
  from: PracticeStatus;
  changed: boolean;
}

/** Moves a practice along its lifecycle, refusing impossible steps; `standard` is reached by adopting a procedure. */
export function changePracticeStatus(store: Store, input: { practice: string; to: PracticeStatus; force?: boolean | undefined }, clock: () => Date): StatusMove {
  const practice = requirePractice(store, input.practice);
  const force = input.force === true;
  // An impossible step is refused as such (exit 4) whichever command asks; a possible one to standard needs adopt's procedure.
  checkTransition(practice.name, practice.status, input.to, force);
  if (input.to === 'standard') throw new UsageError(messages.standardNeedsAdopt, messages.standardNeedsAdoptHint(practice.name));
  if (practice.status === input.to) return { practice, from: practice.status, changed: false };
  store.transaction(() => store.practices.setStatus(practice, input.to, clock().toISOString(), force ? 'forced' : undefined));
  return { practice: store.practices.find(String(practice.id)) ?? practice, from: practice.status, changed: true };
}

/** The lines of `svc practices`: each practice's counts with its figures, optionally of some statuses, within a team. */
export function practiceSummaries(store: Store, input: { statuses?: readonly PracticeStatus[] | undefined; team?: string | undefined }): PracticeSummary[] {
  return withinTeam(store, input.team, () => store.practices.summaries(input.statuses)).map(summarizePractice);
}

/** A practice about to become a standard: its current procedure, and the draft an editor opens with. */
export interface Adoption {
  practice: Practice;
  current: Procedure | undefined;
  /** The text to start from: the next version with the stories that go beyond it, or a first draft from the strongest stories. */
  draft: () => string;
}

/** Checks that a practice may become (or stay) a standard, and what its procedure is drafted from. */
export function startAdoption(store: Store, input: { practice: string; force?: boolean | undefined }, clock: () => Date): Adoption {
  const practice = requirePractice(store, input.practice);
  checkTransition(practice.name, practice.status, 'standard', input.force === true);
  const current = store.procedures.current(practice.id);
  const draft = () =>
    current
      ? practice.status === 'standard'
        ? nextVersionDraft(reviewProcedure(store, { practice: String(practice.id) }, clock), current.body)
        : revisionDraft(practice.name, current.version, current.body, [])
      : draftProcedure(practice, store.practices.matchers(practice.id), strongestStories(store.stories.byIds(store.practices.storyIds(practice.id))));
  return { practice, current, draft };
}

export interface Adopted {
  practice: string;
  status: PracticeStatus;
  version: number;
  reviewEveryDays: number;
  /** False when the text was the current version's: at most the review interval changed. */
  changed: boolean;
  /** Unchanged text with another review interval. */
  rescheduled: boolean;
  sourceStoryIds: number[];
  createdAt: string | null;
}

/**
 * Makes a practice a standard with its procedure text as the next version, written from
 * its evidence. The current version's text again changes at most its review interval.
 */
export function adoptPractice(
  store: Store,
  input: { adoption: Adoption; body: string; reviewEveryDays: number; force?: boolean | undefined },
  clock: () => Date,
): Adopted {
  const { practice, current } = input.adoption;
  const { body, reviewEveryDays } = input;
  const now = clock().toISOString();
  if (practice.status === 'standard' && current && current.body === body) {
    const rescheduled = current.reviewEveryDays !== reviewEveryDays;
    if (rescheduled) store.transaction(() => store.procedures.setReviewInterval(current.id, reviewEveryDays, now));
    const unchanged = { practice: practice.name, status: practice.status, version: current.version, reviewEveryDays, changed: false, rescheduled };
    return { ...unchanged, sourceStoryIds: current.sourceStoryIds, createdAt: null };
  }
  const sources = store.practices.evidence(practice.id).map((item) => item.storyId);
  const version = store.transaction(() => {
    const fresh = store.practices.find(String(practice.id)) ?? practice;
    store.practices.setStatus(fresh, 'standard', now, input.force && fresh.status === 'retired' ? 'forced' : undefined);
    return store.procedures.insertVersion(practice.id, body, reviewEveryDays, sources, now);
  });
  return { practice: practice.name, status: 'standard', version, reviewEveryDays, changed: true, rescheduled: false, sourceStoryIds: sources, createdAt: now };
}
