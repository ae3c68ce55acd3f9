import { parsePastDay, toDay } from '../core/dates.ts';
import { ConflictError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Meeting, Store } from '../store/store.ts';

/** Records a team meeting held on a day (today without one); a second on the same day is a ConflictError. */
export function holdMeeting(store: Store, input: { on?: string | undefined; notes?: string | undefined }, clock: () => Date): Meeting {
  const now = clock();
  const heldOn = input.on === undefined ? toDay(now) : parsePastDay(input.on, now, '--on');
  const notes = input.notes?.trim() || null;
  return store.transaction(() => {
    if (store.meetings.list().some((m) => m.heldOn === heldOn)) throw new ConflictError(messages.meetingExists(heldOn), messages.meetingExistsHint);
    return store.meetings.add(heldOn, notes, now.toISOString());
  });
}

/** Every meeting, newest first. */
export function listMeetings(store: Store): Meeting[] {
  return store.meetings.list();
}
