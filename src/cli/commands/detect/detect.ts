import { applyReviewDecisions, detect, rejectedCandidates, type ReviewDecision } from '../../../app/detect.ts';
import { knownNames } from '../../../app/names.ts';
import { checkPeriod, parseDay, toDay } from '../../../core/dates.ts';
import { DEFAULT_LIMIT } from '../../../core/detect.ts';
import { reviewQuestions, type ReviewAction } from '../../../core/detect-prompt.ts';
import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { nameKey } from '../../../core/text.ts';
import { candidateBlock, detectionJson, detectionText, rejectedTable, type DetectionView } from '../../../ui/render/detect.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexPhrases } from '../../phrases.ts';

interface DetectOptions {
  since?: string;
  minStories?: number;
  minStaff?: number;
  limit?: number;
  review?: boolean;
  showRejected?: boolean;
  json?: boolean;
}

export async function run(options: WithArgs<DetectOptions>, ctx: Context): Promise<void> {
  if (options.review && options.json) throw new UsageError(messages.reviewWithJson, messages.reviewWithJsonHint);
  if (options.review && !ctx.canPrompt) throw new UsageError(messages.reviewNeedsTerminal, messages.reviewNeedsTerminalHint);
  const now = ctx.now();
  const since = options.since === undefined ? undefined : parseDay(options.since, now, '--since', 'past');
  // No story is dated after today: a --since past it is a mistake, as in svc report, not "nothing stands out".
  if (since !== undefined) checkPeriod(since, toDay(now));
  const store = ctx.store();

  if (options.showRejected) {
    showRejected(ctx, Boolean(options.json));
    return;
  }

  await indexPhrases(ctx);
  const view = detect(store, {
    since,
    minStories: options.minStories ?? ctx.settings()['detect.min_stories'],
    minStaff: options.minStaff ?? ctx.settings()['detect.min_staff'],
    limit: options.limit ?? DEFAULT_LIMIT,
  });

  if (options.json) {
    ctx.print(JSON.stringify(detectionJson(view), null, 2));
    return;
  }
  if (!options.review) {
    ctx.print(detectionText(view, ctx.look()));
    if (view.practices.length) ctx.info(ctx.err.dim('hint: svc detect --review to accept, merge or reject these candidates'));
    return;
  }

  if (view.practices.length === 0) {
    ctx.info('Nothing to review: no candidate passes the thresholds.');
    return;
  }
  const decisions = await review(view.practices, ctx);
  applyReviewDecisions(store, decisions, now);
  const count = (action: ReviewAction) => decisions.filter((d) => d.action === action).length;
  ctx.info(
    `${ctx.err.green('Reviewed')}: ${count('accept')} accepted, ${count('merge')} merged, ${count('reject')} rejected.` +
      (count('accept') ? ' See them with: svc practices' : ''),
  );
}

async function review(candidates: DetectionView['practices'], ctx: Context): Promise<ReviewDecision[]> {
  const { ask } = await import('../../prompts.ts');
  const practices = knownNames(ctx.store(), 'practice');
  const taken = new Set(practices.map(nameKey));
  const decisions: ReviewDecision[] = [];
  const look = ctx.look();
  for (const [i, candidate] of candidates.entries()) {
    ctx.print(`\n${candidateBlock(candidate, i + 1, look)}\n`);
    const answers = await ask(reviewQuestions({ suggestedName: candidate.name, practices, taken, mergeTarget: candidate.overlap?.practice ?? null }));
    const action = answers.action as ReviewAction;
    if (action === 'quit') break;
    if (action === 'accept') {
      const name = String(answers.name ?? candidate.name).trim();
      taken.add(nameKey(name));
      decisions.push({ action, candidate, name, description: String(answers.description ?? '').trim() });
    } else if (action === 'merge') {
      decisions.push({ action, candidate, practice: String(answers.practice) });
    } else if (action === 'reject') {
      decisions.push({ action, candidate });
    }
  }
  return decisions;
}

function showRejected(ctx: Context, json: boolean): void {
  const rows = rejectedCandidates(ctx.store());
  if (json) {
    ctx.print(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    ctx.info('No rejected candidates.');
    return;
  }
  ctx.print(rejectedTable(rows, ctx.look()));
  ctx.info(ctx.err.dim('hint: svc practice unreject LABEL brings one back'));
}
