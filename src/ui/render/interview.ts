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

/** One interview in full: where it stands, the agreed call, the answers, and while open the invitation to send. */
export function interviewLines(interview: Interview, invitation: string, look: Look): string {
  const c = look.color;
  const field = (label: string, value: string) => `${c.dim(`${label}:`.padEnd(10))}${oneLine(value)}`;
  const lines = [c.bold(`Interview #${interview.id} with ${oneLine(interview.customer)}: ${interviewState(interview)}`)];
  if (interview.interviewer) lines.push(field('caller', interview.interviewer));
  lines.push(field('invited', interview.plannedOn));
  if (interview.agreed) lines.push(field('call', `${interview.agreed.on} at ${interview.agreed.at}${interview.agreed.contact ? ` on ${interview.agreed.contact}` : ''}`));
  if (interview.heldOn) lines.push(field(interview.status === 'done' ? 'held' : 'closed', interview.heldOn));
  for (const [label, value] of [
    ['learned', interview.learned],
    ['liked', interview.liked],
    ['change', interview.change],
    ['note', interview.note],
  ] as const) {
    if (value) lines.push(field(label, value));
  }
  if (interview.confirms.length) lines.push(field('confirms', interview.confirms.map((c) => `${c.practice}${c.how === 'manual' ? ' (by hand)' : ''}`).join(', ')));
  if (interview.status === 'planned') lines.push('', c.bold('Invitation to send'), '', invitation);
  return lines.join('\n');
}
