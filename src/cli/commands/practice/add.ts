import { ConflictError, ValidationError } from '../../../core/errors.ts';
import { cappedText, MAX_NOTE_LENGTH, MAX_PHRASE_LENGTH } from '../../../core/limits.ts';
import { MAX_TAG_LENGTH, tagName } from '../../../core/story.ts';
import { messages } from '../../../core/messages.ts';
import { checkPracticeName, matcherLabel, type Matcher } from '../../../core/practice.ts';
import type { QualifierKind } from '../../../core/qualifiers.ts';
import { normalizePhrase } from '../../../core/text.ts';
import type { Db } from '../../../store/db.ts';
import { linkMatchesForPractice } from '../../../store/matching.ts';
import { countPhraseStories } from '../../../store/phrases.ts';
import { createPractice, findPractice, matcherOwner, phraseHolders } from '../../../store/practices.ts';
import { practiceViewJson } from '../../../ui/render/practice.ts';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';
import { indexPhrases } from '../../phrases.ts';
import { storyIdsFromArgs } from './link.ts';
import { buildPracticeView } from '../../../app/practice.ts';

/** A typed phrase as a matcher's value and details. */
export type PhraseReader = (text: string) => { key: string; qualifier?: QualifierKind };

/** The extractor's phrase key and details, loading the NLP model only when phrases were given. */
export async function phraseKeyFunction(phrases: string[] | undefined): Promise<PhraseReader> {
  if (!phrases?.length) return (text) => ({ key: normalizePhrase(text) });
  const { phraseMatcherOf } = await import('../../../core/nlp.ts');
  return phraseMatcherOf;
}

interface AddOptions {
  description?: string;
  tag?: string[];
  phrase?: string[];
  fromStories?: string[];
  json?: boolean;
}

/** The --from-stories ids: one or two existing stories, the examples a practice is named from. */
function exampleStoryIds(db: Db, values: string[] | undefined): number[] {
  if (values === undefined) return [];
  const ids = storyIdsFromArgs(db, values);
  if (ids.length > 2) throw new ValidationError(messages.fromStoriesCount(ids.length), messages.fromStoriesCountHint);
  return ids;
}

/**
 * Tag and phrase matchers from the flags, normalised; an empty one is an error. A phrase
 * becomes the key the extractor stores ("called back" → "call back"), with the qualifier
 * written after it as its details, when a phrase reader is given.
 */
export function matchersFromFlags(tags: string[] = [], phrases: string[] = [], phraseOf: PhraseReader = (text) => ({ key: normalizePhrase(text) })): Matcher[] {
  const check = (value: string, flag: string, max: number) => {
    cappedText(value, flag, max);
    return value;
  };
  const empty = (flag: string) => new ValidationError(messages.emptyMatcher(flag), messages.emptyMatcherHint(flag));
  const all: Matcher[] = [
    ...tags.map((typed): Matcher => {
      const value = tagName(check(typed, '--tag', MAX_TAG_LENGTH));
      if (!value) throw empty('--tag');
      return { kind: 'tag', value };
    }),
    ...phrases.map((typed): Matcher => {
      const { key, qualifier } = phraseOf(check(typed, '--phrase', MAX_PHRASE_LENGTH));
      if (!key) throw empty('--phrase');
      return qualifier ? { kind: 'phrase', value: key, qualifier } : { kind: 'phrase', value: key };
    }),
  ];
  const seen = new Set<string>();
  return all.filter((m) => {
    const id = `${m.kind}\u0000${m.value}\u0000${m.qualifier ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Refuses matchers that already link stories to another practice: the same tag, or the
 * same phrase with the same details. The same phrase with other details is another matcher.
 */
export function checkMatchersFree(db: Db, matchers: Matcher[], practiceId?: number): void {
  for (const m of matchers) {
    const owner = matcherOwner(db, m);
    if (owner !== undefined && findPractice(db, owner)?.id !== practiceId) {
      throw new ConflictError(messages.matcherTaken(m.kind, matcherLabel(m), owner), messages.matcherTakenHint);
    }
  }
}

export async function run(options: WithArgs<AddOptions>, ctx: Context): Promise<void> {
  const name = checkPracticeName(String(options.args[0] ?? ''));
  const phraseOf = await phraseKeyFunction(options.phrase);
  const matchers = matchersFromFlags(options.tag, options.phrase, phraseOf);
  // Phrase matchers link stories through their cached phrases: bring them up to date first.
  if (matchers.some((m) => m.kind === 'phrase')) await indexPhrases(ctx);
  const description = cappedText(options.description, '--description', MAX_NOTE_LENGTH);
  const store = ctx.store();
  const examples = exampleStoryIds(store.db, options.fromStories);
  const now = ctx.now().toISOString();
  const { id, linked } = store.write(() => {
    const existing = findPractice(store.db, name);
    if (existing) throw new ConflictError(messages.practiceExists(existing.name), messages.practiceExistsHint(existing.name));
    checkMatchersFree(store.db, matchers);
    const evidence = examples.map((storyId) => ({ storyId, how: 'manual' as const }));
    const practiceId = createPractice(store.db, { name, description, matchers, evidence }, now);
    return { id: practiceId, linked: linkMatchesForPractice(store.db, practiceId, now) };
  });
  const practice = findPractice(store.db, String(id));
  if (!practice) throw new Error(`practice #${id} vanished after saving`);
  if (options.json) ctx.print(JSON.stringify(practiceViewJson(buildPracticeView(store, practice, ctx.now())), null, 2));
  else if (!ctx.stdoutIsTTY) ctx.print(String(id));
  ctx.info(
    `${ctx.err.green('Added')} practice "${practice.name}" (candidate)` +
      (matchers.some((m) => m.kind === 'tag') ? `; ${linked} ${linked === 1 ? 'story' : 'stories'} linked by tag` : '') +
      (examples.length > 0 ? `; ${examples.map((storyId) => `#${storyId}`).join(', ')} linked by hand` : ''),
  );
  if (examples.length > 0) ctx.info(ctx.err.dim(`hint: svc practice suggest "${practice.name}" --review to find more stories like these`));
  ctx.info(ctx.err.dim(`hint: svc practice show "${practice.name}" · svc practice link "${practice.name}" STORY_ID to add evidence by hand`));
  warnUnmatchedPhrases(ctx, (options.phrase ?? []).map((typed) => ({ typed, ...phraseOf(typed) })));
  noteSharedPhrases(ctx, matchers, id);
}

/** A phrase another practice also has, with other details: both keep it, and a story showing both links to both. */
function noteSharedPhrases(ctx: Context, matchers: Matcher[], practiceId: number): void {
  for (const m of matchers.filter((matcher) => matcher.kind === 'phrase')) {
    const holders = phraseHolders(ctx.store().db, m.value, practiceId);
    if (holders.length === 0) continue;
    const owners = holders.map((h) => `"${h.practice}" (as "${matcherLabel(h.matcher)}")`).join(', ');
    ctx.info(ctx.err.dim(messages.phraseShared(matcherLabel(m), owners)));
  }
}

/** A phrase that matches no story is usually a wording the extractor reads otherwise: say so. */
function warnUnmatchedPhrases(ctx: Context, phrases: Array<{ typed: string; key: string; qualifier?: QualifierKind }>): void {
  const db = ctx.store().db;
  const warned = new Set<string>();
  for (const { typed, key, qualifier } of phrases) {
    const label = matcherLabel({ value: key, qualifier });
    if (!key || warned.has(label) || countPhraseStories(db, key, qualifier) > 0) continue;
    warned.add(label);
    ctx.info(ctx.err.yellow(messages.phraseMatchesNothing(typed, label)));
    ctx.info(ctx.err.dim(`hint: ${messages.phraseMatchesNothingHint}`));
  }
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
