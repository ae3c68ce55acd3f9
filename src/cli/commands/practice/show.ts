import { practiceSuccession } from '../../../app/succession.ts';
import { practiceDetail, practiceViewJson } from '../../../ui/render/practice.ts';
import { pairingsText } from '../../../ui/render/succession.ts';
import { jsonObjectChunks } from '../../../ui/json-stream.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { buildPracticeView, requirePractice } from '../../../app/practice.ts';
import { indexPhrases } from '../../phrases.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  const store = ctx.store();
  const practice = requirePractice(store, options.args[0]);
  // Its stories' qualities come from the phrase index, as the report's do: bring it up to date first.
  await indexPhrases(ctx, { summary: false });
  const view = buildPracticeView(store, practice, ctx.now());
  // A practice's evidence can run to hundreds of thousands of stories: written a page at a time.
  const pairings = practiceSuccession(ctx.store(), view.practice.id);
  if (options.json) ctx.printPieces(jsonObjectChunks({ ...practiceViewJson(view), succession: pairings }, 'evidence'));
  else ctx.print(practiceDetail(view, ctx.look()).trimEnd() + pairingsText(pairings, ctx.look()));
}

/** Its output may run long: on a terminal it goes through the pager. */
export const pages = true;
