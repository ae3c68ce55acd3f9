import type { Customer } from '../../core/customer.ts';
import { interviewState, type Interview } from '../../core/interview.ts';
import type { Look } from '../look.ts';
import { renderTable } from '../table.ts';
import { formatDay } from '../format.ts';
import { oneLine, truncate } from '../text.ts';

/** The documented JSON shape of an interview (README): no contact details. */
export function interviewJson(interview: Interview): Record<string, unknown> {
  const { agreed, ...rest } = interview;
  // The agreed number is a contact detail: the day and time only.
  return { ...rest, state: interviewState(interview), agreed: agreed ? { on: agreed.on, at: agreed.at } : null };
}

/** Interviews as a table on a terminal (answers shortened), TSV with full answers otherwise. */
export function interviewTable(interviews: Interview[], look: Look): string {
  const short = (text: string | null) => (text === null ? '' : look.tty ? truncate(oneLine(text), 40) : oneLine(text));
  const rows = interviews.map((i) => [
    i.id,
    interviewState(i),
    i.customer,
    i.interviewer,
    i.status === 'planned' && i.agreed ? `${formatDay(i.agreed.on, look.now, look.tty)} ${i.agreed.at}` : formatDay(i.heldOn ?? i.plannedOn, look.now, look.tty),
    short(i.learned),
    short(i.liked),
    short(i.change),
  ]);
  return renderTable(['id', 'status', 'customer', 'interviewer', 'date', 'learned', 'liked', 'change'], rows, {
    tty: look.tty,
    head: (text) => look.color.bold(text),
  });
}

/** Who to call: the planned interview, the customer and how to reach them. */
export function pickTable(picked: Array<{ interviewId: number; customer: Customer }>, look: Look): string {
  const rows = picked.map(({ interviewId, customer }) => [interviewId, customer.name, customer.email, customer.phone, customer.segment]);
  return renderTable(['interview', 'customer', 'email', 'phone', 'segment'], rows, {
    tty: look.tty,
    head: (text) => look.color.bold(text),
  });
}
