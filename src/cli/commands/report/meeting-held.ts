import { holdMeeting } from '../../../app/meetings.ts';
import { messages } from '../../../core/messages.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

interface HeldOptions {
  on?: string;
  notes?: string;
  json?: boolean;
}

export function run(options: WithArgs<HeldOptions>, ctx: Context): void {
  const { meeting, laterMeetingOn } = holdMeeting(ctx.store(), { on: options.on, notes: options.notes }, ctx.now);
  ctx.print(options.json ? JSON.stringify(meeting, null, 2) : String(meeting.id));
  ctx.info(messages.meetingSaved(meeting.heldOn, laterMeetingOn));
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
