import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suggestStories } from '../../src/app/suggest.ts';
import { draftStory } from '../../src/core/story.ts';
import {
  contentWords,
  cosine,
  likeness,
  practiceScale,
  qualifiersOf,
  rankPractices,
  textForEncoder,
  TopList,
  unit,
  vectorFromBytes,
  vectorToBytes,
  wordWeights,
  type PracticeProfile,
  type ScoredStory,
} from '../../src/core/suggest.ts';
import { createPractice } from '../../src/store/practices.ts';
import { insertStory, updateStory } from '../../src/store/stories.ts';
import {
  candidateStoryPages,
  countUnembedded,
  rejectSuggestion,
  saveStoryVectors,
  storiesToEmbed,
  storiesWithVectors,
} from '../../src/store/vectors.ts';
import { NOW, NOW_ISO, tempStore } from '../helpers/db.ts';

/** A unit vector pointing mostly along one axis, a little along another. */
function along(axis: number, other = -1, share = 0): Float32Array {
  const v = new Float32Array(8);
  v[axis] = 1;
  if (other >= 0) v[other] = share;
  return unit(v);
}

function story(id: number, vector: Float32Array, text = ''): ScoredStory {
  return { id, vector, words: contentWords(text), qualifiers: qualifiersOf(text) };
}

function practice(id: number, name: string, evidence: ScoredStory[], extra: Partial<PracticeProfile> = {}): PracticeProfile {
  return { id, name, evidence, nameVector: null, nameWords: [], rejected: [], ...extra };
}

describe('what the encoder reads', () => {
  it('masks the credited staff, whole words only, and titled customer names', () => {
    expect(textForEncoder('Ana rang Mrs Adeyemi back; Anastasia and Dr. Okafor too. Joon-ho drew blood.', ['Ana', 'Joon-ho'])).toBe(
      'Sam rang the customer back; Anastasia and the customer too. Sam drew blood.',
    );
  });

  it('masks a family named by its surname, and leaves other capitalised words alone', () => {
    expect(textForEncoder("The Hendersons asked for a table; Luca took the Patels' bags up on Saturday.", ['Luca'])).toBe(
      "The customers asked for a table; Sam took the customers' bags up on Saturday.",
    );
  });

  it('keeps a vector as 512 signed bytes and reads it back as the same direction', () => {
    const vector = unit(Array.from({ length: 512 }, (_, i) => Math.sin(i)));
    const bytes = vectorToBytes(vector);
    expect(bytes).toHaveLength(512);
    expect(cosine(vectorFromBytes(bytes), vector)).toBeGreaterThan(0.999);
  });

  it('compares content words by stem, leaving function words and names out', () => {
    expect(contentWords("Priya called the patient's daughter back and checked the allergies", ['Priya'])).toEqual(['call', 'patient', 'daughter', 'check', 'allergy']);
    expect(contentWords('allergy stopped stops')).toEqual(['allergy', 'stop']);
  });

  it('names the kinds of qualifier a text holds', () => {
    expect(qualifiersOf('He rang her back the next morning and stayed on the line until it worked.')).toEqual(['timing', 'persistence']);
    expect(qualifiersOf('She explained it step by step so she would not have to call again.')).toEqual(['manner', 'purpose']);
    expect(qualifiersOf('Lovely as always.')).toEqual([]);
  });
});

describe('likeness', () => {
  const background = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((axis) => [story(100 + axis, along(axis)), story(200 + axis, along(axis, (axis + 1) % 8, 0.5))]);
  const weights = wordWeights(background.map((s) => s.words));

  it('ranks the story nearest the evidence first, with the nearest example as the reason', () => {
    const calls = practice(1, 'Call back', [story(1, along(0)), story(2, along(0, 1, 0.2))]);
    const scale = practiceScale(calls, background, weights);
    const near = likeness(story(10, along(0, 2, 0.3)), calls, weights, scale);
    const far = likeness(story(11, along(5)), calls, weights, scale);
    expect(near.score).toBeGreaterThan(far.score);
    expect(near.reason.nearestStoryId).toBe(1);
  });

  it('counts shared uncommon words, and says which', () => {
    const texts = ['checked the allergy with the kitchen', 'told the guest about the parade'];
    const words = wordWeights([...texts, 'the guest was happy', 'the guest left'].map((t) => contentWords(t)));
    const allergies = practice(1, 'Allergies', [story(1, along(0), texts[0])]);
    const scale = practiceScale(allergies, [], words);
    const withWords = likeness(story(10, along(3), 'confirmed the allergy with the kitchen'), allergies, words, scale);
    const without = likeness(story(11, along(3), 'confirmed the parade route with the guest'), allergies, words, scale);
    expect(withWords.score).toBeGreaterThan(without.score);
    expect(withWords.reason.words).toEqual(expect.arrayContaining(['allergy', 'kitchen']));
  });

  it('a story like a rejected one ranks lower than it did before the rejection', () => {
    const evidence = [story(1, along(0))];
    const before = practice(1, 'Call back', evidence);
    const after = practice(1, 'Call back', evidence, { rejected: [along(0, 3, 0.8)] });
    const candidate = story(10, along(0, 3, 0.7));
    const other = story(11, along(0, 4, 0.7));
    const scale = practiceScale(before, background, weights);
    expect(likeness(candidate, before, weights, scale).score).toBeCloseTo(likeness(other, before, weights, scale).score, 5);
    expect(likeness(candidate, after, weights, scale).score).toBeLessThan(likeness(other, after, weights, scale).score);
  });

  it('puts practices on one scale: a practice like every story does not win every story', () => {
    // "Generic" sits between all axes, so it is moderately close to every story.
    const generic = practice(1, 'Generic', [story(1, unit([1, 1, 1, 1, 1, 1, 1, 1]))]);
    const specific = practice(2, 'Specific', [story(2, along(3))]);
    const practices = [generic, specific].map((profile) => ({ profile, scale: practiceScale(profile, background, weights) }));
    const ranked = rankPractices(story(10, along(3, 4, 0.4)), practices, weights);
    expect(ranked.map((p) => p.name)).toEqual(['Specific', 'Generic']);
  });

  it('keeps the best few of a stream', () => {
    const top = new TopList<{ id: number; score: number }>(2);
    for (const [id, score] of [[1, 0.1], [2, 0.9], [3, 0.5], [4, 0.7]] as const) top.offer({ id, score });
    expect(top.items().map((item) => item.id)).toEqual([2, 4]);
  });
});

describe('the vector store', () => {
  let store: ReturnType<typeof tempStore>;
  let ids: number[];
  beforeEach(() => {
    store = tempStore();
    ids = store.write(() =>
      ['Ana rang her back the next morning.', 'Bo explained the bill step by step.', 'Cy lent him a charger in the meantime.'].map((text, i) =>
        insertStory(store.db, draftStory({ text, staff: [['Ana'], ['Bo', 'Dee'], ['Cy']][i] }, NOW), NOW_ISO),
      ),
    );
  });
  afterEach(() => store.dispose());

  const save = (storyId: number, axis: number) => store.write(() => saveStoryVectors(store.db, [{ storyId, vector: vectorToBytes(along(axis)) }]));

  it('lists the stories to embed, with the names to mask, until each has a vector', () => {
    expect(countUnembedded(store.db)).toBe(3);
    expect(storiesToEmbed(store.db, 0, 10)).toEqual([
      { id: ids[0], text: 'Ana rang her back the next morning.', names: ['Ana'], vector: expect.any(Uint8Array) },
      { id: ids[1], text: 'Bo explained the bill step by step.', names: expect.arrayContaining(['Bo', 'Dee']), vector: expect.any(Uint8Array) },
      { id: ids[2], text: 'Cy lent him a charger in the meantime.', names: ['Cy'], vector: expect.any(Uint8Array) },
    ]);
    save(ids[0] ?? 0, 0);
    expect(countUnembedded(store.db)).toBe(2);
    expect(storiesToEmbed(store.db, 0, 10).map((s) => s.id)).toEqual(ids.slice(1));
  });

  it('forgets a story\'s vector when its text changes, so it is embedded again', () => {
    save(ids[0] ?? 0, 0);
    store.write(() => updateStory(store.db, ids[0] ?? 0, draftStory({ text: 'Ana rang her back within the hour.', staff: ['Ana'] }, NOW), NOW_ISO));
    expect(storiesWithVectors(store.db, [ids[0] ?? 0])).toEqual([]);
    expect(countUnembedded(store.db)).toBe(3);
  });

  it('offers as candidates neither the practice\'s evidence nor the stories rejected for it', () => {
    for (const [i, id] of ids.entries()) save(id, i);
    const practiceId = store.write(() => createPractice(store.db, { name: 'Call back', evidence: [{ storyId: ids[0] ?? 0, how: 'manual' }] }, NOW_ISO));
    store.write(() => rejectSuggestion(store.db, practiceId, ids[1] ?? 0, NOW_ISO));
    expect([...candidateStoryPages(store.db, practiceId, 1)].flat().map((s) => s.id)).toEqual([ids[2]]);
    expect(suggestStories(store, { id: practiceId, name: 'Call back', description: null }, 5).map((s) => s.storyId)).toEqual([ids[2]]);
  });
});
