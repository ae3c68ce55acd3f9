import type { ProcedureReview } from '../../core/review.ts';
import type { Look } from '../look.ts';
import { oneLine, truncate } from '../text.ts';

/** `svc practice review` for a terminal or a pipe: the schedule, the steps, each story's verdict, what they add. */
export function reviewText(review: ProcedureReview, look: Look, confirmed: boolean): string {
  const c = look.color;
  const cut = (text: string) => (look.tty ? truncate(oneLine(text), 160) : oneLine(text));
  const out = [
    c.bold(`"${oneLine(review.practice)}" version ${review.version}`) + c.dim(` · written ${review.writtenOn} · reviewed every ${review.reviewEveryDays} days`),
    confirmed
      ? c.green(`Confirmed unchanged: next review on ${review.reviewDueOn}.`)
      : review.due
        ? c.yellow(`Review due since ${review.reviewDueOn}.`)
        : `Next review on ${review.reviewDueOn}.`,
    '',
    c.bold('Steps'),
    ...review.steps.map((step, i) => `  ${i + 1}. ${cut(step)}`),
    '',
    c.bold(`Stories since version ${review.version}`),
  ];
  if (review.stories.length === 0) out.push('  none yet: the review has no new evidence to weigh');
  for (const s of review.stories) {
    const verdict = s.verdict === 'goes-beyond' ? c.yellow(`goes beyond (${s.adds.map(oneLine).join(', ')})`) : `follows${s.steps.length ? ` step ${s.steps.join(', ')}` : ''}`;
    out.push(`  #${s.id} ${s.occurredOn} ${s.people.map(oneLine).join(', ') || 'someone'}: ${verdict}`, `     ${c.dim(cut(s.text))}`);
  }
  if (review.adds.length) out.push('', c.bold('What the stories add'), `  ${review.adds.map((a) => `${oneLine(a.word)} (${a.stories} stories)`).join(' · ')}`);
  return out.join('\n');
}
