/**
 * Which practice a story likely shows, and which stories likely show a practice: pure
 * scoring over sentence vectors (src/core/encoder.ts) and words. The figures behind the
 * weights are in README.md ("More like this"); each signal was kept because it raised the
 * measured suggestions on the development sets, none tunes a word list to them.
 */

/** Bump when the text given to the encoder changes: stored vectors are made again. */
export const VECTOR_VERSION = 2;

/** A unit-length sentence vector. */
export type Vector = Float32Array;

// Weights over standardised signals, measured on the development sets (README, "More
// like this"). Ranking stories for a practice, the encoder's cosine to the evidence leads;
// the practice's own name and description (a person's words for the behaviour) and
// uncommon words shared with an example or with the name add the rest. Ranking practices
// for a story leans more on each practice's name: two examples say less than the words a
// person chose for it. Shared qualifiers and shared people changed nothing measurable or
// made it worse, so qualifiers are shown as a reason only.
const STORY_WEIGHTS: Signals = { evidence: 1, words: 0.3, name: 0.5, nameWords: 0.3 };
const PRACTICE_WEIGHTS: Signals = { evidence: 0.5, words: 0.3, name: 1, nameWords: 0.3 };
// A story as close to a rejected story as the evidence is loses about two standard deviations.
const WEIGHT_REJECTED = 2;

/** What the encoder reads for a story: staff, titled customers' and families' names masked, so that
 * stories group by what was done rather than by who did it or for whom. */
export function textForEncoder(text: string, staffNames: readonly string[]): string {
  let masked = text;
  for (const name of [...staffNames].sort((a, b) => b.length - a.length)) {
    if (!name.trim()) continue;
    masked = masked.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu'), 'Sam');
  }
  return (
    masked
      .replace(/\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sr|Sra)\.?\s+\p{Lu}[\p{L}'’-]+/gu, 'the customer')
      // A family by its surname ("the Hendersons", "the Patels'"): measured, the field
      // crew's "more like this" rose from 63 % to 68 % and no set lost.
      .replace(/\b([Tt]he) \p{Lu}\p{Ll}+s\b/gu, '$1 customers')
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A vector as 512 signed bytes (cosine ignores scale, so the largest component is ±127). */
export function vectorToBytes(vector: ArrayLike<number>): Uint8Array {
  let largest = 0;
  for (let i = 0; i < vector.length; i++) largest = Math.max(largest, Math.abs(vector[i] ?? 0));
  const bytes = new Int8Array(vector.length);
  const scale = largest > 0 ? 127 / largest : 0;
  for (let i = 0; i < vector.length; i++) bytes[i] = Math.round((vector[i] ?? 0) * scale);
  return new Uint8Array(bytes.buffer);
}

/** Stored bytes back to a unit-length vector. */
export function vectorFromBytes(bytes: Uint8Array): Vector {
  const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return unit(Float32Array.from(signed));
}

/** The vector scaled to length 1 (a zero vector stays zero). */
export function unit(vector: ArrayLike<number>): Vector {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] ?? 0) ** 2;
  const norm = Math.sqrt(sum) || 1;
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = (vector[i] ?? 0) / norm;
  return out;
}

/** Cosine similarity of two unit vectors. */
export function cosine(a: Vector, b: Vector): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

// English function words and the writer's own: they say nothing about a behaviour.
const FUNCTION_WORDS = new Set(
  (
    'the a an and or but nor to of in on for with at by from so as than then that this these those there here it its ' +
    'he she they him her them his hers their theirs we us our you your i me my mine who whom whose which what when where why how ' +
    'was were is are be been being am had has have having do did does done not no yes would could should will shall can may might must ' +
    'just all also very more most some any each every one two into onto over under about after before up down out off again back ' +
    'if while because though although until till got get gets getting let lets said says went go goes going came come made make'
  ).split(' '),
);

/** A word reduced to a crude stem, so that "rang", "calls" and "called" are compared as their stems. */
function stem(word: string): string {
  if (word.length <= 4) return word;
  if (/(?:ies|ied)$/u.test(word)) return `${word.slice(0, -3)}y`;
  const bare = word.replace(/(?:ing|ed)$/u, '').replace(/(?<=[^s])s$/u, '');
  // "stopped" → "stop", as "stops" → "stop".
  return /([^aeiouls])\1$/u.test(bare) ? bare.slice(0, -1) : bare;
}

/** The content words of a text as stems, once each, names left out. */
export function contentWords(text: string, names: readonly string[] = []): string[] {
  return [...wordForms(text, names).keys()];
}

/** Each content word's stem, with the first form the text wrote it in ("apologi" → "apologised"). */
export function wordForms(text: string, names: readonly string[] = []): Map<string, string> {
  const skip = new Set(names.flatMap((name) => name.toLowerCase().split(/[^\p{L}]+/u)).filter(Boolean));
  const words = text.toLowerCase().match(/\p{L}[\p{L}'’]*/gu) ?? [];
  const out = new Map<string, string>();
  for (const raw of words) {
    const word = raw.replace(/['’]s$/u, '');
    if (word.length < 3 || FUNCTION_WORDS.has(word) || skip.has(word)) continue;
    const key = stem(word);
    if (!out.has(key)) out.set(key, word);
  }
  return out;
}

/** Inverse document frequency of each stem over a sample of the team's stories. */
export interface WordWeights {
  weight(word: string): number;
}

/** Word weights from the content words of a sample of stories (rare words weigh more). */
export function wordWeights(samples: ReadonlyArray<readonly string[]>): WordWeights {
  const frequency = new Map<string, number>();
  for (const words of samples) for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const total = Math.max(samples.length, 1);
  return { weight: (word) => Math.log((total + 1) / ((frequency.get(word) ?? 0) + 1)) };
}

// Qualifiers that often carry the practice (DESIGN.md, Detection): generic English, shown as a reason.
const QUALIFIERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['timing', /\b(?:within (?:the|an?|two|three|\d+) \w+|the (?:next|same) (?:morning|day|afternoon|evening)|that (?:evening|afternoon|night)|by the end of|before (?:close|closing|the end|\w+ (?:asked|left|went|arrived)))\b/iu],
  ['persistence', /\b(?:until|till|didn[’']?t (?:leave|hang up|stop|give up)|stayed on|kept (?:at|going|trying))\b/iu],
  ['manner', /\b(?:step by step|in plain (?:words|english|language)|in (?:his|her|their) own words|line by line|slowly)\b/iu],
  ['purpose', /\b(?:so (?:that )?(?:she|he|they|it|there)|in case|to make sure|to avoid)\b/iu],
  ['interim', /\b(?:in the meantime|meanwhile|while (?:she|he|they) waited)\b/iu],
  ['anticipation', /\b(?:before (?:she|he|they) (?:asked|had to ask|noticed)|without being asked|ahead of time|in advance|up ?front)\b/iu],
];

/** The kinds of qualifier a text holds (timing, persistence, manner, purpose, interim, anticipation). */
export function qualifiersOf(text: string): string[] {
  return QUALIFIERS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
}

/** A story as the scorer sees it. */
export interface ScoredStory {
  id: number;
  vector: Vector;
  words: readonly string[];
  /** The form each stem was written in, to show as a reason. */
  forms?: ReadonlyMap<string, string>;
  qualifiers: readonly string[];
}

/** A practice as the scorer sees it: its evidence, its own words, what it was said not to be. */
export interface PracticeProfile {
  id: number;
  name: string;
  evidence: readonly ScoredStory[];
  nameVector: Vector | null;
  /** The content words of its name and description. */
  nameWords: readonly string[];
  rejected: readonly Vector[];
}

/** Why a story was suggested: its nearest evidence, the words and qualifiers it shares. */
export interface SuggestionReason {
  nearestStoryId: number | null;
  similarity: number;
  words: string[];
  qualifiers: string[];
}

export interface Likeness {
  score: number;
  reason: SuggestionReason;
}

/** The separate signals of a story's likeness to a practice, each on its own scale. */
export interface Signals {
  /** Cosine to the evidence: half the nearest example, half the mean of all. */
  evidence: number;
  /** Uncommon words shared with the closest example. */
  words: number;
  /** Cosine to the practice's name and description. */
  name: number;
  /** Uncommon words shared with the name and description. */
  nameWords: number;
}

const SIGNALS = ['evidence', 'words', 'name', 'nameWords'] as const;

/** The signals of a story's likeness to a practice, and why. */
export function signalsOf(story: ScoredStory, practice: PracticeProfile, weights: WordWeights): { signals: Signals; rejected: number; reason: SuggestionReason } {
  const own = new Set(story.words);
  const ownWeight = Math.sqrt(story.words.reduce((total, word) => total + weights.weight(word) ** 2, 0));
  const overlapOf = (words: readonly string[]) => {
    const shared = words.filter((word) => own.has(word));
    const otherWeight = Math.sqrt(words.reduce((total, word) => total + weights.weight(word) ** 2, 0));
    return { shared, overlap: shared.reduce((total, word) => total + weights.weight(word) ** 2, 0) / (Math.sqrt(ownWeight * otherWeight) || 1) };
  };
  let best = -1;
  let nearest: ScoredStory | null = null;
  let sum = 0;
  let bestWords = 0;
  let sharedWords: string[] = [];
  for (const example of practice.evidence) {
    const similarity = cosine(story.vector, example.vector);
    sum += similarity;
    if (similarity > best) {
      best = similarity;
      nearest = example;
    }
    const { shared, overlap } = overlapOf(example.words);
    if (overlap > bestWords) {
      bestWords = overlap;
      sharedWords = shared;
    }
  }
  const count = practice.evidence.length;
  const byName = overlapOf(practice.nameWords);
  let rejected = 0;
  for (const vector of practice.rejected) rejected = Math.max(rejected, cosine(story.vector, vector));
  const signals: Signals = {
    evidence: count > 0 ? 0.5 * best + (0.5 * sum) / count : 0,
    words: bestWords,
    name: practice.nameVector ? cosine(story.vector, practice.nameVector) : 0,
    nameWords: byName.overlap,
  };
  for (const word of byName.shared) if (!sharedWords.includes(word)) sharedWords = [...sharedWords, word];
  const qualifiers = nearest ? story.qualifiers.filter((kind) => nearest.qualifiers.includes(kind)) : [];
  const words = [...sharedWords]
    .sort((a, b) => weights.weight(b) - weights.weight(a))
    .slice(0, 4)
    .map((word) => story.forms?.get(word) ?? word);
  return { signals, rejected, reason: { nearestStoryId: nearest?.id ?? null, similarity: Math.max(best, 0), words, qualifiers } };
}

/** Each signal's mean and spread over a practice's background stories. */
export interface PracticeScale {
  mean: Signals;
  spread: Signals;
}

// Each signal's spread over the 75 background stories of a development set (median of its
// practices), weighing as much as this many stories of the team's own.
const TYPICAL_SPREAD: Signals = { evidence: 0.09, words: 0.35, name: 0.075, nameWords: 0.3 };
const PRIOR_STORIES = 30;

const NO_SCALE: PracticeScale = { mean: { evidence: 0, words: 0, name: 0, nameWords: 0 }, spread: { evidence: 1, words: 1, name: 1, nameWords: 1 } };

/**
 * Each signal's mean and standard deviation over background stories that are not the
 * practice's evidence. Standardised, the signals add up without hand-set scales, and one
 * practice's scores compare with another's (a practice whose evidence resembles every
 * story would otherwise come first for all of them).
 */
export function practiceScale(practice: PracticeProfile, background: readonly ScoredStory[], weights: WordWeights): PracticeScale {
  const evidence = new Set(practice.evidence.map((e) => e.id));
  const all = background.filter((story) => !evidence.has(story.id)).map((story) => signalsOf(story, practice, weights).signals);
  if (all.length < 2) return NO_SCALE;
  const mean = { ...NO_SCALE.mean };
  const spread = { ...NO_SCALE.spread };
  for (const signal of SIGNALS) {
    const values = all.map((signals) => signals[signal]);
    const average = values.reduce((a, b) => a + b, 0) / values.length;
    const deviation = Math.sqrt(values.reduce((total, value) => total + (value - average) ** 2, 0) / values.length);
    mean[signal] = average;
    // A signal that does not vary (no name vector yet) adds nothing. Otherwise a small
    // team's few stories are pooled with the spread typical of a team's stories, so that a
    // spread measured on a handful is not taken at its word.
    const pooled = Math.sqrt((values.length * deviation ** 2 + PRIOR_STORIES * TYPICAL_SPREAD[signal] ** 2) / (values.length + PRIOR_STORIES));
    spread[signal] = deviation > 1e-9 ? pooled : Infinity;
  }
  return { mean, spread };
}

/** How likely a story shows a practice: the weighted sum of its standardised signals, less its likeness to rejected stories. */
export function likeness(story: ScoredStory, practice: PracticeProfile, weights: WordWeights, scale: PracticeScale, signalWeights: Signals = STORY_WEIGHTS): Likeness {
  const { signals, rejected, reason } = signalsOf(story, practice, weights);
  let score = 0;
  for (const signal of SIGNALS) score += signalWeights[signal] * ((signals[signal] - scale.mean[signal]) / scale.spread[signal]);
  return { score: score - WEIGHT_REJECTED * rejected, reason };
}

/** A practice that a story likely shows, scored on a scale shared by all practices. */
export interface PracticeSuggestion extends Likeness {
  practiceId: number;
  name: string;
}

/** The practices a story most likely shows, best first. */
export function rankPractices(
  story: ScoredStory,
  practices: ReadonlyArray<{ profile: PracticeProfile; scale: PracticeScale }>,
  weights: WordWeights,
  limit = 3,
): PracticeSuggestion[] {
  return practices
    .filter(({ profile }) => profile.evidence.length > 0 || profile.nameVector !== null)
    .map(({ profile, scale }) => ({ practiceId: profile.id, name: profile.name, ...likeness(story, profile, weights, scale, PRACTICE_WEIGHTS) }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** Keeps the n best of a stream of scored items without holding them all. */
export class TopList<T extends { score: number }> {
  readonly #items: T[] = [];
  readonly #size: number;
  constructor(size: number) {
    this.#size = size;
  }
  offer(item: T): void {
    if (this.#size <= 0) return;
    if (this.#items.length < this.#size) {
      this.#items.push(item);
      this.#items.sort((a, b) => b.score - a.score);
    } else if (item.score > (this.#items.at(-1)?.score ?? -Infinity)) {
      this.#items[this.#items.length - 1] = item;
      this.#items.sort((a, b) => b.score - a.score);
    }
  }
  items(): T[] {
    return [...this.#items];
  }
}
