import { scheduleTraining } from '../../../app/train.ts';
import { messages } from '../../../core/messages.ts';
import { parseComingDay, parseSessionTime } from '../../../core/rhythm.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

interface ScheduleOptions {
  on: string;
  at?: string;
  minutes?: number;
  facilitator?: string;
  json?: boolean;
}

/** Plans a training session ahead, so it reaches the team's calendar (svc calendar). */
export function run(options: WithArgs<ScheduleOptions>, ctx: Context): void {
  // Parsed before the database is opened: a mistyped day creates nothing.
  const now = ctx.now();
  const plannedOn = parseComingDay(options.on, now, '--on');
  const startsAt = options.at === undefined ? null : parseSessionTime(options.at, '--at');
  const { practice, session } = scheduleTraining(
    ctx.store(),
    { practice: String(options.args[0] ?? ''), plannedOn, startsAt, minutes: options.minutes, facilitator: options.facilitator },
    ctx.now,
  );
  if (options.json) ctx.print(JSON.stringify(session, null, 2));
  ctx.info(messages.sessionPlanned(practice.name, plannedOn, startsAt));
  ctx.info(ctx.err.dim('hint: svc calendar --out team.ics puts it in the team\'s calendar'));
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
