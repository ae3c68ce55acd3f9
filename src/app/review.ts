import { shiftDay, toDay } from '../core/dates.ts';
import { ConflictError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { isDueForReview } from '../core/procedure.ts';
import { reviewStories, revisionDraft, type ProcedureReview } from '../core/review.ts';
import type { Procedure, Store } from '../store/store.ts';
import { requirePractice } from './practice.ts';

/** The stories a review reads at most: the newest, so a busy practice's review stays one screen. */
export const REVIEW_STORIES = 50;

function requireProcedure(store: Store, name: string): { practice: string; procedure: Procedure } {
  const practice = requirePractice(store, name);
  const procedure = practice.status === 'standard' ? store.procedures.current(practice.id) : undefined;
  if (!procedure) throw new ConflictError(messages.reviewNoProcedure(practice.name), messages.reviewNoProcedureHint(practice.name));
  return { practice: practice.name, procedure };
}

function buildReview(store: Store, practice: string, procedure: Procedure, today: string): ProcedureReview {
  const state = store.procedures.states().find((s) => s.practiceId === procedure.practiceId);
  const writtenOn = procedure.createdAt.slice(0, 10);
  const sources = new Set(procedure.sourceStoryIds);
  const since = store.practices.evidence(procedure.practiceId, writtenOn)
    .filter((item) => !sources.has(item.storyId))
    .sort((a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.storyId - a.storyId)
    .slice(0, REVIEW_STORIES);
  const stories = store.stories.byIds(since.map((item) => item.storyId)).map((s) => ({ id: s.id, occurredOn: s.occurredOn, people: s.staff, text: s.text }));
  const read = reviewStories(procedure.body, stories, store.people.names());
  const reviewDueOn = state?.reviewDueOn ?? shiftDay(writtenOn, procedure.reviewEveryDays);
  return {
    practice,
    version: procedure.version,
    writtenOn,
    reviewEveryDays: procedure.reviewEveryDays,
    reviewDueOn,
    due: isDueForReview(reviewDueOn, today),
    lastReviewedOn: state?.reviewedAt?.slice(0, 10) ?? null,
    ...read,
  };
}

/** A standard's review: the stories since its current version, each following or going beyond its steps. */
export function reviewProcedure(store: Store, input: { practice: string }, clock: () => Date): ProcedureReview {
  const { practice, procedure } = requireProcedure(store, input.practice);
  return buildReview(store, practice, procedure, toDay(clock()));
}

/** Confirms the current version unchanged: reviewed now, the next review one interval on, no new version. */
export function confirmReview(store: Store, input: { practice: string }, clock: () => Date): ProcedureReview {
  const { practice, procedure } = requireProcedure(store, input.practice);
  const now = clock();
  store.transaction(() => store.procedures.confirmReview(procedure.id, now.toISOString()));
  return buildReview(store, practice, procedure, toDay(now));
}

/** The editor draft for the next version, with the stories that go beyond the current one. */
export function nextVersionDraft(review: ProcedureReview, body: string): string {
  return revisionDraft(review.practice, review.version, body, review.stories.filter((s) => s.verdict === 'goes-beyond'));
}
