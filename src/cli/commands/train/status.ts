import { teamFilter } from '../../../app/teams.ts';
import { trainingMatrix } from '../../../app/train.ts';
import { matrixNotes, matrixTable } from '../../../ui/render/train.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ practice?: string; team?: string; json?: boolean }>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const store = ctx.store();
  const team = teamFilter(store, options.team);
  const matrix = trainingMatrix(store, { practice: options.practice, people: team?.activeNames });
  const { people, practices: columns } = matrix;
  if (options.json) {
    ctx.print(JSON.stringify(matrix, null, 2));
    return;
  }
  if (columns.length === 0) {
    ctx.info('No adopted or standard practices yet. Adopt one with: svc practice status NAME adopted');
    return;
  }
  if (people.length === 0) {
    ctx.info('Nobody appears in svc yet: people come from stories and trainings.');
    return;
  }
  ctx.print(matrixTable(columns, people, ctx.look()).trimEnd());
  for (const note of matrixNotes(columns)) ctx.info(note.startsWith('⚠') ? ctx.err.yellow(note) : ctx.err.dim(note));
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
