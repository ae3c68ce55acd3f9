import pkg from '../../../../package.json' with { type: 'json' };
import { toDay } from '../../../core/dates.ts';
import { buildCalendar, buildRhythm, rhythmSettings } from '../../../core/rhythm.ts';
import { loadRhythmInput, teamIdentity } from '../../../store/rhythm.ts';
import { renderIcs } from '../../../ui/render/calendar.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { writeDocument } from '../../output.ts';

export function run(options: WithArgs<{ out?: string; json?: boolean }>, ctx: Context): void {
  const settings = ctx.settings();
  const now = ctx.now();
  const today = toDay(now);
  const store = ctx.store();
  const { team, input } = store.write(() => ({ team: teamIdentity(store.db, today), input: loadRhythmInput(store.db, today) }));
  const rhythm = buildRhythm({ ...input, settings: rhythmSettings(settings) });
  const calendar = buildCalendar(rhythm, { name: settings['team.name'], ...team }, settings['interview.interval_days']);
  if (options.json) writeDocument(ctx, options.out, JSON.stringify(calendar, null, 2), 'the calendar');
  else writeDocument(ctx, options.out, renderIcs(calendar, now, pkg.version), 'the calendar');
}
