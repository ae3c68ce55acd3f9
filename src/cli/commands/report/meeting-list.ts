import { messages } from '../../../core/messages.ts';
import { listMeetings } from '../../../app/meetings.ts';
import { renderTable } from '../../../ui/table.ts';
import { formatDay } from '../../../ui/format.ts';
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
  const look = ctx.look();
  const rows = meetings.map((m) => [m.id, formatDay(m.heldOn, look.now, look.tty), m.notes ?? '']);
  ctx.print(renderTable(['id', 'held on', 'notes'], rows, { tty: look.tty, widths: [6, 14, 60], head: look.color.bold }).trimEnd());
}
