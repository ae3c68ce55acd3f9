import type { Look } from '../look.ts';
import { renderTableBlock } from '../table.ts';
import { formatDay } from '../format.ts';

/** `svc meeting list`: each meeting held, newest first, with its notes. */
export function meetingTable(meetings: ReadonlyArray<{ id: number; heldOn: string; notes: string | null }>, look: Look): string {
  const rows = meetings.map((m) => [m.id, formatDay(m.heldOn, look.now, look.tty), m.notes ?? '']);
  return renderTableBlock(['id', 'held on', 'notes'], rows, { tty: look.tty, widths: [6, 14, 60], head: look.color.bold });
}
