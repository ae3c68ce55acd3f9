import { practiceSummaries } from '../../../app/practice-admin.ts';
import { requireTeam } from '../../../app/teams.ts';
import { PRACTICE_STATUSES, type PracticeStatus } from '../../../core/practice.ts';
import { practicesTable } from '../../../ui/render/practice.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ status?: PracticeStatus[]; team?: string; json?: boolean }>, ctx: Context): Promise<void> {
  const team = options.team === undefined ? undefined : requireTeam(ctx.store(), options.team).name;
  await indexForEvidence(ctx);
  const rows = practiceSummaries(ctx.store(), { statuses: options.status, team });
  if (options.json) {
    ctx.print(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    ctx.info(
      options.status
        ? `No ${options.status.join(' or ')} practices (statuses: ${PRACTICE_STATUSES.join(', ')}).`
        : 'No practices yet. Find some with: svc detect, or name one: svc practice add "Call back the same day" --tag call-back',
    );
    return;
  }
  ctx.print(practicesTable(rows, ctx.look()).trimEnd());
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
