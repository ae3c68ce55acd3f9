import { UsageError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { draftStory, type StoryInput } from '../../../core/story.ts';
import { storyInputFromAnswers, storyQuestions } from '../../../core/story-prompt.ts';
import { joinSentences } from '../../../core/text.ts';
import { isVaguePraise } from '../../../core/vague.ts';
import { linkMatchesForStory } from '../../../store/matching.ts';
import { personNames } from '../../../store/people.ts';
import { getStory, insertStory } from '../../../store/stories.ts';
import { tagNames } from '../../../store/tags.ts';
import { storyJson, storySummary } from '../../../ui/render/story.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { readStdin } from '../../io.ts';
import { storyInputFromOptions, type StoryFieldOptions } from './fields.ts';

type AddOptions = WithArgs<StoryFieldOptions>;

export async function run(options: AddOptions, ctx: Context): Promise<void> {
  const flags = storyInputFromOptions(options);
  const words = (options.args[0] as string[] | undefined) ?? [];
  const input: StoryInput = { ...flags, text: words.join(' ') };

  // The guided prompt asks what exactly they did itself: that answer is never asked for again.
  let askedWhatTheyDid = false;
  if (words.length === 0) {
    if (ctx.canPrompt) {
      Object.assign(input, await askForStory(flags, ctx));
      askedWhatTheyDid = true;
    } else if (!ctx.stdinIsTTY) {
      input.text = await readStdin(ctx.stdin);
      if (!input.text.trim()) throw new UsageError(messages.missingStoryText, messages.missingStoryTextHint);
    } else {
      throw new UsageError(messages.missingStoryText, messages.missingStoryTextHint);
    }
  }

  // Vague praise teaches nobody anything: on a terminal, ask once what they did.
  if (ctx.canPrompt && !askedWhatTheyDid && input.text?.trim()) input.text = await askForBehaviour(input.text);

  const now = ctx.now();
  const draft = draftStory(input, now); // every check happens before the first write
  const store = ctx.store();
  const id = store.write(() => {
    const storyId = insertStory(store.db, draft, now.toISOString());
    linkMatchesForStory(store.db, storyId, now.toISOString());
    return storyId;
  });
  const story = getStory(store.db, id);
  if (!story) throw new Error(`story #${id} vanished after saving`);

  if (options.json) ctx.print(JSON.stringify(storyJson(story), null, 2));
  else if (!ctx.stdoutIsTTY) ctx.print(String(id));
  ctx.info(`${ctx.err.green('Saved')} story ${storySummary(story, { ...ctx.look(), color: ctx.err })}`);
  if (!ctx.canPrompt && isVaguePraise(story.text)) ctx.info(messages.vaguePraise(id));
  ctx.info(ctx.err.dim(`hint: svc story show ${id} to read it back · svc stories to see the latest`));
}

/** The text, with what exactly they did appended as a sentence when it named no behaviour. */
async function askForBehaviour(text: string): Promise<string> {
  if (!isVaguePraise(text)) return text;
  const { askText } = await import('../../prompts.ts');
  const answer = (await askText(messages.vaguePraiseQuestion)).trim();
  return answer ? joinSentences([text, answer]) : text;
}

async function askForStory(flags: StoryInput, ctx: Context): Promise<StoryInput> {
  const store = ctx.store();
  const questions = storyQuestions({
    given: {
      staff: flags.staff !== undefined,
      customer: flags.customer !== undefined,
      channel: flags.channel !== undefined,
      trigger: flags.trigger !== undefined,
      tags: flags.tags !== undefined,
    },
    people: personNames(store.db),
    tags: tagNames(store.db),
  });
  const { ask } = await import('../../prompts.ts');
  const asked = storyInputFromAnswers(await ask(questions));
  return { ...asked, ...flags, text: asked.text };
}
