import { applyReviewDecision, detect, overlapOf, rejectedCandidates, type ReviewDecision, type ReviewOutcome } from '../../../app/detect.ts';
import { knownNames } from '../../../app/names.ts';
import { checkPeriod, parseDay, toDay } from '../../../core/dates.ts';
import { DEFAULT_LIMIT, bareActionsOf, mergeTargetOf } from '../../../core/detect.ts';
import { reviewQuestions, type ReviewAction } from '../../../core/detect-prompt.ts';
import type { Answers } from '../../../core/prompt.ts';
import { CancelledError, ExitCode, UsageError, isSvcError } from '../../../core/errors.ts';
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
  const outcomes = await review(view.practices, ctx);
  const count = (action: ReviewAction) => outcomes.filter((o) => o.decision.action === action).length;
  ctx.info(
    `${ctx.err.green('Reviewed')}: ${count('accept')} accepted, ${count('merge')} merged, ${count('reject')} rejected.` +
      (count('accept') ? ' See them with: svc practices' : ''),
  );
}

/** One candidate after another; each decision is saved as it is made, so Ctrl-C keeps those already made. */
async function review(candidates: DetectionView['practices'], ctx: Context): Promise<ReviewOutcome[]> {
  const { ask } = await import('../../prompts.ts');
  const store = ctx.store();
  const practices = knownNames(store, 'practice');
  const taken = new Set(practices.map(nameKey));
  const outcomes: ReviewOutcome[] = [];
  const look = ctx.look();
  for (const [i, shown] of candidates.entries()) {
    // Practices accepted or merged into earlier in this review count as overlaps too.
    const candidate = { ...shown, overlap: overlapOf(store, shown) };
    ctx.print(`\n${candidateBlock(candidate, i + 1, look)}\n`);
    const storiesOnly = bareActionsOf(candidate);
    let answers: Answers;
    try {
      answers = await ask(reviewQuestions({ suggestedName: candidate.name, practices, taken, mergeTarget: mergeTargetOf(candidate), storiesOnly }));
    } catch (error) {
      if (isSvcError(error) && error.exitCode === ExitCode.cancelled) throw new CancelledError(messages.cancelledReview(outcomes.map(decidedText)));
      throw error;
    }
    const action = answers.action as ReviewAction;
    if (action === 'quit') break;
    let decision: ReviewDecision;
    if (action === 'accept') {
      const name = String(answers.name ?? candidate.name).trim();
      decision = { action, candidate, name, description: String(answers.description ?? '').trim() };
    } else if (action === 'merge') {
      decision = { action, candidate, practice: String(answers.practice) };
    } else if (action === 'reject') {
      decision = { action, candidate };
    } else continue;
    const outcome = applyReviewDecision(store, decision, ctx.now());
    outcomes.push(outcome);
    if (decision.action === 'accept') {
      taken.add(nameKey(decision.name));
      practices.push(decision.name);
    }
    if (outcome.leftAsMatchers.length) {
      const into = decision.action === 'merge' ? decision.practice : decision.action === 'accept' ? decision.name : '';
      ctx.info(messages.mergedStoriesOnly(decision.action === 'accept' ? 'Linked' : 'Merged', candidate.stories, into, outcome.leftAsMatchers));
    }
  }
  return outcomes;
}

/** "accepted "call back"", as the cancel message lists what was kept. */
function decidedText({ decision }: ReviewOutcome): string {
  if (decision.action === 'accept') return messages.reviewDecided('accept', decision.name);
  if (decision.action === 'merge') return messages.reviewDecided('merge', decision.candidate.name, decision.practice);
  return messages.reviewDecided('reject', decision.candidate.name);
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
