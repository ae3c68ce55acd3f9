import { teamFilter } from '../../../app/teams.ts';
import { matrixColumn } from '../../../core/training.ts';
import { listPracticeRecords, practiceEvidence } from '../../../store/practices.ts';
import { personNames } from '../../../store/people.ts';
import { trainedPeople } from '../../../store/trainings.ts';
import { matrixNotes, matrixTable } from '../../../ui/render/train.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePractice } from '../../../app/practice.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ practice?: string; team?: string; json?: boolean }>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const store = ctx.store();
  const db = store.db;
  const team = teamFilter(store, options.team);
  const practices = options.practice === undefined ? listPracticeRecords(db, ['adopted', 'standard']) : [requirePractice(store, options.practice)];
  const people = team ? team.activeNames : personNames(db);
  const columns = practices.map((p) => matrixColumn(p, people, trainedPeople(db, p.id), practiceEvidence(db, p.id)));
  if (options.json) {
    ctx.print(JSON.stringify({ people, practices: columns }, null, 2));
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
