import { requireTeam, withinTeam } from '../../../app/teams.ts';
import { PRACTICE_STATUSES, summarizePractice, type PracticeStatus } from '../../../core/practice.ts';
import { practiceCounts } from '../../../store/practices.ts';
import { practicesTable } from '../../../ui/render/practice.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ status?: PracticeStatus[]; team?: string; json?: boolean }>, ctx: Context): Promise<void> {
  const team = options.team === undefined ? undefined : requireTeam(ctx.store(), options.team).name;
  await indexForEvidence(ctx);
  const rows = withinTeam(ctx.store(), team, () => practiceCounts(ctx.store().db, options.status)).map(summarizePractice);
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
