import { confirmReview, reviewProcedure } from '../../../app/review.ts';
import { shellQuote } from '../../../core/status.ts';
import { reviewDocument, reviewText } from '../../../ui/render/review.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { writeView, type ViewOutputOptions } from '../../output.ts';
import { indexForEvidence } from '../../phrases.ts';

export async function run(options: WithArgs<ViewOutputOptions & { confirm?: boolean }>, ctx: Context): Promise<void> {
  await indexForEvidence(ctx);
  const input = { practice: String(options.args[0] ?? '') };
  const confirmed = Boolean(options.confirm);
  const review = confirmed ? confirmReview(ctx.store(), input, ctx.now) : reviewProcedure(ctx.store(), input, ctx.now);
  writeView(ctx, options, { what: 'the review', stem: 'review' }, {
    json: () => ({ ...review, confirmed }),
    text: (look) => reviewText(review, look, confirmed),
    document: () => reviewDocument(review, confirmed),
  });
  if (confirmed) return;
  const name = shellQuote(review.practice);
  ctx.info(ctx.err.dim(`hint: unchanged? svc practice review ${name} --confirm · to change it: svc practice adopt ${name} (drafts version ${review.version + 1} with the stories that go beyond it)`));
}
