import { messages } from '../../../core/messages.ts';
import { listMeetings } from '../../../app/meetings.ts';
import { meetingTable } from '../../../ui/render/meeting.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const meetings = listMeetings(ctx.store());
  if (options.json) {
    ctx.print(JSON.stringify(meetings, null, 2));
    return;
  }
  if (meetings.length === 0) {
    ctx.info(messages.noMeetings);
    return;
  }
  ctx.print(meetingTable(meetings, ctx.look()));
}
