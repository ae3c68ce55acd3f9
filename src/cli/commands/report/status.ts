import { existsSync } from 'node:fs';
import { assessmentStatus } from '../../../app/assess.ts';
import { loadStatus } from '../../../app/report.ts';
import { messages } from '../../../core/messages.ts';
import { renderStatus } from '../../../ui/render/status.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexForEvidence } from '../../phrases.ts';

/**
 * Where the team stands in the loop. On a database that does not exist yet (or has no
 * story) it prints a getting-started guide, and never creates the file to say so.
 */
export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const { path } = ctx.dbPath();
  if (!existsSync(path) || !ctx.store().report.hasStories()) {
    if (options.json) ctx.print(JSON.stringify({ database: path, stories: 0, stages: [], gettingStarted: messages.gettingStarted }, null, 2));
    else ctx.print(messages.gettingStarted.join('\n'));
    return;
  }
  await indexForEvidence(ctx);
  const store = ctx.store();
  const settings = ctx.settings();
  const assessment = assessmentStatus(store.db, { intervalDays: settings['assess.interval_days'] }, ctx.now());
  const status = loadStatus(store, ctx.now(), settings, { assessment });
  if (options.json) ctx.print(JSON.stringify({ database: path, ...status }, null, 2));
  else ctx.print(renderStatus(status.stages, ctx.out, status));
}
