import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { Interview, InterviewLog } from '../core/interview.ts';
import { messages } from '../core/messages.ts';
import type { StoryDraft } from '../core/story.ts';
import { parseId } from '../core/ids.ts';
import type { Store } from '../store/store.ts';
import { insertLinkedStory } from './story.ts';

/** The planned interview with the id as typed ("12" or "#12"): not found, or already logged, is refused. */
export function requirePlannedInterview(store: Store, typedId: string): Interview {
  const id = parseId('interview', typedId);
  const interview = store.interviews.get(id);
  if (!interview) throw new NotFoundError(messages.interviewNotFound(id), messages.interviewNotFoundHint);
  if (interview.status !== 'planned') {
    throw new ConflictError(messages.interviewAlreadyLogged(id, interview.status, interview.heldOn), messages.interviewAlreadyLoggedHint);
  }
  return interview;
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

