import { servedColleague } from '../../../app/chain.ts';
import { ConflictError, NotFoundError, UsageError, errorCode } from '../../../core/errors.ts';
import type { Practice } from '../../../core/practice.ts';
import type { Db } from '../../../store/db.ts';
import { findPractice, linkEvidence } from '../../../store/practices.ts';
import { saveStoryVectors } from '../../../store/vectors.ts';
import { messages } from '../../../core/messages.ts';
import { checkStoryFields, draftStory, type StoryInput } from '../../../core/story.ts';
import { storyInputFromAnswers, storyQuestions } from '../../../core/story-prompt.ts';
import { joinSentences, unique } from '../../../core/text.ts';
import { isVaguePraise } from '../../../core/vague.ts';
import { linkMatchesForStory } from '../../../store/matching.ts';
import { personNames } from '../../../store/people.ts';
import { getStory, insertStory } from '../../../store/stories.ts';
import { tagNames } from '../../../store/tags.ts';
import { storyJson, storySummary } from '../../../ui/render/story.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { listDrafts, removeDraft, saveDraft, type StoryDraftFile } from '../../drafts.ts';
import { readStdin } from '../../io.ts';
import { storyInputFromOptions, type StoryFieldOptions } from './fields.ts';

type AddOptions = WithArgs<StoryFieldOptions & { resume?: boolean; practice?: string[]; served?: string }>;

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
  flags.by ??= ctx.settings()['story.by'] ?? undefined;
  // A colleague served is a person: the story is internal, its customer that person.
  const served = options.served === undefined ? undefined : { served: options.served, customer: flags.customer, external: options.external };
  if (served) Object.assign(flags, { customer: servedColleague(ctx.store(), { ...served, staff: flags.staff ?? [] }), internal: true });
  const words = (options.args[0] as string[] | undefined) ?? [];
  const input: StoryInput = { ...flags, text: words.join(' ') };
  // Bad flags are refused before anyone types a word of the story.
  checkStoryFields(flags, ctx.now());
  // The database opens only when a practice was named: a refused story must leave no file.
  const linked = options.practice?.length ? practicesFromFlags(ctx.store().db, options.practice) : [];
  // In the guided prompt, the encoder loads while the person types (unless --practice said it).
  const guided = words.length === 0 && ctx.canPrompt && !options.resume;
  // Suggestions are a help: if the encoder cannot load, the story is saved without them.
  const capture = guided && linked.length === 0 ? import('./capture.ts').then((m) => m.prepareCapture(ctx)).catch(() => null) : undefined;

  // A draft is the story a person typed and svc could not save: offered back, never lost.
  let draft: StoryDraftFile | undefined;
  let typed = false;
  if (options.resume) {
    if (words.length > 0) throw new UsageError(messages.resumeWithText, messages.resumeWithTextHint);
    draft = listDrafts(ctx.env, ctx.dbPath().path)[0];
    if (!draft) throw new NotFoundError(messages.noDraft, messages.noDraftHint);
    Object.assign(input, draft.input, flags);
  } else if (words.length === 0) {
    if (ctx.canPrompt) {
      draft = await offerDraft(ctx);
      if (draft) Object.assign(input, draft.input, flags);
      else {
        Object.assign(input, await askForStory(flags, ctx));
        typed = true;
      }
    } else if (!ctx.stdinIsTTY) {
      input.text = await readStdin(ctx.stdin);
      if (!input.text.trim()) throw new UsageError(messages.missingStoryText, messages.missingStoryTextHint);
    } else {
      throw new UsageError(messages.missingStoryText, messages.missingStoryTextHint);
    }
  }

  // Vague praise teaches nobody anything: on a terminal, ask once what they did.
  // The guided prompt asks what exactly they did itself: that answer is never asked for again.
  if (ctx.canPrompt && !draft && !typed && input.text?.trim()) {
    input.text = await askForBehaviour(input.text);
    typed ||= words.length > 0;
  }

  const now = ctx.now();
  const story = draftStory(input, now); // every check happens before the first write
  if (served) servedColleague(ctx.store(), { ...served, staff: story.staff });
  const chosen = capture ? await chooseCapturePractice(capture, story.text, story.staff) : null;
  const store = ctx.store();
  const practiceIds = unique([...linked.map((p) => p.id), ...(chosen?.practiceId ? [chosen.practiceId] : [])]);
  let id: number;
  try {
    id = store.write(() => {
      const storyId = insertStory(store.db, story, now.toISOString());
      linkMatchesForStory(store.db, storyId, now.toISOString());
      // Linked by a person: evidence of the highest standing, never undone by detection.
      for (const practiceId of practiceIds) linkEvidence(store.db, practiceId, storyId, 'manual', now.toISOString());
      if (chosen) saveStoryVectors(store.db, [{ storyId, vector: chosen.vector }]);
      return storyId;
    });
  } catch (error) {
    // What was typed at the prompt outlives a database that stayed locked.
    if (typed && errorCode(error).startsWith('SQLITE_BUSY')) {
      const path = saveDraft(ctx.env, store.path, input, now);
      throw new ConflictError(messages.draftKept(path), messages.draftKeptHint);
    }
    throw error;
  }
  if (draft) removeDraft(draft.path);
  const saved = getStory(store.db, id);
  if (!saved) throw new Error(`story #${id} vanished after saving`);

  if (options.json) ctx.print(JSON.stringify(storyJson(saved), null, 2));
  else if (!ctx.stdoutIsTTY) ctx.print(String(id));
  ctx.info(`${ctx.err.green('Saved')} story ${storySummary(saved, { ...ctx.look(), color: ctx.err })}`);
  if (practiceIds.length > 0) ctx.info(messages.storyLinkedTo(practiceIds.map((pid) => findPractice(store.db, String(pid))?.name ?? `#${pid}`)));
  if (!ctx.canPrompt && isVaguePraise(saved.text)) ctx.info(messages.vaguePraise(id));
  ctx.info(ctx.err.dim(`hint: svc story show ${id} to read it back · svc stories to see the latest`));
}

/** On a terminal, the newest unsaved story for this database, if the person wants it saved now. */
async function offerDraft(ctx: Context): Promise<StoryDraftFile | undefined> {
  const draft = listDrafts(ctx.env, ctx.dbPath().path)[0];
  if (!draft) return undefined;
  const text = (draft.input.text ?? '').replace(/\s+/gu, ' ').trim();
  const { askConfirm } = await import('../../prompts.ts');
  const when = draft.savedAt.slice(0, 16).replace('T', ' ');
  return (await askConfirm(messages.draftOffer(when, text.length > 40 ? `${text.slice(0, 39)}…` : text), true)) ? draft : undefined;
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
