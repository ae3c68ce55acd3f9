import { isVaguePraise } from '../core/vague.ts';
import type { Encoder } from '../core/encoder.ts';
import type { Practice } from '../core/practice.ts';
import type { Story } from '../core/story.ts';
import {
  contentWords,
  practiceScale,
  qualifiersOf,
  rankPractices,
  textForEncoder,
  TopList,
  vectorFromBytes,
  vectorToBytes,
  wordForms,
  wordWeights,
  likeness,
  type PracticeProfile,
  type PracticeScale,
  type PracticeSuggestion,
  type ScoredStory,
  type SuggestionReason,
  type Vector,
  type WordWeights,
} from '../core/suggest.ts';
import type { Store, StoryWithVector } from '../store/store.ts';

/** Called as embedding goes: stories done so far, out of total. */
export type EmbedProgress = (done: number, total: number) => void;

// Stories embedded per write transaction, so that `story add` never waits long on one
// (eight 90-word stories take about 50 ms on an idle machine).
const EMBED_BATCH = 8;
// The evidence a practice is compared by (its newest), and the background sample that
// puts practices on one scale and weighs words.
const EVIDENCE_LIMIT = 200;
const BACKGROUND = 1_000;
// Each practice's scale is measured on the newest of them: every one is compared with
// every example, and all 1,000 took `practice suggest --story` to a second at 500 stories.
const SCALE_SAMPLE = 300;

/**
 * Embeds every story without a current vector, and every practice's name and
 * description whose vector is missing or stale. Returns how many stories were embedded.
 */
export async function embedPending(store: Store, encoder: Encoder, onProgress?: EmbedProgress): Promise<number> {
  const total = store.vectors.countUnembedded();
  let done = 0;
  let after = 0;
  for (;;) {
    const batch = store.vectors.storiesToEmbed(after, EMBED_BATCH);
    if (batch.length === 0) break;
    const vectors = await encoder.embed(batch.map((story) => textForEncoder(story.text, story.names)));
    store.transaction(() => store.vectors.saveStoryVectors(batch.map((story, i) => ({ storyId: story.id, vector: vectorToBytes(vectors[i] ?? []) }))));
    after = batch.at(-1)?.id ?? after;
    done += batch.length;
    onProgress?.(done, total);
    // Let a prompt waiting on the same thread answer keystrokes between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const stale = practicesNeedingVectors(store);
  if (stale.length > 0) {
    const vectors = await encoder.embed(stale.map((item) => item.text));
    store.transaction(() => stale.forEach((item, i) => store.vectors.savePracticeVector(item.id, item.text, vectorToBytes(vectors[i] ?? []))));
  }
  return done;
}

/** What the encoder reads for a practice: its name, and its description when it has one. */
export function practiceText(practice: Pick<Practice, 'name' | 'description'>): string {
  return practice.description ? `${practice.name}. ${practice.description}` : practice.name;
}

function practicesNeedingVectors(store: Store): Array<{ id: number; text: string }> {
  const out: Array<{ id: number; text: string }> = [];
  for (const id of store.vectors.suggestablePracticeIds()) {
    const practice = store.practices.find(String(id));
    if (!practice) continue;
    const text = practiceText(practice);
    if (store.vectors.practiceVector(id)?.text !== text) out.push({ id, text });
  }
  return out;
}

/** Whether anything waits for the encoder: stories or practice names without a current vector. */
export function needsEmbedding(store: Store): boolean {
  return store.vectors.countUnembedded() > 0 || practicesNeedingVectors(store).length > 0;
}

/** A stored story as the scorer sees it. */
export function scoredStory(story: StoryWithVector): ScoredStory {
  const forms = wordForms(story.text, story.names);
  return { id: story.id, vector: vectorFromBytes(story.vector), words: [...forms.keys()], forms, qualifiers: qualifiersOf(story.text) };
}

/** A practice's evidence, name vector and rejections, ready for scoring. */
export function practiceProfile(store: Store, practice: Pick<Practice, 'id' | 'name' | 'description'>): PracticeProfile {
  const evidence = store.vectors.storiesWithVectors(store.practices.latestEvidenceIds(practice.id, EVIDENCE_LIMIT)).map(scoredStory);
  const stored = store.vectors.practiceVector(practice.id);
  const rejected = store.vectors.storiesWithVectors(store.vectors.rejectedStoryIds(practice.id)).map((story) => vectorFromBytes(story.vector));
  const nameVector = stored ? vectorFromBytes(stored.vector) : null;
  return { id: practice.id, name: practice.name, evidence, nameVector, nameWords: contentWords(practiceText(practice)), rejected };
}

/** The team's practices and a background sample, loaded once to rank practices for many stories. */
export interface PracticeIndex {
  practices: Array<{ profile: PracticeProfile; scale: PracticeScale }>;
  weights: WordWeights;
}

/** Loads every practice a story may show, each with its scale over the background sample. */
export function loadPracticeIndex(store: Store): PracticeIndex {
  const background = store.vectors.latestStoriesWithVectors(BACKGROUND).map(scoredStory);
  const weights = wordWeights(background.map((story) => story.words));
  const practices = store.vectors.suggestablePracticeIds()
    .map((id) => store.practices.find(String(id)))
    .filter((practice): practice is Practice => practice !== undefined)
    .map((practice) => practiceProfile(store, practice))
    .filter((profile) => profile.evidence.length > 0 || profile.nameVector !== null)
    .map((profile) => ({ profile, scale: practiceScale(profile, background.slice(0, SCALE_SAMPLE), weights) }));
  return { practices, weights };
}

/** A text (not yet saved) as the scorer sees it, from its vector. */
export function scoredText(text: string, names: readonly string[], vector: Vector): ScoredStory {
  const forms = wordForms(text, names);
  return { id: 0, vector, words: [...forms.keys()], forms, qualifiers: qualifiersOf(text) };
}

/** The practices a story most likely shows, best first, leaving out those it is already evidence of. */
export function suggestPractices(index: PracticeIndex, story: ScoredStory, exclude: ReadonlySet<number> = new Set(), limit = 3): PracticeSuggestion[] {
  const practices = index.practices.filter(({ profile }) => !exclude.has(profile.id) && !profile.evidence.some((e) => e.id === story.id));
  return rankPractices(story, practices, index.weights, limit);
}

/** A story likely to show a practice, with why. */
export interface StorySuggestion {
  storyId: number;
  score: number;
  reason: SuggestionReason;
}

/**
 * The stories not yet evidence of a practice (nor rejected for it) that most likely show
 * it, best first. Reads the stories a page at a time and keeps only the best.
 */
export function suggestStories(store: Store, practice: Pick<Practice, 'id' | 'name' | 'description'>, limit: number): StorySuggestion[] {
  const profile = practiceProfile(store, practice);
  if (profile.evidence.length === 0 && profile.nameVector === null) return [];
  const background = store.vectors.latestStoriesWithVectors(BACKGROUND).map(scoredStory);
  const weights = wordWeights(background.map((story) => story.words));
  const scale = practiceScale(profile, background.slice(0, SCALE_SAMPLE), weights);
  // A few more than asked for: vague praise among the best is left out after (checking every story would cost more than ranking it).
  const best = new TopList<StorySuggestion & { text: string }>(limit + VAGUE_SPARE);
  for (const page of store.vectors.candidatePages(practice.id)) {
    for (const story of page) {
      const { score, reason } = likeness(scoredStory(story), profile, weights, scale);
      best.offer({ storyId: story.id, score, reason, text: story.text });
    }
  }
  // Praise that names no behaviour shows no practice, however close its words.
  return best
    .items()
    .filter((item) => !isVaguePraise(item.text))
    .slice(0, limit)
    .map(({ text: _text, ...suggestion }) => suggestion);
}

const VAGUE_SPARE = 20;

/** Embeds one text with the names it credits masked, for a suggestion before it is saved. */
export async function embedText(encoder: Encoder, text: string, names: readonly string[]): Promise<Vector> {
  const [vector] = await encoder.embed([textForEncoder(text, names)]);
  if (!vector) throw new Error('the sentence encoder returned no vector');
  return vector;
}

/** The stories likely to show a practice, best first, each with its text. */
export function storySuggestions(store: Store, input: { practice: Practice; limit: number }): Array<StorySuggestion & { story: Story }> {
  const suggestions = suggestStories(store, input.practice, input.limit);
  const stories = new Map(store.stories.byIds(suggestions.map((s) => s.storyId)).map((story) => [story.id, story]));
  return suggestions.flatMap((s) => {
    const story = stories.get(s.storyId);
    return story ? [{ ...s, story }] : [];
  });
}

/** The practices a saved story likely shows (best first), and those it is already evidence of, listed apart. */
export function practiceSuggestions(
  store: Store,
  input: { storyId: number; limit: number },
): { evidenceOf: Array<{ practiceId: number; name: string }>; suggestions: PracticeSuggestion[] } {
  const [story] = store.vectors.storiesWithVectors([input.storyId]);
  const index = loadPracticeIndex(store);
  const evidenceOf = index.practices
    .filter(({ profile }) => profile.evidence.some((e) => e.id === input.storyId))
    .map(({ profile }) => ({ practiceId: profile.id, name: profile.name }));
  const suggestions = story ? suggestPractices(index, scoredStory(story), new Set(evidenceOf.map((p) => p.practiceId)), input.limit) : [];
  return { evidenceOf, suggestions };
}

/**
 * A person's verdict on a suggested story: yes links it by hand (a person's word wins
 * over detection, and over an earlier rejection); no remembers it does not show the practice.
 */
export function judgeSuggestion(store: Store, input: { practiceId: number; storyId: number; shows: boolean }, clock: () => Date): void {
  const now = clock().toISOString();
  store.transaction(() => {
    if (input.shows) {
      store.practices.link(input.practiceId, input.storyId, 'manual', now);
      store.vectors.forgetRejection(input.practiceId, input.storyId);
    } else store.vectors.rejectSuggestion(input.practiceId, input.storyId, now);
  });
}

/** Whether the team has a practice a story could be suggested for (the guided prompt loads the encoder only then). */
export function hasSuggestablePractices(store: Store): boolean {
  return store.vectors.suggestablePracticeIds().length > 0;
}
