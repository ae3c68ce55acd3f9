import { judgeSuggestion, practiceSuggestions, storySuggestions, type StorySuggestion } from '../../../app/suggest.ts';
import { existingStoryIds } from '../../../app/practice-evidence.ts';
import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import type { Practice } from '../../../core/practice.ts';
import type { Story } from '../../../core/story.ts';
import type { PracticeSuggestion, SuggestionReason } from '../../../core/suggest.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
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
    await embedStories(ctx);
    const suggestions = storySuggestions(store, { practice, limit: options.limit ?? DEFAULT_STORIES });
    if (options.review) await review(practice, suggestions, ctx);
    else printStorySuggestions(practice, suggestions, options.json === true, ctx);
    return;
  }
  const [storyId = 0] = existingStoryIds(store, [String(options.story)]);
  await embedStories(ctx);
  // The practices it is already evidence of are listed apart, never suggested again.
  const { evidenceOf, suggestions } = practiceSuggestions(store, { storyId, limit: options.limit ?? DEFAULT_PRACTICES });
  printPracticeSuggestions(storyId, suggestions, evidenceOf, options.json === true, ctx);
}

/** "like #7 (0.71) · words: rang, back · qualifier: timing" */
export function reasonText(reason: SuggestionReason): string {
  const parts: string[] = [];
  if (reason.nearestStoryId !== null) parts.push(`like #${reason.nearestStoryId} (${reason.similarity.toFixed(2)})`);
  if (reason.words.length > 0) parts.push(`words: ${reason.words.join(', ')}`);
  if (reason.qualifiers.length > 0) parts.push(`qualifier: ${reason.qualifiers.join(', ')}`);
  return parts.join(' · ') || 'its name';
}

function reasonJson(reason: SuggestionReason) {
  return { nearestStoryId: reason.nearestStoryId, similarity: round(reason.similarity), words: reason.words, qualifiers: reason.qualifiers };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function excerpt(text: string, width = 90): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

type Suggested = StorySuggestion & { story: Story };

function printStorySuggestions(practice: Practice, suggestions: Suggested[], json: boolean, ctx: Context): void {
  if (json) {
    const out = suggestions.map((s) => ({ storyId: s.storyId, score: round(s.score), text: s.story.text, reason: reasonJson(s.reason) }));
    ctx.print(JSON.stringify({ practice: { id: practice.id, name: practice.name }, suggestions: out }, null, 2));
    return;
  }
  if (suggestions.length === 0) {
    ctx.info(messages.noStorySuggestions(practice.name));
    return;
  }
  ctx.print(`Stories likely to show "${practice.name}", likeliest first:`);
  for (const s of suggestions) {
    ctx.print(`  #${String(s.storyId).padEnd(6)} ${excerpt(s.story.text)}`);
    ctx.print(`          ${ctx.out.dim(reasonText(s.reason))}`);
  }
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
    const out = suggestions.map((s) => ({ practiceId: s.practiceId, name: s.name, score: round(s.score), reason: reasonJson(s.reason) }));
    ctx.print(JSON.stringify({ storyId, evidenceOf: linked, suggestions: out }, null, 2));
    return;
  }
  if (linked.length > 0) ctx.print(`Story #${storyId} is evidence of: ${linked.map((p) => p.name).join(', ')}`);
  if (suggestions.length === 0) {
    ctx.info(messages.noPracticeSuggestions);
    return;
  }
  ctx.print(`Practices story #${storyId} likely shows, likeliest first:`);
  suggestions.forEach((s, i) => {
    ctx.print(`  ${i + 1}. ${s.name}`);
    ctx.print(`     ${ctx.out.dim(reasonText(s.reason))}`);
  });
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
    const answer = await askReview(messages.reviewQuestion(story.id));
    if (answer === 'quit') break;
    if (answer === 'skip') continue;
    judgeSuggestion(ctx.store(), { practiceId: practice.id, storyId: story.id, shows: answer === 'yes' }, ctx.now);
    if (answer === 'yes') confirmed++;
    else rejected++;
  }
  ctx.info(messages.reviewSummary(confirmed, rejected));
}
