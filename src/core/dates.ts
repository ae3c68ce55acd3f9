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
 * Which way a date that leaves it open is read: back for what already happened (--when,
 * --since), ahead for what is still to come (--due, a call or a session planned).
 */
export type DayDirection = 'past' | 'future';

/**
 * Parses what people type for a date: an ISO date, today, yesterday, "3 days ago", "a week
 * ago", a weekday ("monday": the nearest one in `direction`, today included; "last monday":
 * strictly before today), and what chrono-node reads in English ("last week", "next friday",
 * "in 2 weeks", "Dec 1", "1 Dec"). A day written without its year is the one in `direction`:
 * "Dec 20" typed on 4 Dec is last year's for the past, this year's for the future.
 * Returns undefined when the text is none of those. A numeric date that reads two ways
 * (12/01/2026) is a ValidationError naming both ISO forms.
 */
export function parseDayExpression(input: string, now: Date, direction: DayDirection, flag = 'the date'): Day | undefined {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === 'today' || text === 'now') return toDay(now);
  if (text === 'yesterday') return toDay(subDays(now, 1));
  // Read here, not by chrono-node: train schedule --on tomorrow and train assign --due "in 2 weeks" load no parser.
  if (text === 'tomorrow') return toDay(addDays(now, 1));
  const ago = /^(\d{1,4}|an?|one) (day|week|month)s? ago$/.exec(text);
  if (ago) return toDay(UNITS[ago[2] as keyof typeof UNITS](now, /^\d/.test(ago[1] ?? '') ? Number(ago[1]) : 1));
  const ahead = /^in (\d{1,4}|an?|one) (day|week)s?$/.exec(text);
  if (ahead) return shiftDay(toDay(now), (ahead[2] === 'week' ? 7 : 1) * (/^\d/.test(ahead[1] ?? '') ? Number(ahead[1]) : 1));
  const weekday = /^(last )?(\w+)$/.exec(text);
  const weekdayIndex = WEEKDAYS.indexOf((weekday?.[2] ?? '') as (typeof WEEKDAYS)[number]);
  if (weekday && weekdayIndex >= 0) {
    if (direction === 'future' && !weekday[1]) return toDay(addDays(now, (weekdayIndex - now.getDay() + 7) % 7));
    const back = (now.getDay() - weekdayIndex + 7) % 7;
    // "last thursday" on a Thursday is a week ago; "thursday" is today.
    return toDay(subDays(now, back === 0 && weekday[1] ? 7 : back));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const date = parseISO(text);
    if (isValid(date) && toDay(date) === text) return text;
    return undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}t/.test(text)) {
    const date = parseISO(input.trim());
    return isValid(date) ? toDay(date) : undefined;
  }
  const numeric = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (numeric) return numericDay(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]), input, flag);
  return naturalDay(text, now, direction);
}

/** A d/m/yyyy or m/d/yyyy date: taken when only one reading is a date, refused when both are. */
function numericDay(first: number, second: number, year: number, input: string, flag: string): Day | undefined {
  const readings = [isoDay(year, first, second), isoDay(year, second, first)].filter((day): day is Day => day !== undefined);
  const unique = [...new Set(readings)];
  if (unique.length > 1) throw new ValidationError(messages.ambiguousDate(flag, input, unique), messages.ambiguousDateHint(unique));
  return unique[0];
}

function isoDay(year: number, month: number, day: number): Day | undefined {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const date = parseISO(text);
  return isValid(date) && toDay(date) === text ? text : undefined;
}

type EnglishParser = (typeof import('chrono-node/en'))['casual'];
let english: EnglishParser | undefined;

/**
 * chrono-node's English parser, loaded on first use: ~48 KB minified, ~4 ms to load from
 * the code cache, which no ISO date, today or "3 days ago" needs. require, not import():
 * parsing a date stays synchronous. The build makes it a bundle of its own (dist/chrono.cjs).
 */
function englishParser(): EnglishParser {
  english ??= (require('chrono-node/en') as typeof import('chrono-node/en')).casual;
  return english;
}

/**
 * What chrono-node reads as one whole date in the text. A calendar day written without its
 * year ("Dec 20") is moved a year to lie in `direction`; a day named relative to today
 * ("next friday", "in 2 weeks") stays where it falls, and the caller judges it.
 */
function naturalDay(text: string, now: Date, direction: DayDirection): Day | undefined {
  const [result, ...more] = englishParser().parse(text, now, { forwardDate: direction === 'future' });
  // All of it, or nothing: "the other day" must not become "day".
  if (!result || more.length > 0 || result.index !== 0 || result.text.length !== text.length || result.end) return undefined;
  const date = result.start.date();
  if (!result.start.isCertain('year') && result.start.isCertain('month')) {
    const today = toDay(now);
    // Only a written calendar day: "next friday" typed on 28 Dec falls in January and stays there.
    if (direction === 'past' && toDay(date) > today) date.setFullYear(date.getFullYear() - 1);
    if (direction === 'future' && toDay(date) < today) date.setFullYear(date.getFullYear() + 1);
  }
  return toDay(date);
}

/** Refuses a period that starts after it ends: a --since after --until, or after today without one (report, stories, detect). */
export function checkPeriod(since: Day, until: Day): void {
  if (since > until) throw new ValidationError(messages.periodBackwards(since, until), messages.periodBackwardsHint);
}

/** "last-meeting", also typed "last meeting" or "Last Meeting", for --since. */
export function isLastMeeting(text: string): boolean {
  return /^last[\s_-]+meeting$/iu.test(text.trim());
}

/** The earliest day svc takes: nothing a service team records happened before it. */
export const EARLIEST_DAY: Day = '1900-01-01';

/** Like parseDayExpression, but a bad date (or one before EARLIEST_DAY) is a ValidationError naming the flag. */
export function parseDay(
  input: string,
  now: Date,
  flag: string,
  direction: DayDirection,
  hint: string = direction === 'past' ? messages.badDateHint : messages.badComingDateHint,
): Day {
  const day = parseDayExpression(input, now, direction, flag);
  if (day === undefined) throw new ValidationError(messages.badDate(flag, input), hint);
  if (day < EARLIEST_DAY) throw new ValidationError(messages.dateTooEarly(flag, day, EARLIEST_DAY), messages.badDateHint);
  return day;
}

/** A date written as YYYY-MM-DD (in a file, where "yesterday" means nothing), not in the future; future says why, for the command. */
export function parseIsoPastDay(input: string, now: Date, label: string, future: string): Day {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input)) throw new ValidationError(messages.badIsoDate(label, input));
  return parsePastDay(input, now, label, future);
}

/** A date of something that already happened: not in the future. future is the hint saying why, in the command's words. */
export function parsePastDay(input: string, now: Date, flag: string, future: string): Day {
  const day = parseDay(input, now, flag, 'past');
  if (day > toDay(now)) throw new ValidationError(messages.futureDate(flag, day), future);
  return day;
}
