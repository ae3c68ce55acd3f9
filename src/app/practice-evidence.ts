import { ConflictError, NotFoundError, UsageError, ValidationError } from '../core/errors.ts';
import { parseId } from '../core/ids.ts';
import { cappedText, MAX_NOTE_LENGTH, MAX_PHRASE_LENGTH } from '../core/limits.ts';
import { messages } from '../core/messages.ts';
import { checkPracticeName, matcherLabel, type EvidenceHow, type Matcher, type Practice, type PracticeView } from '../core/practice.ts';
import { QUALIFIER_KINDS, type QualifierKind } from '../core/qualifiers.ts';
import { MAX_TAG_LENGTH, tagName } from '../core/story.ts';
import { normalizePhrase, unique } from '../core/text.ts';
import type { Store } from '../store/store.ts';
import { buildPracticeView, requirePractice } from './practice.ts';

/** A phrase as typed, and as the extractor stores it with its details ("called back the same day" → "call back", timing). */
export interface TypedPhrase {
  typed: string;
  key: string;
  qualifier?: QualifierKind;
}

/** A typed phrase as a matcher's value and details. */
export type PhraseReader = (text: string) => { key: string; qualifier?: QualifierKind };

/** The extractor's phrase key and details, loading the NLP model only when phrases were given. */
export async function phraseKeyFunction(phrases: readonly string[] | undefined): Promise<PhraseReader> {
  if (!phrases?.length) return (text) => ({ key: normalizePhrase(text) });
  const { phraseMatcherOf } = await import('../core/nlp.ts');
  return phraseMatcherOf;
}

/**
 * Tag and phrase matchers as typed, normalised (a phrase becomes the extractor's key, with
 * the qualifier written after it as its details); an empty or overlong one is a ValidationError.
 */
export async function matchersFromInput(input: { tags?: readonly string[] | undefined; phrases?: readonly string[] | undefined }): Promise<{ matchers: Matcher[]; phrases: TypedPhrase[] }> {
  const phraseOf = await phraseKeyFunction(input.phrases);
  const checked = (value: string, flag: string, max: number) => {
    cappedText(value, flag, max);
    return value;
  };
  const empty = (flag: string) => new ValidationError(messages.emptyMatcher(flag), messages.emptyMatcherHint(flag));
  const phrases = (input.phrases ?? []).map((typed): TypedPhrase => ({ typed, ...phraseOf(checked(typed, '--phrase', MAX_PHRASE_LENGTH)) }));
  const all: Matcher[] = [
    ...(input.tags ?? []).map((typed): Matcher => {
      const value = tagName(checked(typed, '--tag', MAX_TAG_LENGTH));
      if (!value) throw empty('--tag');
      return { kind: 'tag', value };
    }),
    ...phrases.map(({ key, qualifier }): Matcher => {
      if (!key) throw empty('--phrase');
      return qualifier ? { kind: 'phrase', value: key, qualifier } : { kind: 'phrase', value: key };
    }),
  ];
  const seen = new Set<string>();
  const matchers = all.filter((m) => {
    const id = `${m.kind}\u0000${m.value}\u0000${m.qualifier ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return { matchers, phrases };
}

/** Story ids as typed ("12", "#12") of existing stories; none, a bad one or a missing one refuses all. */
export function existingStoryIds(store: Store, typed: readonly string[] | undefined): number[] {
  if (!typed?.length) throw new UsageError(messages.missingStoryIds, messages.missingStoryIdsHint);
  const ids = unique(typed.map((value) => parseId('story', value)));
  const missing = ids.find((id) => !store.stories.get(id));
  if (missing !== undefined) throw new NotFoundError(messages.storyNotFound(missing), messages.storyNotFoundHint);
  return ids;
}

export interface NewPracticeInput {
  name: string;
  description?: string | undefined;
  matchers: Matcher[];
  /** The phrases as typed, to warn about those no story shows. */
  phrases?: readonly TypedPhrase[];
  /** One or two stories the practice is named from, linked by hand. */
  fromStories?: readonly string[] | undefined;
}

export interface AddedPractice {
  practice: Practice;
  view: PracticeView;
  /** Stories its matchers linked. */
  linked: number;
  /** The example stories linked by hand. */
  examples: number[];
  /** Phrases no story shows (usually a wording the extractor reads otherwise), with the label they are listed by. */
  unmatchedPhrases: Array<TypedPhrase & { label: string }>;
  /** Its phrases another practice also holds with other details: both keep them, and a story showing both links to both. */
  sharedPhrases: Array<{ label: string; holders: Array<{ practice: string; label: string }> }>;
}

/**
 * Refuses matchers that already link stories to another practice: the same tag, or the
 * same phrase with the same details. The same phrase with other details is another matcher.
 */
function checkMatchersFree(store: Store, matchers: readonly Matcher[]): void {
  for (const m of matchers) {
    const owner = store.practices.matcherOwner(m);
    if (owner !== undefined) throw new ConflictError(messages.matcherTaken(m.kind, matcherLabel(m), owner), messages.matcherTakenHint);
  }
}

/**
 * Names a new candidate practice with its matchers and example stories, and links every
 * story its matchers meet, in one transaction. Phrase matchers link through the phrase
 * index: bring it up to date first.
 */
export function addPractice(store: Store, input: NewPracticeInput, clock: () => Date): AddedPractice {
  const name = checkPracticeName(input.name);
  const description = cappedText(input.description, '--description', MAX_NOTE_LENGTH);
  const examples = input.fromStories === undefined ? [] : existingStoryIds(store, input.fromStories);
  if (examples.length > 2) throw new ValidationError(messages.fromStoriesCount(examples.length), messages.fromStoriesCountHint);
  const now = clock().toISOString();
  const { id, linked } = store.transaction(() => {
    const existing = store.practices.find(name);
    if (existing) throw new ConflictError(messages.practiceExists(existing.name), messages.practiceExistsHint(existing.name));
    checkMatchersFree(store, input.matchers);
    const evidence = examples.map((storyId) => ({ storyId, how: 'manual' as const }));
    const practiceId = store.practices.create({ name, description, matchers: input.matchers, evidence }, now);
    return { id: practiceId, linked: store.practices.relinkPractice(practiceId, now) };
  });
  const practice = store.practices.find(String(id));
  if (!practice) throw new Error(`practice #${id} vanished after saving`);
  const seen = new Set<string>();
  const unmatchedPhrases = (input.phrases ?? [])
    .map((phrase) => ({ ...phrase, label: matcherLabel({ value: phrase.key, qualifier: phrase.qualifier }) }))
    .filter(({ key, qualifier, label }) => {
      if (!key || seen.has(label)) return false;
      seen.add(label);
      return store.phrases.storiesWith(key, qualifier) === 0;
    });
  const sharedPhrases = input.matchers
    .filter((m) => m.kind === 'phrase')
    .map((m) => ({ label: matcherLabel(m), holders: store.practices.phraseHolders(m.value, practice.id).map((h) => ({ practice: h.practice, label: matcherLabel(h.matcher) })) }))
    .filter((shared) => shared.holders.length > 0);
  return { practice, view: buildPracticeView(store, practice, clock()), linked, examples, unmatchedPhrases, sharedPhrases };
}

/**
 * Links stories to a practice by hand (a person's link outranks a matcher's: a matched
 * story linked by hand stays evidence if its tags change). A story already linked by hand
 * is left as it is; those that were already evidence are returned with how they were linked.
 */
export function linkStories(
  store: Store,
  input: { practice: string; stories: readonly string[] | undefined },
  clock: () => Date,
): { practice: Practice; linked: number[]; alreadyLinked: Array<{ storyId: number; how: EvidenceHow }> } {
  const practice = requirePractice(store, input.practice);
  const ids = existingStoryIds(store, input.stories);
  const now = clock().toISOString();
  return store.transaction(() => {
    const links = store.practices.evidenceLinks(practice.id);
    const linked: number[] = [];
    const alreadyLinked: Array<{ storyId: number; how: EvidenceHow }> = [];
    for (const id of ids) {
      const how = links.get(id);
      if (how) alreadyLinked.push({ storyId: id, how });
      if (how !== 'manual' && !linked.includes(id)) {
        store.practices.link(practice.id, id, 'manual', now);
        if (!how) linked.push(id);
      }
    }
    return { practice, linked, alreadyLinked };
  });
}

/** Takes stories out of a practice's evidence; a story that is not evidence of it refuses all. */
export function unlinkStories(
  store: Store,
  input: { practice: string; stories: readonly string[] | undefined },
  clock: () => Date,
): { practice: Practice; unlinked: number[]; relinkedOnEdit: boolean } {
  const practice = requirePractice(store, input.practice);
  const ids = existingStoryIds(store, input.stories);
  const links: Map<number, EvidenceHow> = store.practices.evidenceLinks(practice.id);
  const strangers = ids.filter((id) => !links.has(id));
  if (strangers.length) throw new NotFoundError(messages.notEvidence(strangers, practice.name), messages.notEvidenceHint(practice.name));
  store.transaction(() => store.practices.unlink(practice.id, ids, clock().toISOString()));
  // A story linked by a matcher tag is linked again when it is edited.
  return { practice, unlinked: ids, relinkedOnEdit: ids.some((id) => links.get(id) === 'matched') };
}

/** How practice show lists a phrase with details: "call back (timing)". */
const LABEL_WITH_DETAILS = new RegExp(`\\((?:${QUALIFIER_KINDS.join('|')})\\)\\s*$`, 'u');

/**
 * Removes a phrase matcher, typed as `practice show` lists it ("call back") or as written
 * in a story ("called back"); the stories it alone linked stop being evidence.
 */
export async function removePhrase(
  store: Store,
  input: { practice: string; phrase: string },
  clock: () => Date,
): Promise<{ practice: Practice; removed: Matcher; unlinked: number }> {
  const practice = requirePractice(store, input.practice);
  const phrases = store.practices.matchers(practice.id).filter((m) => m.kind === 'phrase');
  // As `practice show` lists it ("call back", "call back (timing)"), else as written in a story ("called back the next day").
  const listed = normalizePhrase(input.phrase);
  let removed = phrases.find((m) => normalizePhrase(matcherLabel(m)) === listed);
  // A label with details ("call back (timing)") names that matcher only: read as written it would be plain "call back".
  if (!removed && !LABEL_WITH_DETAILS.test(input.phrase)) {
    const read = (await phraseKeyFunction([input.phrase]))(input.phrase);
    removed = phrases.find((m) => m.value === read.key && m.qualifier === read.qualifier);
  }
  // Echoed as typed, not as compared: "call back (timing)" keeps the brackets practice show lists.
  if (!removed) throw new NotFoundError(messages.matcherNotFound(practice.name, input.phrase.trim().replace(/\s+/gu, ' ')), messages.matcherNotFoundHint(practice.name));
  const matcher = removed;
  const unlinked = store.transaction(() => store.practices.removeMatcher(practice.id, matcher, clock().toISOString())) ?? 0;
  return { practice, removed, unlinked };
}
