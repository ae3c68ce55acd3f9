import { ConflictError, NotFoundError } from '../core/errors.ts';
import { interviewState, type Interview, type InterviewAgreement, type InterviewLog } from '../core/interview.ts';
import type { Day } from '../core/dates.ts';
import { messages } from '../core/messages.ts';
import type { StoryDraft } from '../core/story.ts';
import { parseId } from '../core/ids.ts';
import type { Store } from '../store/store.ts';
import { insertLinkedStory } from './story.ts';

/** The interview with the id as typed ("12" or "#12"), in any state; not found is refused. */
export function requireInterview(store: Store, typedId: string): Interview {
  const id = parseId('interview', typedId);
  const interview = store.interviews.get(id);
  if (!interview) throw new NotFoundError(messages.interviewNotFound(id), messages.interviewNotFoundHint);
  return interview;
}

/** The planned interview with the id as typed ("12" or "#12"): not found, or already logged, is refused. */
export function requirePlannedInterview(store: Store, typedId: string): Interview {
  const interview = requireInterview(store, typedId);
  const id = interview.id;
  if (interview.status !== 'planned') {
    throw new ConflictError(messages.interviewAlreadyLogged(id, interviewState(interview), interview.heldOn), messages.interviewAlreadyLoggedHint);
  }
  return interview;
}

/** Where a planned call moves: agreed (day, time, contact), declined, or no reply. */
export type InterviewMove = { to: 'agreed'; agreement: InterviewAgreement } | { to: 'declined' | 'no reply'; day: Day };

/**
 * Moves an invited (or agreed) call on, checking in the same transaction that it is
 * still open. Returns it as stored.
 */
export function moveInterview(store: Store, input: { interviewId: number; move: InterviewMove }, now: Date): Interview {
  const at = now.toISOString();
  store.transaction(() => {
    const interview = store.interviews.get(input.interviewId);
    if (!interview) throw new NotFoundError(messages.interviewNotFound(input.interviewId), messages.interviewNotFoundHint);
    if (interview.status !== 'planned') throw new ConflictError(messages.interviewClosed(interview.id, interviewState(interview)), messages.interviewClosedHint);
    const move = input.move;
    if (move.to === 'agreed') store.interviews.agree(interview.id, move.agreement, at);
    else if (move.to === 'no reply') store.interviews.noReply(interview.id, move.day, at);
    else store.interviews.log(interview.id, { status: 'declined', heldOn: move.day, learned: null, liked: null, change: null, note: interview.note }, at);
  });
  const moved = store.interviews.get(input.interviewId);
  if (!moved) throw new Error(`interview #${input.interviewId} vanished after moving it`);
  return moved;
}

export interface InterviewLogging {
  interviewId: number;
  log: InterviewLog;
  /** What the customer liked, as a story crediting the staff they named; null for none. */
  story: StoryDraft | null;
}

/** Logs a held (or declined) interview and, when asked, the story it gave, in one transaction. Returns it as stored, and the story's id. */
export function logInterview(store: Store, input: InterviewLogging, now: Date): { interview: Interview; storyId: number | null } {
  const at = now.toISOString();
  const storyId = store.transaction(() => {
    const interview = store.interviews.get(input.interviewId);
    if (!interview) throw new NotFoundError(messages.interviewNotFound(input.interviewId), messages.interviewNotFoundHint);
    store.interviews.log(interview.id, input.log, at);
    if (!input.story) return null;
    const id = insertLinkedStory(store, input.story, at);
    store.interviews.linkStory(id, interview);
    return id;
  });
  const interview = store.interviews.get(input.interviewId);
  if (!interview) throw new Error(`interview #${input.interviewId} vanished after logging`);
  return { interview, storyId };
}

