import type { ProcedureReview } from '../../core/review.ts';
import type { Look } from '../look.ts';
import type { Block, Document } from './document.ts';
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

/** The schedule line: confirmed, due, or when the next review is. */
function scheduleLine(review: ProcedureReview, confirmed: boolean): string {
  if (confirmed) return `Confirmed unchanged: next review on ${review.reviewDueOn}.`;
  return review.due ? `Review due since ${review.reviewDueOn}.` : `Next review on ${review.reviewDueOn}.`;
}

/** `svc practice review --format md|html`: the same review as a document to circulate before the meeting. */
export function reviewDocument(review: ProcedureReview, confirmed: boolean): Document {
  const status: Block = review.due && !confirmed ? { kind: 'warning', text: scheduleLine(review, confirmed) } : { kind: 'paragraph', text: scheduleLine(review, confirmed) };
  const stories: Block[] = review.stories.length
    ? [
        {
          kind: 'table',
          role: 'stories',
          caption: `Stories since version ${review.version}`,
          headers: ['Story', 'Date', 'People', 'Reading', 'Text'],
          rows: review.stories.map((s) => [
            `#${s.id}`,
            s.occurredOn,
            s.people.join(', ') || 'someone',
            s.verdict === 'goes-beyond' ? `goes beyond (${s.adds.join(', ')})` : `follows${s.steps.length ? ` step ${s.steps.join(', ')}` : ''}`,
            s.text,
          ]),
        },
      ]
    : [{ kind: 'paragraph', text: 'None yet: the review has no new evidence to weigh.' }];
  return {
    title: `Review: ${review.practice}`,
    subtitle: `Version ${review.version} · written ${review.writtenOn} · reviewed every ${review.reviewEveryDays} days`,
    sections: [
      {
        role: 'schedule',
        title: 'Schedule',
        blocks: [status, { kind: 'fields', fields: [['Version', String(review.version)], ['Written', review.writtenOn], ['Last reviewed', review.lastReviewedOn ?? 'never'], ['Next review', review.reviewDueOn]] }],
      },
      { role: 'steps', title: 'Steps', blocks: [{ kind: 'list', ordered: true, items: review.steps }] },
      { role: 'stories', title: `Stories since version ${review.version}`, blocks: stories },
      {
        role: 'adds',
        title: 'What the stories add',
        blocks: review.adds.length
          ? [{ kind: 'list', items: review.adds.map((a) => `${a.word} (${a.stories} stories)`) }]
          : [{ kind: 'paragraph', text: 'Nothing the steps do not have already.' }],
      },
    ],
  };
}
