import { existsSync } from 'node:fs';
import { DEFAULT_DRIFT_WEEKS } from '../../../core/figures.ts';
import { messages } from '../../../core/messages.ts';
import { buildStatus, type StatusLine } from '../../../core/status.ts';
import type { Db } from '../../../store/db.ts';
import {
  hasStories,
  latestEvidence,
  peopleRecords,
  practiceRecords,
  proceduresDue,
  storiesPerPerson,
  storyCount,
} from '../../../store/report.ts';
import type { Palette } from '../../../ui/color.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { periodFor } from './period.ts';
import { indexForEvidence } from '../../phrases.ts';

/** The loop stages for a database with stories, over the report's default period. */
export function loadStatus(db: Db, now: Date): { since: string; until: string; lastMeeting: string | null; stages: StatusLine[] } {
  const period = periodFor(db, {}, now);
  const stages = db.transaction(() => {
    const perPerson = storiesPerPerson(db, period);
    const active = peopleRecords(db).filter((p) => p.active);
    return buildStatus({
      period,
      stories: storyCount(db, period),
      activePeople: active.length,
      peopleWithStories: active.filter((p) => perPerson.has(p.id)).length,
      practices: practiceRecords(db, period.until),
      latestEvidence: latestEvidence(db, period.drift),
      driftWeeks: DEFAULT_DRIFT_WEEKS,
      proceduresDue: proceduresDue(db, period.until),
    });
  })();
  return { since: period.since, until: period.until, lastMeeting: period.lastMeeting, stages };
}

/** One aligned line per stage: "detect  4 candidates waiting — svc detect --review". */
export function renderStatus(stages: readonly StatusLine[], c: Palette): string {
  const width = Math.max(...stages.map((line) => line.stage.length));
  return stages.map((line) => `${c.bold(line.stage.padEnd(width))}  ${line.figure} ${c.dim('—')} ${c.cyan(line.next)}`).join('\n');
}

/**
 * Where the team stands in the loop. On a database that does not exist yet (or has no
 * story) it prints a getting-started guide, and never creates the file to say so.
 */
export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const { path } = ctx.dbPath();
  if (!existsSync(path) || !hasStories(ctx.store().db)) {
    if (options.json) ctx.print(JSON.stringify({ database: path, stories: 0, stages: [], gettingStarted: messages.gettingStarted }, null, 2));
    else ctx.print(messages.gettingStarted.join('\n'));
    return;
  }
  await indexForEvidence(ctx);
  const status = loadStatus(ctx.store().db, ctx.now());
  if (options.json) ctx.print(JSON.stringify({ database: path, ...status }, null, 2));
  else ctx.print(renderStatus(status.stages, ctx.out));
}
