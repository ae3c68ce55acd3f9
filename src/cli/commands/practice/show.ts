import { practiceSuccession } from '../../../app/succession.ts';
import { practiceDetail, practiceViewJson } from '../../../ui/render/practice.ts';
import { pairingsText } from '../../../ui/render/succession.ts';
import { jsonObjectChunks } from '../../../ui/json-stream.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { buildPracticeView, requirePractice } from '../../../app/practice.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const store = ctx.store();
  const view = buildPracticeView(store, requirePractice(store, options.args[0]));
  // A practice's evidence can run to hundreds of thousands of stories: written a page at a time.
  const pairings = practiceSuccession(ctx.store(), view.practice.id);
  if (options.json) ctx.printPieces(jsonObjectChunks({ ...practiceViewJson(view), succession: pairings }, 'evidence'));
  else ctx.print(practiceDetail(view, ctx.look()).trimEnd() + pairingsText(pairings, ctx.look()));
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
