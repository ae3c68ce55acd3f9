import { answerMatchKeys, type AnswerMatchKeys } from '../core/answers.ts';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import { interviewState, type Interview, type InterviewAgreement, type InterviewLog, type InterviewStatus } from '../core/interview.ts';
import { shiftDay, toDay, type Day } from '../core/dates.ts';
import type { Customer } from '../core/customer.ts';
import { sample } from '../core/random.ts';
import { messages } from '../core/messages.ts';
import type { Practice } from '../core/practice.ts';
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
  /** Practices the caller says the answer confirms (linked by hand). */
  confirms?: readonly number[] | undefined;
  /** The "confirms" answer read as a story is read (readAnswerKeys), to link the practices it matches. */
  answerKeys?: AnswerMatchKeys | null | undefined;
}

/**
 * What a "confirms" answer (what the customer likes most) is matched to practices by,
 * read with the language model stories are read with (loaded here, ~200 ms, only for a
 * held call with that answer); null for none.
 */
export async function readAnswerKeys(liked: string | null): Promise<AnswerMatchKeys | null> {
  return liked ? (await answerKeysReader())(liked) : null;
}

/** Reads "confirms" answers as readAnswerKeys does, with the language model loaded once (~200 ms). */
export async function answerKeysReader(): Promise<(text: string) => AnswerMatchKeys> {
  const { tagText } = await import('../core/nlp.ts');
  return (text) => answerMatchKeys(text, tagText(text));
}

/** Logs a held (or declined) interview and, when asked, the story it gave, in one transaction. Returns it as stored, and the story's id. */
export function logInterview(store: Store, input: InterviewLogging, now: Date): { interview: Interview; storyId: number | null } {
  const at = now.toISOString();
  const storyId = store.transaction(() => {
    const interview = store.interviews.get(input.interviewId);
    if (!interview) throw new NotFoundError(messages.interviewNotFound(input.interviewId), messages.interviewNotFoundHint);
    store.interviews.log(interview.id, input.log, at);
    if (input.log.status === 'done' && input.log.liked) {
      if (input.answerKeys) store.interviews.relinkAnswer(interview.id, input.answerKeys, at);
      store.interviews.linkPractices(interview.id, input.confirms ?? [], 'manual', at);
    }
    if (!input.story) return null;
    const id = insertLinkedStory(store, input.story, at);
    store.interviews.linkStory(id, interview);
    return id;
  });
  const interview = store.interviews.get(input.interviewId);
  if (!interview) throw new Error(`interview #${input.interviewId} vanished after logging`);
  return { interview, storyId };
}

/** The held interview with the id as typed, whose "confirms" answer can be linked to practices. */
function requireConfirmingInterview(store: Store, typedId: string): Interview {
  const interview = requireInterview(store, typedId);
  if (interview.status !== 'done') throw new ConflictError(messages.confirmsNeedsHeld(interview.id, interviewState(interview)), messages.confirmsNeedsHeldHint);
  if (!interview.liked) throw new ValidationError(messages.confirmsNeedsLiked(interview.id), messages.confirmsNeedsLikedHint);
  return interview;
}

/**
 * Links a held interview's answer to the practices it confirms, by hand: such a link
 * stays whatever the matchers say. Returns the interview as stored.
 */
export function linkInterviewToPractices(store: Store, input: { interviewId: string; practiceIds: readonly number[] }, now: Date): Interview {
  const at = now.toISOString();
  const id = store.transaction(() => {
    const interview = requireConfirmingInterview(store, input.interviewId);
    store.interviews.linkPractices(interview.id, input.practiceIds, 'manual', at);
    return interview.id;
  });
  return storedInterview(store, id);
}

/** Removes the link between an interview and a practice; one that is not there is not found. */
export function unlinkInterviewFromPractice(store: Store, input: { interviewId: string; practice: Practice }, now: Date): Interview {
  const id = store.transaction(() => {
    const interview = requireInterview(store, input.interviewId);
    if (!store.interviews.unlinkPractice(interview.id, input.practice.id, now.toISOString())) {
      throw new NotFoundError(messages.interviewNotLinked(interview.id, input.practice.name), messages.interviewNotLinkedHint);
    }
    return interview.id;
  });
  return storedInterview(store, id);
}

function storedInterview(store: Store, id: number): Interview {
  const interview = store.interviews.get(id);
  if (!interview) throw new Error(`interview #${id} vanished after linking`);
  return interview;
}

/** Interviews, planned ones first, optionally in one state. */
export function listInterviews(store: Store, input: { status?: InterviewStatus | undefined } = {}): Interview[] {
  return store.interviews.list({ status: input.status });
}

export interface PickInput {
  count: number;
  /** Customers called (or invited) in the last so many days are left out. */
  cooldownDays: number;
  segment?: string | undefined;
  /** Who will call them (created on first mention), or null. */
  interviewer: string | null;
  /** Picks at random: 0 ≤ random() < 1. */
  random: () => number;
}

/**
 * Picks customers at random to interview among those with contact details who are
 * neither planned nor contacted within the cooldown, and plans a call with each, in one
 * transaction. None eligible is a NotFoundError that says why.
 */
export function pickInterviews(store: Store, input: PickInput, clock: () => Date): Array<{ interviewId: number; customer: Customer }> {
  const now = clock();
  const today = toDay(now);
  return store.transaction(() => {
    // Contacted within the cooldown: on or after the day `cooldown - 1` days ago.
    const candidates = store.customers.pickCandidates({ segment: input.segment?.trim(), since: shiftDay(today, 1 - input.cooldownDays) });
    const eligible = candidates.filter((c) => !c.planned && !c.contactedRecently).map((c) => c.id);
    if (eligible.length === 0) {
      const recent = candidates.filter((c) => c.contactedRecently).length;
      const planned = candidates.filter((c) => c.planned && !c.contactedRecently).length;
      throw new NotFoundError(messages.noneEligible(candidates.length, recent, planned, input.cooldownDays), messages.noneEligibleHint);
    }
    const chosen = sample(eligible, input.count, input.random);
    const interviewerId = input.interviewer === null ? null : store.people.ensure(input.interviewer, now.toISOString());
    const ids = store.interviews.plan(chosen, interviewerId, today, now.toISOString());
    return chosen.map((customerId, i) => {
      const customer = store.customers.get(customerId);
      if (!customer) throw new Error(`customer #${customerId} vanished while planning`);
      return { interviewId: ids[i] ?? 0, customer };
    });
  });
}
