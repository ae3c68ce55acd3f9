// The quality bar of detection on real service sentences (test/fixtures/mams): what a team
// leader reads at the top of `svc detect` must be behaviours, not filler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detect } from '../../src/app/detect.ts';
import { QUALITY_ORDER } from '../../src/core/phrases.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src/core/search.ts';
import { rejectCandidate } from '../../src/store/detect.ts';
import { storyPhrases } from '../../src/store/phrases.ts';
import { indexStoryPhrases } from '../../src/app/phrases.ts';
import { getStory } from '../../src/store/stories.ts';
import { NOW, NOW_ISO, tempStore } from '../helpers/db.ts';
import { STAFF, loadServiceStories, serviceSentences } from '../fixtures/service-data.ts';

// Read while the file is collected: missing data fails the whole file, nothing is skipped.
const SENTENCES = serviceSentences();

let store: ReturnType<typeof tempStore>;
beforeAll(async () => {
  store = tempStore();
  loadServiceStories(store, NOW, SENTENCES);
  await indexStoryPhrases(store, {}, NOW);
});
afterAll(() => store.dispose());

const run = (minStaff = 2, limit = 10, minStories = 3) => detect(store, { since: undefined, minStories, minStaff, limit });

// Words that alone say nothing a team could train.
const FILLER = new Set(['be', 'have', 'get', 'do', 'go', 'come', 'make', 'take', 'staff', 'the', 'service', 'food', 'great', 'good', 'table', 'drink']);
// Behaviours a team leader recognises in restaurant service (DETECTION.md).
const RECOGNISABLE = ['recommend', 'help', 'visit table', 'explain', 'apologize', 'offer', 'greet', 'comp item', 'refill water', 'remember', 'treat', 'take care of customer', 'take time', 'check on', 'accommodate', 'provide', 'go out of the way', 'make customer feel welcome'];

describe('svc detect on the shared service sentences', () => {
  it('puts recognisable behaviours at the top, never filler or people', () => {
    const top = run().practices;
    // Detection shows only what it can defend, so fewer than ten is allowed; junk is not.
    expect(top.length).toBeGreaterThanOrEqual(7);
    expect(top.length).toBeLessThanOrEqual(10);
    const people = new Set(STAFF.map((s) => s.toLowerCase()));
    for (const c of top) {
      const words = c.name.replace(/[()]/gu, '').split(/[\s,]+/u).filter(Boolean);
      expect(words.every((w) => FILLER.has(w))).toBe(false);
      expect(words.some((w) => people.has(w))).toBe(false);
      expect(c.people).toBeGreaterThanOrEqual(2);
    }
    const recognised = top.filter((c) => c.phrases.some((p) => RECOGNISABLE.includes(p)) || c.tags.length > 0);
    expect(recognised.length).toBeGreaterThanOrEqual(7);
  });

  it('keeps routine steps and qualities out of the practices', () => {
    const view = run(2, 0);
    const practiceKeys = view.practices.flatMap((c) => c.phrases);
    for (const step of ['seat', 'take order', 'serve', 'ask', 'tell']) expect(practiceKeys).not.toContain(step);
    for (const quality of ['friendly', 'attentive', 'nice', 'helpful']) expect(practiceKeys).not.toContain(quality);
    expect(view.steps.map((s) => s.phrases[0])).toContain('seat');
    // One vocabulary, in its order: seed 004's attributes, then responsiveness and knowledge.
    const attributes = view.qualities.map((q) => q.attribute);
    expect(attributes).toEqual(QUALITY_ORDER.filter((a) => attributes.includes(a)));
    expect(attributes).toEqual(expect.arrayContaining(['positive demeanor', 'listening', 'empathy', 'responsiveness', 'knowledge']));
    // Perception outweighs performance in praise (seed 004): friendly alone beats the best practice.
    expect(view.qualities[0]?.stories).toBeGreaterThan(view.practices[0]?.stories ?? 0);
  });

  it('marks every candidate held by one person as star-dependent', () => {
    const all = run(1, 0, 1).practices;
    const single = all.filter((c) => c.people === 1);
    expect(single.length).toBeGreaterThan(0);
    for (const c of all) expect(c.starDependent).toBe(c.people < 2 || c.starShare > 0.6);
    for (const c of single) expect(c.starDependent).toBe(true);
  });

  it('highlights, in every example, words that hold one of the candidate\'s phrases', () => {
    for (const c of run().practices) {
      expect(c.examples.length).toBeGreaterThanOrEqual(2);
      for (const e of c.examples) {
        const marked = e.snippet.slice(e.snippet.indexOf(HIGHLIGHT_START) + 1, e.snippet.indexOf(HIGHLIGHT_END));
        expect(marked.length).toBeGreaterThan(0);
        const story = getStory(store.db, e.storyId);
        const phrase = storyPhrases(store.db, e.storyId).find((p) => story?.text.slice(p.start, p.end) === marked);
        expect(c.phrases).toContain(phrase?.key);
      }
    }
  });

  it('does not bring back a rejected candidate', () => {
    const [first] = run().practices;
    if (!first) throw new Error('no candidate');
    store.write(() => rejectCandidate(store.db, first.keys, first.name, NOW_ISO));
    const after = run().practices;
    expect(after.map((c) => c.name)).not.toContain(first.name);
    expect(after.flatMap((c) => c.keys).some((k) => first.keys.includes(k))).toBe(false);
  });
});
