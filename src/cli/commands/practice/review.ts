import { confirmReview, reviewProcedure } from '../../../app/review.ts';
import { shellQuote } from '../../../core/status.ts';
import { reviewText } from '../../../ui/render/review.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<{ confirm?: boolean; json?: boolean }>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const input = { practice: String(options.args[0] ?? '') };
  const review = options.confirm ? confirmReview(ctx.store(), input, ctx.now) : reviewProcedure(ctx.store(), input, ctx.now);
  if (options.json) ctx.print(JSON.stringify({ ...review, confirmed: Boolean(options.confirm) }, null, 2));
  else ctx.print(reviewText(review, ctx.look(), Boolean(options.confirm)));
  if (options.confirm) return;
  const name = shellQuote(review.practice);
  ctx.info(ctx.err.dim(`hint: unchanged? svc practice review ${name} --confirm · to change it: svc practice adopt ${name} (drafts version ${review.version + 1} with the stories that go beyond it)`));
}
