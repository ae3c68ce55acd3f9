import { parsePastDay, toDay, type Day } from '../core/dates.ts';
import { ConflictError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import type { Meeting, Store } from '../store/store.ts';

/** A meeting just recorded, and the day of a later one already recorded: the next report starts from that one instead. */
export interface HeldMeeting {
  meeting: Meeting;
  laterMeetingOn: Day | null;
}

/** Records a team meeting held on a day (today without one); a second on the same day is a ConflictError. */
export function holdMeeting(store: Store, input: { on?: string | undefined; notes?: string | undefined }, clock: () => Date): HeldMeeting {
  const now = clock();
  const heldOn = input.on === undefined ? toDay(now) : parsePastDay(input.on, now, '--on', messages.futureMeetingHint);
  const notes = input.notes?.trim() || null;
  return store.transaction(() => {
    const meetings = store.meetings.list();
    if (meetings.some((m) => m.heldOn === heldOn)) throw new ConflictError(messages.meetingExists(heldOn), messages.meetingExistsHint);
    const later = meetings.filter((m) => m.heldOn > heldOn).map((m) => m.heldOn).sort().at(-1) ?? null;
    return { meeting: store.meetings.add(heldOn, notes, now.toISOString()), laterMeetingOn: later };
  });
}

/** Every meeting, newest first. */
export function listMeetings(store: Store): Meeting[] {
  return store.meetings.list();
}
