import { existsSync } from 'node:fs';
import { hasStories } from '../../../app/report.ts';
import { loadTeamStatus } from '../../../app/report-view.ts';
import { requireTeam } from '../../../app/teams.ts';
import { messages } from '../../../core/messages.ts';
import { programmeLines } from '../../../ui/render/programme.ts';
import { renderStatus } from '../../../ui/render/status.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexForEvidence } from '../../phrases.ts';

/**
 * Where the team stands in the loop. On a database that does not exist yet (or has no
 * story) it prints a getting-started guide, and never creates the file to say so.
 */
export async function run(options: WithArgs<{ json?: boolean; team?: string }>, ctx: Context): Promise<void> {
  const { path, engine } = ctx.dbPath();
  const database = ctx.shownDb();
  if ((engine === 'sqlite' && !existsSync(path)) || !hasStories(ctx.store())) {
    if (options.json) ctx.print(JSON.stringify({ database, stories: 0, stages: [], gettingStarted: messages.gettingStarted }, null, 2));
    else ctx.print(messages.gettingStarted.join('\n'));
    return;
  }
  const team = options.team === undefined ? undefined : requireTeam(ctx.store(), options.team).name;
  await indexForEvidence(ctx);
  const { status, programme } = loadTeamStatus(ctx.store(), { settings: ctx.settings(), team }, ctx.now());
  if (options.json) ctx.print(JSON.stringify({ database, ...(team === undefined ? {} : { team }), ...status, programme }, null, 2));
  else ctx.print(renderStatus(status.stages, ctx.out, status, programmeLines(programme, ctx.out)));
}
