import { toDay } from '../../../core/dates.ts';
import { playbookEntry } from '../../../core/playbook.ts';
import { findPractice, practiceEvidence, practiceStoryIds } from '../../../store/practices.ts';
import { currentProcedure, procedureStates } from '../../../store/procedures.ts';
import { activePeopleCount } from '../../../store/skills.ts';
import { storiesByIds } from '../../../store/stories.ts';
import { trainedPeople } from '../../../store/trainings.ts';
import { renderDocument, type DocumentFormat } from '../../../ui/render/document.ts';
import { playbookDocument } from '../../../ui/render/playbook.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { writeDocument } from '../../output.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ format?: DocumentFormat; out?: string; force?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const db = ctx.store().db;
  const today = toDay(ctx.now());
  const people = activePeopleCount(db);
  const entries = procedureStates(db).map((state) =>
    playbookEntry(
      {
        ...state,
        description: findPractice(db, String(state.practiceId))?.description ?? null,
        procedure: currentProcedure(db, state.practiceId)?.body ?? '',
        evidence: practiceEvidence(db, state.practiceId),
        trained: trainedPeople(db, state.practiceId),
        pool: storiesByIds(db, practiceStoryIds(db, state.practiceId)),
      },
      people,
      today,
    ),
  );
  const text = options.json ? JSON.stringify(entries, null, 2) : renderDocument(playbookDocument(entries, today), options.format ?? 'text');
  writeDocument(ctx, options.out, text, 'the playbook', options.force);
  if (entries.length === 0) ctx.info('No standard practices yet: svc practice adopt NAME --procedure "…" writes the first.');
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
