import { vagueStoryIds } from '../../../app/story.ts';
import { addPractice, matchersFromInput } from '../../../app/practice-evidence.ts';
import { messages } from '../../../core/messages.ts';
import { checkPracticeName } from '../../../core/practice.ts';
import { practiceViewJson } from '../../../ui/render/practice.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexPhrases } from '../../phrases.ts';

interface AddOptions {
  description?: string;
  tag?: string[];
  phrase?: string[];
  fromStories?: string[];
  json?: boolean;
}

export async function run(options: WithArgs<AddOptions>, ctx: Context): Promise<void> {
  const name = checkPracticeName(String(options.args[0] ?? ''));
  const { matchers, phrases } = await matchersFromInput({ tags: options.tag, phrases: options.phrase });
  // Phrase matchers link stories through their cached phrases: bring them up to date first.
  if (matchers.some((m) => m.kind === 'phrase')) await indexPhrases(ctx);
  const added = addPractice(ctx.store(), { name, description: options.description, matchers, phrases, fromStories: options.fromStories }, ctx.now);
  const { practice, linked, examples } = added;
  if (options.json) ctx.print(JSON.stringify(practiceViewJson(added.view), null, 2));
  else if (!ctx.stdoutIsTTY) ctx.print(String(practice.id));
  ctx.info(
    `${ctx.err.green('Added')} practice "${practice.name}" (candidate)` +
      (matchers.length > 0 ? `; ${linked} ${linked === 1 ? 'story' : 'stories'} linked by ${matcherKinds(matchers)}` : '') +
      (examples.length > 0 ? `; ${examples.map((storyId) => `#${storyId}`).join(', ')} linked by hand` : ''),
  );
  const vague = vagueStoryIds(ctx.store(), examples);
  if (vague.length > 0) ctx.info(ctx.err.yellow(messages.vagueExamples(vague)));
  if (examples.length > 0) ctx.info(ctx.err.dim(`hint: svc practice suggest "${practice.name}" --review to find more stories like these`));
  ctx.info(ctx.err.dim(`hint: svc practice show "${practice.name}" · svc practice link "${practice.name}" STORY_ID to add evidence by hand`));
  // A phrase that matches no story is usually a wording the extractor reads otherwise: say so.
  for (const { typed, label } of added.unmatchedPhrases) {
    ctx.info(ctx.err.yellow(messages.phraseMatchesNothing(typed, label)));
    ctx.info(ctx.err.dim(`hint: ${messages.phraseMatchesNothingHint}`));
  }
  for (const { label, holders } of added.sharedPhrases) {
    ctx.info(ctx.err.dim(messages.phraseShared(label, holders.map((h) => `"${h.practice}" (as "${h.label}")`).join(', '))));
  }
}

/** How the matchers link stories, as the confirmation says it: "tag", "phrase" or "tag and phrase". */
function matcherKinds(matchers: ReadonlyArray<{ kind: 'tag' | 'phrase' }>): string {
  const kinds = new Set(matchers.map((m) => m.kind));
  return kinds.size === 2 ? 'tag and phrase' : [...kinds].join('');
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
