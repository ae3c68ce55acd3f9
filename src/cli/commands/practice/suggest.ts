import { vagueStoryIds } from '../../../app/story.ts';
import { judgeSuggestion, practiceSuggestions, storySuggestions, type StorySuggestion } from '../../../app/suggest.ts';
import { existingStoryIds } from '../../../app/practice-evidence.ts';
import { CancelledError, ExitCode, UsageError, isSvcError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import type { Practice } from '../../../core/practice.ts';
import type { Story } from '../../../core/story.ts';
import type { PracticeSuggestion } from '../../../core/suggest.ts';
import { practiceSuggestionsJson, practiceSuggestionsText, reasonText, storySuggestionsJson, storySuggestionsText } from '../../../ui/render/suggest.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexForEvidence } from '../../phrases.ts';
import { embedStories } from '../../semantic.ts';
import { requirePractice } from '../../../app/practice.ts';

interface SuggestOptions {
  story?: string;
  review?: boolean;
  limit?: number;
  json?: boolean;
}

const DEFAULT_STORIES = 10;
const DEFAULT_PRACTICES = 3;

export async function run(options: WithArgs<SuggestOptions>, ctx: Context): Promise<void> {
  const name = options.args[0] as string | undefined;
  if ((name === undefined) === (options.story === undefined)) throw new UsageError(messages.suggestTarget, messages.suggestTargetHint);
  if (options.review && name === undefined) throw new UsageError(messages.reviewNeedsPractice, messages.reviewNeedsPracticeHint);
  if (options.review && !ctx.canPrompt) throw new UsageError(messages.suggestReviewNeedsTerminal, messages.suggestReviewNeedsTerminalHint);
  const store = ctx.store();
  // Every check on the arguments before the first write (embedding writes vectors).
  if (name !== undefined) {
    const practice = requirePractice(store, name);
    // Stories its phrases match are its evidence, not suggestions: phrases first, as practices and detect do.
    await indexForEvidence(ctx);
    await embedStories(ctx);
    const suggestions = storySuggestions(store, { practice, limit: options.limit ?? DEFAULT_STORIES });
    if (options.review) await review(practice, suggestions, ctx);
    else printStorySuggestions(practice, suggestions, options.json === true, ctx);
    return;
  }
  const [storyId = 0] = existingStoryIds(store, [String(options.story)]);
  if (vagueStoryIds(store, [storyId]).length > 0) ctx.info(ctx.err.yellow(messages.vagueExamples([storyId])));
  await indexForEvidence(ctx);
  await embedStories(ctx);
  // The practices it is already evidence of are listed apart, never suggested again.
  const { evidenceOf, suggestions } = practiceSuggestions(store, { storyId, limit: options.limit ?? DEFAULT_PRACTICES });
  printPracticeSuggestions(storyId, suggestions, evidenceOf, options.json === true, ctx);
}

type Suggested = StorySuggestion & { story: Story };

function printStorySuggestions(practice: Practice, suggestions: Suggested[], json: boolean, ctx: Context): void {
  if (json) {
    ctx.print(storySuggestionsJson(practice, suggestions));
    return;
  }
  if (suggestions.length === 0) {
    ctx.info(messages.noStorySuggestions(practice.name));
    return;
  }
  ctx.print(storySuggestionsText(practice, suggestions, ctx.out));
  ctx.info(ctx.err.dim(`hint: svc practice suggest "${practice.name}" --review to confirm or reject them`));
}

function printPracticeSuggestions(
  storyId: number,
  suggestions: PracticeSuggestion[],
  linked: Array<{ practiceId: number; name: string }>,
  json: boolean,
  ctx: Context,
): void {
  if (json) {
    ctx.print(practiceSuggestionsJson(storyId, suggestions, linked));
    return;
  }
  if (linked.length > 0) ctx.print(`Story #${storyId} is evidence of: ${linked.map((p) => p.name).join(', ')}`);
  if (suggestions.length === 0) {
    ctx.info(messages.noPracticeSuggestions);
    return;
  }
  ctx.print(practiceSuggestionsText(storyId, suggestions, ctx.out));
  ctx.info(ctx.err.dim(`hint: svc practice link NAME ${storyId} to add it to a practice's evidence`));
}

/** Walks the suggestions: y links the story by hand, n remembers it does not show the practice. */
async function review(practice: Practice, suggestions: Suggested[], ctx: Context): Promise<void> {
  if (suggestions.length === 0) {
    ctx.info(messages.noStorySuggestions(practice.name));
    return;
  }
  const { askReview } = await import('../../prompts.ts');
  let confirmed = 0;
  let rejected = 0;
  for (const s of suggestions) {
    const { story } = s;
    ctx.info(`\n#${story.id} ${story.occurredOn} · ${story.staff.join(', ')}\n${story.text}\n${ctx.err.dim(reasonText(s.reason))}`);
    let answer: Awaited<ReturnType<typeof askReview>>;
    try {
      answer = await askReview(messages.reviewQuestion(story.id));
    } catch (error) {
      // Each answer was saved as it was given: Ctrl-C says which are kept.
      if (isSvcError(error) && error.exitCode === ExitCode.cancelled) throw new CancelledError(messages.cancelledSuggestReview(confirmed, rejected));
      throw error;
    }
    if (answer === 'quit') break;
    if (answer === 'skip') continue;
    judgeSuggestion(ctx.store(), { practiceId: practice.id, storyId: story.id, shows: answer === 'yes' }, ctx.now);
    if (answer === 'yes') confirmed++;
    else rejected++;
  }
  ctx.info(messages.reviewSummary(confirmed, rejected));
}
