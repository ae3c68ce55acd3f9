// Detection on four teams' story sets with ground truth (test/fixtures/stories-dev and
// stories-own), scored by the rules of stories-dev/README.md through the same functions as
// `npm run eval:detect`. What a team leader must be able to trust: svc shows few
// candidates rather than filler, never a one-person habit as team culture, and nudges
// vague praise without nagging about real stories.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detect } from '../../src/app/detect.ts';
import { DEFAULT_LIMIT, DEFAULT_MIN_STAFF, DEFAULT_MIN_STORIES, defensible } from '../../src/core/detect.ts';
import { isVaguePraise } from '../../src/core/vague.ts';
import { indexStoryPhrases } from '../../src/app/phrases.ts';
import { discoveryScore, matchCandidates, starScore, truthById, vagueScore, type CandidateMatch } from '../eval/detect-score.ts';
import { loadStorySet, readStorySet, storySetFiles, type StorySet } from '../eval/story-sets.ts';
import { tempStore } from '../helpers/db.ts';

const NOW = new Date('2026-08-17T10:00:00');

// Read while the file is collected: a missing set fails the whole file, nothing is skipped.
const SETS = storySetFiles().map((file) => ({ name: file.split('/').slice(-2).join('/'), set: readStorySet(file) }));

describe.each(SETS)('svc detect on $name', ({ set }: { set: StorySet }) => {
  let store: ReturnType<typeof tempStore>;
  let view: ReturnType<typeof detect>;
  let matches: CandidateMatch[];
  beforeAll(async () => {
    store = tempStore();
    const ids = loadStorySet(store, set, NOW);
    await indexStoryPhrases(store, {}, NOW);
    view = detect(store, { since: undefined, minStories: DEFAULT_MIN_STORIES, minStaff: DEFAULT_MIN_STAFF, limit: DEFAULT_LIMIT });
    matches = matchCandidates(set, truthById(set, ids), view.practices.map((c) => ({ name: c.name, storyIds: [...c.storyIds], starDependent: c.starDependent })));
  });
  afterAll(() => store.dispose());

  it('shows at most one candidate that is no practice of the team, rather than fill the list', () => {
    const junk = matches.filter((m) => m.practice === null);
    expect(junk.length, junk.map((m) => `${m.name} [${m.makeup}]`).join('; ')).toBeLessThanOrEqual(1);
    const { real, considered } = discoveryScore(set, matches);
    expect(considered - real).toBeLessThanOrEqual(1);
  });

  it('shows only candidates several people show, each with its basis and every evidence story', () => {
    for (const c of view.practices) {
      expect(c.people).toBeGreaterThanOrEqual(DEFAULT_MIN_STAFF);
      expect(defensible(c)).toBe(true);
      expect(c.storyIds.length).toBe(c.stories);
      expect(c.basis.stories).toBeGreaterThan(0);
    }
  });

  it('never shows a one-person habit as team culture', () => {
    expect(starScore(matches).shownAsCulture).toBe(0);
  });

  it('nudges at least 5 of its 6 vague stories, and at most 2 practice stories', () => {
    const vague = vagueScore(set, isVaguePraise);
    expect(vague.nudged, vague.missedTexts.join(' | ')).toBeGreaterThanOrEqual(5);
    expect(vague.falseNudges, vague.falseTexts.join(' | ')).toBeLessThanOrEqual(2);
  });
});

describe('the story sets', () => {
  it('match their truth files (validate.mjs)', () => {
    const validate = fileURLToPath(new URL('../fixtures/stories-dev/validate.mjs', import.meta.url));
    for (const truth of ['../fixtures/stories-dev/truth.json', '../fixtures/stories-own/truth.json']) {
      const run = spawnSync(process.execPath, [validate, fileURLToPath(new URL(truth, import.meta.url))], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
    }
  });

  it('fail loudly, naming the file, when one is missing', () => {
    expect(() => readStorySet('/nonexistent/stories.jsonl')).toThrow(/test data missing: \/nonexistent\/truth\.json/u);
  });
});
