/**
 * Training as a programme (seed 001, steps 3 and 4): who is to be trained on a practice
 * by when, and who has read the current version of its procedure.
 */
import { daysBetween, parseDayExpression, toDay, type Day } from './dates.ts';
import { UsageError, ValidationError } from './errors.ts';
import { messages } from './messages.ts';

/** An assignment as the store keeps it. */
export interface AssignmentRecord {
  id: number;
  practice: string;
  person: string;
  dueOn: Day;
  doneOn: Day | null;
  /** The session that closed it, if one did. */
  trainingId: number | null;
}

export type AssignmentState = 'done' | 'overdue' | 'open';

export interface Assignment extends AssignmentRecord {
  state: AssignmentState;
  /** Days past the due date (0 unless overdue). */
  daysOverdue: number;
}

/** A practice whose current procedure some active people have not acknowledged. */
export interface UnreadProcedure {
  practice: string;
  version: number;
  people: string[];
}

/** A person's side of the programme: what `svc people show` lists. */
export interface PersonProgramme {
  trainings: Array<{ id: number; practice: string; heldOn: Day; facilitator: string | null }>;
  assignments: Assignment[];
  /** Each procedure version they read, and whether it is still the current one. */
  acknowledgements: Array<{ practice: string; version: number; ackedAt: string; current: boolean }>;
}

/** What status, the report and the digest show of the programme. */
export interface Programme {
  /** Open assignments, overdue first, then by due date. */
  open: Assignment[];
  overdue: number;
  /** Assignments closed by a training on or before the day. */
  done: number;
  unread: UnreadProcedure[];
}

/**
 * The due day of an assignment, read ahead: YYYY-MM-DD, today, tomorrow, "in 2 weeks",
 * "next friday", "Jan 5". A day past is refused: an assignment is work still to do.
 */
export function parseDueDay(text: string, now: Date): Day {
  const day = parseDayExpression(text, now, 'future', '--due');
  if (day === undefined) throw new UsageError(messages.dueBadDay(text), messages.dueBadDayHint);
  if (day < toDay(now)) throw new ValidationError(messages.dueInPast(day), messages.dueInPastHint);
  return day;
}

/** Done, overdue (due before today and not done) or open. */
export function assignmentState(record: AssignmentRecord, today: Day): Assignment {
  const state: AssignmentState = record.doneOn !== null ? 'done' : record.dueOn < today ? 'overdue' : 'open';
  const daysOverdue = state === 'overdue' ? daysBetween(record.dueOn, today) : 0;
  return { ...record, state, daysOverdue };
}

/** The programme on a day: open assignments (overdue first) and the procedures not yet read by all. */
export function buildProgramme(records: readonly AssignmentRecord[], unread: readonly UnreadProcedure[], today: Day): Programme {
  const all = records.map((record) => assignmentState(record, today));
  const open = all
    .filter((a) => a.state !== 'done')
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.dueOn.localeCompare(b.dueOn) || a.practice.localeCompare(b.practice) || a.person.localeCompare(b.person));
  return {
    open,
    overdue: open.filter((a) => a.state === 'overdue').length,
    done: all.filter((a) => a.state === 'done').length,
    unread: unread.filter((u) => u.people.length > 0).map((u) => ({ ...u, people: [...u.people] })),
  };
}

/** One line per open assignment: "Ana: Call back the same day, due 2026-03-20 (overdue 3 days)". */
export function assignmentLine(a: Assignment): string {
  const late = a.state === 'overdue' ? ` (overdue ${a.daysOverdue} ${a.daysOverdue === 1 ? 'day' : 'days'})` : '';
  return `${a.person}: ${a.practice}, due ${a.dueOn}${late}`;
}

/** One line per procedure not yet read by all: "Call back the same day v2: not yet read by Bo, Cy". */
export function unreadLine(u: UnreadProcedure): string {
  return `${u.practice} v${u.version}: not yet read by ${u.people.join(', ')}`;
}
