import { isLastMeeting, parseDay, toDay } from '../../../core/dates.ts';
import { ValidationError } from '../../../core/errors.ts';
import { DEFAULT_DRIFT_WEEKS } from '../../../core/figures.ts';
import { messages } from '../../../core/messages.ts';
import { reportPeriod, type Period } from '../../../core/report.ts';
import type { Db } from '../../../store/db.ts';
import { lastMeetingOn } from '../../../store/report.ts';

export interface PeriodOptions {
  since?: string;
  until?: string;
  driftWeeks?: number;
}

/** The period of a report or status from the flags, the clock and the last meeting. */
export function periodFor(db: Db, options: PeriodOptions, now: Date): Period {
  const today = toDay(now);
  const until = options.until === undefined ? today : parseDay(options.until, now, '--until');
  if (until > today) throw new ValidationError(messages.futureUntil(until), messages.futureUntilHint);
  const since =
    options.since === undefined ? undefined : isLastMeeting(options.since) ? 'last-meeting' : parseDay(options.since, now, '--since', messages.badSinceHint);
  return reportPeriod({ since, until, lastMeeting: lastMeetingOn(db, until), driftWeeks: options.driftWeeks ?? DEFAULT_DRIFT_WEEKS });
}
