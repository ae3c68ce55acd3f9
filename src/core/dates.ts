import { addDays } from 'date-fns/addDays';
import { formatISO } from 'date-fns/formatISO';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { subDays } from 'date-fns/subDays';
import { subMonths } from 'date-fns/subMonths';
import { subWeeks } from 'date-fns/subWeeks';
import { ValidationError } from './errors.ts';
import { messages } from './messages.ts';

/** An ISO calendar date, YYYY-MM-DD, in the user's local time. */
export type Day = string;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const UNITS = { day: subDays, week: subWeeks, month: subMonths } as const;

/** The local calendar day of an instant. */
export function toDay(date: Date): Day {
  // Not format(): that brings date-fns' locale and token machinery into every command.
  return formatISO(date, { representation: 'date' });
}

/** A Day as a local-midnight Date. */
export function fromDay(day: Day): Date {
  return parseISO(day);
}

/** The day `n` days after `day` (negative for before). */
export function shiftDay(day: Day, n: number): Day {
  return toDay(addDays(fromDay(day), n));
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((fromDay(b).getTime() - fromDay(a).getTime()) / 86_400_000);
}

/**
 * Parses what people type for a date: an ISO date, today, yesterday, "3 days ago",
 * "2 weeks ago", or a weekday name ("monday", "last friday": the most recent one, today
 * included). Returns undefined when the text is none of those.
 */
export function parseDayExpression(input: string, now: Date): Day | undefined {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === 'today' || text === 'now') return toDay(now);
  if (text === 'yesterday') return toDay(subDays(now, 1));
  const ago = /^(\d{1,4}) (day|week|month)s? ago$/.exec(text);
  if (ago) return toDay(UNITS[ago[2] as keyof typeof UNITS](now, Number(ago[1])));
  const weekday = WEEKDAYS.indexOf(text.replace(/^last /, '') as (typeof WEEKDAYS)[number]);
  if (weekday >= 0) return toDay(subDays(now, (now.getDay() - weekday + 7) % 7));
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const date = parseISO(text);
    if (isValid(date) && toDay(date) === text) return text;
    return undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}t/.test(text)) {
    const date = parseISO(input.trim());
    return isValid(date) ? toDay(date) : undefined;
  }
  return undefined;
}

/** The earliest day svc takes: nothing a service team records happened before it. */
export const EARLIEST_DAY: Day = '1900-01-01';

/** Like parseDayExpression, but a bad date (or one before EARLIEST_DAY) is a ValidationError naming the flag. */
export function parseDay(input: string, now: Date, flag: string): Day {
  const day = parseDayExpression(input, now);
  if (day === undefined) throw new ValidationError(messages.badDate(flag, input), messages.badDateHint);
  if (day < EARLIEST_DAY) throw new ValidationError(messages.dateTooEarly(flag, day, EARLIEST_DAY), messages.badDateHint);
  return day;
}

/** A date written as YYYY-MM-DD (in a file, where "yesterday" means nothing), not in the future. */
export function parseIsoPastDay(input: string, now: Date, label: string): Day {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input)) throw new ValidationError(messages.badIsoDate(label, input));
  return parsePastDay(input, now, label);
}

/** A date of something that already happened: not in the future. */
export function parsePastDay(input: string, now: Date, flag: string): Day {
  const day = parseDay(input, now, flag);
  if (day > toDay(now)) throw new ValidationError(messages.futureDate(flag, day), messages.futureDateHint);
  return day;
}
