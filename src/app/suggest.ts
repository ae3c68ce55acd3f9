import type { Encoder } from '../core/encoder.ts';
import type { Practice } from '../core/practice.ts';
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
import type { Db, Connection } from '../store/db.ts';
import { findPractice, latestEvidenceIds } from '../store/practices.ts';
import {
  candidateStoryPages,
  countUnembedded,
  latestStoriesWithVectors,
  practiceVector,
  rejectedStoryIds,
  saveStoryVectors,
  savePracticeVector,
  storiesToEmbed,
  storiesWithVectors,
  suggestablePracticeIds,
  type StoryWithVector,
} from '../store/vectors.ts';

/** Called as embedding goes: stories done so far, out of total. */
export type EmbedProgress = (done: number, total: number) => void;

// Stories embedded per write transaction (so `story add` never waits long) and per full
// garbage collection (src/cli/semantic.ts: the peak stays near 200 MB at 90-word stories).
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
export async function embedPending(store: Connection, encoder: Encoder, onProgress?: EmbedProgress): Promise<number> {
  const total = countUnembedded(store.db);
  let done = 0;
  let after = 0;
  for (;;) {
    const batch = storiesToEmbed(store.db, after, EMBED_BATCH);
    if (batch.length === 0) break;
    const vectors = await encoder.embed(batch.map((story) => textForEncoder(story.text, story.names)));
    store.write(() => saveStoryVectors(store.db, batch.map((story, i) => ({ storyId: story.id, vector: vectorToBytes(vectors[i] ?? []) }))));
    after = batch.at(-1)?.id ?? after;
    done += batch.length;
    onProgress?.(done, total);
    // Let a prompt waiting on the same thread answer keystrokes between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const stale = practicesNeedingVectors(store.db);
  if (stale.length > 0) {
    const vectors = await encoder.embed(stale.map((item) => item.text));
    store.write(() => stale.forEach((item, i) => savePracticeVector(store.db, item.id, item.text, vectorToBytes(vectors[i] ?? []))));
  }
  return done;
}

/** What the encoder reads for a practice: its name, and its description when it has one. */
export function practiceText(practice: Pick<Practice, 'name' | 'description'>): string {
  return practice.description ? `${practice.name}. ${practice.description}` : practice.name;
}

function practicesNeedingVectors(db: Db): Array<{ id: number; text: string }> {
  const out: Array<{ id: number; text: string }> = [];
  for (const id of suggestablePracticeIds(db)) {
    const practice = findPractice(db, String(id));
    if (!practice) continue;
    const text = practiceText(practice);
    if (practiceVector(db, id)?.text !== text) out.push({ id, text });
  }
  return out;
}

/** Whether anything waits for the encoder: stories or practice names without a current vector. */
export function needsEmbedding(db: Db): boolean {
  return countUnembedded(db) > 0 || practicesNeedingVectors(db).length > 0;
}

/** A stored story as the scorer sees it. */
export function scoredStory(story: StoryWithVector): ScoredStory {
  const forms = wordForms(story.text, story.names);
  return { id: story.id, vector: vectorFromBytes(story.vector), words: [...forms.keys()], forms, qualifiers: qualifiersOf(story.text) };
}

/** A practice's evidence, name vector and rejections, ready for scoring. */
export function practiceProfile(db: Db, practice: Pick<Practice, 'id' | 'name' | 'description'>): PracticeProfile {
  const evidence = storiesWithVectors(db, latestEvidenceIds(db, practice.id, EVIDENCE_LIMIT)).map(scoredStory);
  const stored = practiceVector(db, practice.id);
  const rejected = storiesWithVectors(db, rejectedStoryIds(db, practice.id)).map((story) => vectorFromBytes(story.vector));
  const nameVector = stored ? vectorFromBytes(stored.vector) : null;
  return { id: practice.id, name: practice.name, evidence, nameVector, nameWords: contentWords(practiceText(practice)), rejected };
}

/** The team's practices and a background sample, loaded once to rank practices for many stories. */
export interface PracticeIndex {
  practices: Array<{ profile: PracticeProfile; scale: PracticeScale }>;
  weights: WordWeights;
}

/** Loads every practice a story may show, each with its scale over the background sample. */
export function loadPracticeIndex(db: Db): PracticeIndex {
  const background = latestStoriesWithVectors(db, BACKGROUND).map(scoredStory);
  const weights = wordWeights(background.map((story) => story.words));
  const practices = suggestablePracticeIds(db)
    .map((id) => findPractice(db, String(id)))
    .filter((practice): practice is Practice => practice !== undefined)
    .map((practice) => practiceProfile(db, practice))
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
export function suggestStories(db: Db, practice: Pick<Practice, 'id' | 'name' | 'description'>, limit: number): StorySuggestion[] {
  const profile = practiceProfile(db, practice);
  if (profile.evidence.length === 0 && profile.nameVector === null) return [];
  const background = latestStoriesWithVectors(db, BACKGROUND).map(scoredStory);
  const weights = wordWeights(background.map((story) => story.words));
  const scale = practiceScale(profile, background.slice(0, SCALE_SAMPLE), weights);
  const best = new TopList<StorySuggestion>(limit);
  for (const page of candidateStoryPages(db, practice.id)) {
    for (const story of page) {
      const { score, reason } = likeness(scoredStory(story), profile, weights, scale);
      best.offer({ storyId: story.id, score, reason });
    }
  }
  return best.items();
}

/** Embeds one text with the names it credits masked, for a suggestion before it is saved. */
export async function embedText(encoder: Encoder, text: string, names: readonly string[]): Promise<Vector> {
  const [vector] = await encoder.embed([textForEncoder(text, names)]);
  if (!vector) throw new Error('the sentence encoder returned no vector');
  return vector;
}
