import { NotFoundError, UsageError } from '../../../core/errors.ts';
import type { Practice } from '../../../core/practice.ts';
import { unique } from '../../../core/text.ts';
import type { Db } from '../../../store/db.ts';
import { findPractice, linkEvidence } from '../../../store/practices.ts';
import { saveStoryVectors } from '../../../store/vectors.ts';
import { messages } from '../../../core/messages.ts';
import { draftStory, type StoryInput } from '../../../core/story.ts';
import { storyInputFromAnswers, storyQuestions } from '../../../core/story-prompt.ts';
import { namesBehaviour } from '../../../core/vague.ts';
import { linkMatchesForStory } from '../../../store/matching.ts';
import { personNames } from '../../../store/people.ts';
import { getStory, insertStory } from '../../../store/stories.ts';
import { tagNames } from '../../../store/tags.ts';
import { storyJson, storySummary } from '../../../ui/render/story.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { readStdin } from '../../io.ts';
import { storyInputFromOptions, type StoryFieldOptions } from './fields.ts';

type AddOptions = WithArgs<StoryFieldOptions & { practice?: string[] }>;

/** The --practice names as practices, all found before anything is saved. */
function practicesFromFlags(db: Db, names: string[] | undefined): Practice[] {
  return unique((names ?? []).map((name) => name.trim()).filter(Boolean)).map((name) => {
    const practice = findPractice(db, name);
    if (!practice) throw new NotFoundError(messages.practiceNotFound(name), messages.practiceNotFoundHint);
    return practice;
  });
}

export async function run(options: AddOptions, ctx: Context): Promise<void> {
  const flags = storyInputFromOptions(options);
  const words = (options.args[0] as string[] | undefined) ?? [];
  const input: StoryInput = { ...flags, text: words.join(' ') };
  // The database opens only when a practice was named: a refused story must leave no file.
  const linked = options.practice?.length ? practicesFromFlags(ctx.store().db, options.practice) : [];
  // In the guided prompt, the encoder loads while the person types (unless --practice said it).
  const guided = words.length === 0 && ctx.canPrompt;
  // Suggestions are a help: if the encoder cannot load, the story is saved without them.
  const capture = guided && linked.length === 0 ? import('./capture.ts').then((m) => m.prepareCapture(ctx)).catch(() => null) : undefined;

  if (words.length === 0) {
    if (ctx.canPrompt) {
      Object.assign(input, await askForStory(flags, ctx));
    } else if (!ctx.stdinIsTTY) {
      input.text = await readStdin(ctx.stdin);
      if (!input.text.trim()) throw new UsageError(messages.missingStoryText, messages.missingStoryTextHint);
    } else {
      throw new UsageError(messages.missingStoryText, messages.missingStoryTextHint);
    }
  }

  // Vague praise teaches nobody anything: on a terminal, ask once what they did.
  if (ctx.canPrompt && input.text?.trim()) input.text = await askForBehaviour(input.text, ctx);

  const now = ctx.now();
  const draft = draftStory(input, now); // every check happens before the first write
  const chosen = capture ? await chooseCapturePractice(capture, draft.text, draft.staff) : null;
  const store = ctx.store();
  const practiceIds = unique([...linked.map((p) => p.id), ...(chosen?.practiceId ? [chosen.practiceId] : [])]);
  const id = store.write(() => {
    const storyId = insertStory(store.db, draft, now.toISOString());
    linkMatchesForStory(store.db, storyId, now.toISOString());
    // Linked by a person: evidence of the highest standing, never undone by detection.
    for (const practiceId of practiceIds) linkEvidence(store.db, practiceId, storyId, 'manual', now.toISOString());
    if (chosen) saveStoryVectors(store.db, [{ storyId, vector: chosen.vector }]);
    return storyId;
  });
  const story = getStory(store.db, id);
  if (!story) throw new Error(`story #${id} vanished after saving`);

  if (options.json) ctx.print(JSON.stringify(storyJson(story), null, 2));
  else if (!ctx.stdoutIsTTY) ctx.print(String(id));
  ctx.info(`${ctx.err.green('Saved')} story ${storySummary(story, { ...ctx.look(), color: ctx.err })}`);
  if (practiceIds.length > 0) ctx.info(messages.storyLinkedTo(practiceIds.map((pid) => findPractice(store.db, String(pid))?.name ?? `#${pid}`)));
  if (!ctx.canPrompt && !namesBehaviour(story.text)) ctx.info(messages.vaguePraise(id));
  ctx.info(ctx.err.dim(`hint: svc story show ${id} to read it back · svc stories to see the latest`));
}

/** The practice picked among the likeliest for the text; null when there is none to suggest or the encoder fails. */
async function chooseCapturePractice(
  capture: Promise<import('./capture.ts').Capture | null>,
  text: string,
  staff: string[],
): Promise<{ practiceId: number | null; vector: Uint8Array } | null> {
  const ready = await capture;
  if (!ready) return null;
  const { choosePractice } = await import('./capture.ts');
  return choosePractice(ready, text, staff);
}

/** The text, with what exactly they did appended when it named no behaviour (loads the NLP model). */
async function askForBehaviour(text: string, ctx: Context): Promise<string> {
  const { phrasesOf } = await import('../../../core/nlp.ts');
  if (phrasesOf(text).some((p) => p.kind !== 'quality')) return text;
  const { askText } = await import('../../prompts.ts');
  const answer = (await askText(messages.vaguePraiseQuestion)).trim();
  if (!answer) return text;
  return `${text.trimEnd()}${/[.!?]$/u.test(text.trimEnd()) ? '' : '.'} ${answer}`;
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
