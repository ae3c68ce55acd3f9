import { practiceDetail, practiceViewJson } from '../../../ui/render/practice.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { requirePractice } from './find.ts';
import { buildPracticeView } from './view.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ json?: boolean }>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const db = ctx.store().db;
  const view = buildPracticeView(db, requirePractice(db, options.args[0]));
  ctx.print(options.json ? JSON.stringify(practiceViewJson(view), null, 2) : practiceDetail(view, ctx.look()).trimEnd());
}
