/**
 * How figures read, in one place: counts with the noun that agrees, shares as percent,
 * days as people say them on a terminal. Counts and percent live in core/text.ts, as core
 * builds sentences too (status, risks); renderers take them from here.
 */
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { fromDay, toDay } from '../core/dates.ts';

export { countOf, percent } from '../core/text.ts';

/** "today", "yesterday", "3 days ago" on a terminal; the ISO date otherwise. */
export function formatDay(day: string, now: Date, relative: boolean): string {
  if (!relative) return day;
  const today = toDay(now);
  if (day === today) return 'today';
  if (day > today) return day;
  const yesterday = toDay(new Date(now.getTime() - 86_400_000));
  if (day === yesterday) return 'yesterday';
  const distance = formatDistanceStrict(fromDay(day), fromDay(today), { roundingMethod: 'floor' });
  return `${distance} ago`;
}
