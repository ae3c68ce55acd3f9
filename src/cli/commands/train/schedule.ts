import { ConflictError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { parseComingDay, parseSessionTime } from '../../../core/rhythm.ts';
import { checkedName } from '../../../core/story.ts';
import { plannedSessions, insertPlannedSession } from '../../../store/training-sessions.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePractice } from '../../../app/practice.ts';

interface ScheduleOptions {
  on: string;
  at?: string;
  minutes?: number;
  facilitator?: string;
  json?: boolean;
}

/** Plans a training session ahead, so it reaches the team's calendar (svc calendar). */
export function run(options: WithArgs<ScheduleOptions>, ctx: Context): void {
  const now = ctx.now();
  const plannedOn = parseComingDay(options.on, now, '--on');
  const startsAt = options.at === undefined ? null : parseSessionTime(options.at, '--at');
  const store = ctx.store();
  const practice = requirePractice(store, options.args[0]);
  if (practice.status === 'retired') throw new ConflictError(messages.trainRetired(practice.name), messages.trainRetiredHint(practice.name));
  const facilitator = options.facilitator === undefined ? null : checkedName(options.facilitator, '--facilitator', 'facilitator name') || null;
  const uuid = store.write(() =>
    insertPlannedSession(store.db, { practiceId: practice.id, plannedOn, startsAt, minutes: startsAt ? (options.minutes ?? 60) : null, facilitator }, now.toISOString()),
  );
  const session = plannedSessions(store.db, plannedOn).find((s) => s.uuid === uuid);
  if (options.json) ctx.print(JSON.stringify(session, null, 2));
  ctx.info(messages.sessionPlanned(practice.name, plannedOn, startsAt));
  ctx.info(ctx.err.dim('hint: svc calendar --out team.ics puts it in the team\'s calendar'));
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
