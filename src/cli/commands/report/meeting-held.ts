import { parsePastDay, toDay } from '../../../core/dates.ts';
import { ConflictError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { addMeeting, listMeetings } from '../../../store/meetings.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

interface HeldOptions {
  on?: string;
  notes?: string;
  json?: boolean;
}

export function run(options: WithArgs<HeldOptions>, ctx: Context): void {
  const now = ctx.now();
  const heldOn = options.on === undefined ? toDay(now) : parsePastDay(options.on, now, '--on');
  const notes = options.notes?.trim() || null;
  const store = ctx.store();
  const meeting = store.write(() => {
    if (listMeetings(store.db).some((m) => m.heldOn === heldOn)) {
      throw new ConflictError(messages.meetingExists(heldOn), messages.meetingExistsHint);
    }
    return addMeeting(store.db, heldOn, notes, now.toISOString());
  });
  ctx.print(options.json ? JSON.stringify(meeting, null, 2) : String(meeting.id));
  ctx.info(messages.meetingSaved(heldOn));
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
