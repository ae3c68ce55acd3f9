import { addStory, linkStoryByHand, namesakeChoices, namesakesOf, requirePractices } from '../../../app/story.ts';
import { knownNames, practiceNames } from '../../../app/names.ts';
import { servedColleague } from '../../../app/chain.ts';
import { ConflictError, ExitCode, NotFoundError, SvcError, UsageError, errorCode, isSvcError } from '../../../core/errors.ts';
import { messages } from '../../../core/messages.ts';
import { checkStoryFields, draftStory, type StoryInput } from '../../../core/story.ts';
import { storyInputFromAnswers, storyQuestions } from '../../../core/story-prompt.ts';
import { joinSentences, unique } from '../../../core/text.ts';
import { isVaguePraise } from '../../../core/vague.ts';
import { storyJson, storySummary } from '../../../ui/render/story.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { isOwnInput, listDrafts, removeDraft, saveDraft, whyNotSaved, type StoryDraftFile } from '../../drafts.ts';
import { readStdin } from '../../io.ts';
import { storyInputFromOptions, type StoryFieldOptions } from './fields.ts';

type AddOptions = WithArgs<StoryFieldOptions & { resume?: boolean; practice?: string[]; served?: string }>;

/** A story typed at the prompt and not saved yet: kept as a draft if anything stops it being saved. */
type Unsaved = { input?: StoryInput | undefined; at?: Date | undefined };

export async function run(options: AddOptions, ctx: Context): Promise<void> {
  const unsaved: Unsaved = {};
  try {
    await addTypedStory(options, ctx, unsaved);
  } catch (error) {
    throw keepDraft(ctx, unsaved, error);
  }
}

/**
 * What was typed at the prompt outlives any failure to save it (a database that stayed
 * locked, a server gone away, an unexpected error), but the person's own bad input: it is
 * kept as a draft, and the error says where and how to save it.
 */
function keepDraft(ctx: Context, unsaved: Unsaved, error: unknown): unknown {
  if (!unsaved.input || !unsaved.at || isOwnInput(error)) return error;
  let path: string;
  try {
    path = saveDraft(ctx.env, ctx.shownDb(), unsaved.input, unsaved.at);
  } catch {
    return error; // the draft could not be written either (a full disk): the first failure is the one to report
  }
  if (errorCode(error).startsWith('SQLITE_BUSY')) return new ConflictError(messages.draftKept(path), messages.draftKeptHint);
  const { reason, exitCode } = whyNotSaved(error);
  return new SvcError(messages.draftKeptAfter(reason, path), exitCode, messages.draftKeptAfterHint, error);
}

async function addTypedStory(options: AddOptions, ctx: Context, unsaved: Unsaved): Promise<void> {
  const flags = storyInputFromOptions(options);
  flags.by ??= ctx.settings()['story.by'] ?? undefined;
  // A colleague served is a person: the story is internal, its customer that person.
  const served = options.served === undefined ? undefined : { served: options.served, customer: flags.customer, external: options.external };
  if (served) Object.assign(flags, { customer: servedColleague(ctx.store(), { ...served, staff: flags.staff ?? [] }), internal: true });
  const typedWords = (options.args[0] as string[] | undefined) ?? [];
  // "-" alone is the text on stdin, as a file argument would be (echo x | svc story add - --staff Jo).
  const fromStdin = typedWords.length === 1 && typedWords[0] === '-';
  const words = fromStdin ? [] : typedWords;
  const input: StoryInput = { ...flags, text: words.join(' ') };
  // Bad flags are refused before anyone types a word of the story.
  checkStoryFields(flags, ctx.now());
  // The database opens only when a practice was named: a refused story must leave no file.
  const linked = options.practice?.length ? requirePractices(ctx.store(), options.practice) : [];
  // In the guided prompt, the encoder loads while the person types (unless --practice said it).
  const guided = words.length === 0 && ctx.canPrompt && !options.resume && !fromStdin;
  // Suggestions are a help: if the encoder cannot load, the story is saved without them.
  const capture = guided && linked.length === 0 ? import('./capture.ts').then((m) => m.prepareCapture(ctx)) : undefined;

  // A draft is the story a person typed and svc could not save: offered back, never lost.
  let draft: StoryDraftFile | undefined;
  let typed = false;
  if (options.resume) {
    if (words.length > 0) throw new UsageError(messages.resumeWithText, messages.resumeWithTextHint);
    draft = listDrafts(ctx.env, ctx.shownDb())[0];
    if (!draft) throw new NotFoundError(messages.noDraft, messages.noDraftHint);
    Object.assign(input, draft.input, flags);
  } else if (words.length === 0) {
    if (ctx.canPrompt && !fromStdin) {
      draft = await offerDraft(ctx);
      if (draft) Object.assign(input, draft.input, flags);
      else {
        Object.assign(input, await askForStory(flags, ctx));
        typed = true;
      }
    } else if (!ctx.stdinIsTTY || fromStdin) {
      input.text = await readStdin(ctx.stdin);
      if (!input.text.trim()) throw new UsageError(messages.missingStoryText, messages.missingStoryTextHint);
    } else {
      throw new UsageError(messages.missingStoryText, messages.missingStoryTextHint);
    }
  }

  // Vague praise teaches nobody anything: on a terminal, ask once what they did.
  // The guided prompt asks what exactly they did itself: that answer is never asked for again.
  let askedBehaviour = false;
  if (ctx.canPrompt && !draft && !typed && !fromStdin && input.text?.trim()) {
    askedBehaviour = isVaguePraise(input.text);
    input.text = await askForBehaviour(input.text);
    typed ||= words.length > 0;
  }

  const now = ctx.now();
  if (typed) Object.assign(unsaved, { input, at: now });
  let story = draftStory(input, now); // every check happens before the first write
  // A name two customers have: in a terminal, the person says which (by id); otherwise the oldest, with a note.
  const namesakes = ctx.canPrompt && story.customer !== null ? namesakesOf(ctx.store(), story) : null;
  if (namesakes) {
    const { askChoice } = await import('../../prompts.ts');
    const choices = namesakeChoices(ctx.store(), namesakes).map((c) => ({ name: c.label, value: c.id }));
    story = { ...story, customer: `#${await askChoice(messages.whichCustomer(namesakes.name), choices)}` };
  }
  if (served) servedColleague(ctx.store(), { ...served, staff: story.staff });
  const suggested = capture ? await suggestPractices(ctx, capture, story.text, story.staff) : null;
  const store = ctx.store();
  // Who is new is found in the saving transaction: of several adds at once, only the one that created the person says so.
  const { story: saved, newStaff: newcomers } = addStory(store, { draft: story, practiceIds: linked.map((p) => p.id), vector: suggested?.vector }, now);
  unsaved.input = undefined;
  if (draft) removeDraft(draft.path);
  const id = saved.id;

  if (options.json) ctx.print(JSON.stringify(storyJson(saved), null, 2));
  else if (!ctx.stdoutIsTTY) ctx.print(String(id));
  ctx.info(`${ctx.err.green('Saved')} story ${storySummary(saved, { ...ctx.look(), color: ctx.err })}`);
  // Asked once the story is saved: a person who stops here loses nothing they typed.
  const chosen = suggested?.suggestions.length ? await askPracticeFor(ctx, id, suggested.suggestions) : null;
  if (chosen !== null) linkStoryByHand(store, { storyId: id, practiceIds: [chosen] }, ctx.now());
  const practiceIds = unique([...linked.map((p) => p.id), ...(chosen === null ? [] : [chosen])]);
  if (practiceIds.length > 0) ctx.info(messages.storyLinkedTo(practiceNames(store, practiceIds)));
  for (const person of newcomers) ctx.info(ctx.err.dim(messages.newPerson(person)));
  const unchosen = namesakesOf(store, story);
  if (unchosen) ctx.info(messages.customerNamesakes(unchosen.name, unchosen.linked, unchosen.others, id));
  // Whoever was not just asked what they did (no terminal, or the guided prompt's answer was praise) is told once.
  if (!askedBehaviour && isVaguePraise(saved.text)) ctx.info(messages.vaguePraise(id));
  ctx.info(ctx.err.dim(`hint: svc story show ${id} to read it back · svc stories to see the latest`));
}

/** On a terminal, the newest unsaved story for this database, if the person wants it saved now. */
async function offerDraft(ctx: Context): Promise<StoryDraftFile | undefined> {
  const draft = listDrafts(ctx.env, ctx.shownDb())[0];
  if (!draft) return undefined;
  const text = (draft.input.text ?? '').replace(/\s+/gu, ' ').trim();
  const { askConfirm } = await import('../../prompts.ts');
  const when = draft.savedAt.slice(0, 16).replace('T', ' ');
  return (await askConfirm(messages.draftOffer(when, text.length > 40 ? `${text.slice(0, 39)}…` : text), true)) ? draft : undefined;
}

/** The likeliest practices for the text, and its vector; null when there is none to suggest or the encoder fails. */
async function suggestPractices(
  ctx: Context,
  capture: Promise<import('./capture.ts').CapturePrep>,
  text: string,
  staff: string[],
): Promise<{ suggestions: Array<{ name: string; practiceId: number }>; vector: Uint8Array } | null> {
  const { capture: ready, note } = await capture;
  // Why there are no suggestions, or what they leave out: never skipped in silence.
  if (note) ctx.info(ctx.err.dim(note));
  if (!ready) return null;
  const { suggestForCapture } = await import('./capture.ts');
  return suggestForCapture(ready, text, staff);
}

/**
 * The practice the saved story shows, picked among the suggestions. Ctrl-C skips this
 * question only: the story is saved, so the command succeeds (exit 0) and says it stays
 * unlinked; 130 is kept for a cancel that leaves nothing saved.
 */
async function askPracticeFor(ctx: Context, storyId: number, suggestions: ReadonlyArray<{ name: string; practiceId: number }>): Promise<number | null> {
  const { askCapturePractice } = await import('./capture.ts');
  try {
    return await askCapturePractice(suggestions);
  } catch (error) {
    if (!isSvcError(error) || error.exitCode !== ExitCode.cancelled) throw error;
    ctx.info(messages.storySavedUnlinked(storyId));
    return null;
  }
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
    people: knownNames(store, 'person'),
    tags: knownNames(store, 'tag'),
  });
  const { ask } = await import('../../prompts.ts');
  const asked = storyInputFromAnswers(await ask(questions));
  return { ...asked, ...flags, text: asked.text };
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
