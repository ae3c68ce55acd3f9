import pkg from '../../../../package.json' with { type: 'json' };
import { loadCalendar } from '../../../app/digest.ts';
import { documentFile } from '../../../core/formats.ts';
import { renderIcs } from '../../../ui/render/calendar.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { writeDocument } from '../../output.ts';

export function run(options: WithArgs<{ out?: string; json?: boolean }>, ctx: Context): void {
  const settings = ctx.settings();
  const now = ctx.now();
  const calendar = loadCalendar(ctx.store(), { settings }, now);
  if (options.json) writeDocument(ctx, options.out, JSON.stringify(calendar, null, 2), { what: 'the calendar', file: documentFile('calendar', 'json') });
  else writeDocument(ctx, options.out, renderIcs(calendar, now, pkg.version), { what: 'the calendar', file: documentFile('calendar', 'ics') });
}
