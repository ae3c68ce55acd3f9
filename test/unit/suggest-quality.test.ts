import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureSuggestions, parseSet, type SetTruth, type SuggestMetrics } from '../../src/cli/suggest-metrics.ts';
import { loadEncoder, type Encoder } from '../../src/core/encoder.ts';
import { storySetFiles } from '../eval/story-sets.ts';

// Evidence suggestions measured on the story sets in the repository, with the real
// encoder and real databases: deterministic (same weights, same vectors), so a change that
// makes suggestions worse fails here. scripts/eval-suggest.mjs prints the same figures.
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SETS = storySetFiles().map((file) => relative(FIXTURES, file));

function truthOf(file: string): SetTruth {
  const truth = JSON.parse(readFileSync(join(dirname(file), 'truth.json'), 'utf8')) as Record<string, { practices: SetTruth }>;
  const entry = truth[basename(file)];
  if (!entry) throw new Error(`no truth for ${file}`);
  return entry.practices;
}

const results = new Map<string, SuggestMetrics>();
let encoder: Encoder;
beforeAll(async () => {
  encoder = await loadEncoder();
  for (const set of SETS) {
    const file = join(FIXTURES, set);
    results.set(set, await measureSuggestions(parseSet(readFileSync(file, 'utf8')), truthOf(file), encoder));
  }
}, 600_000);

// The library set, written after the others without reading the detector, misses the
// "more like this" target (53 %): what was tuned on four teams reaches three in five of
// the stories on a fifth. It must not fall below that; the day it meets the target, the
// expected failure fails and the set joins the others.
const MORE_LIKE_THIS_TARGET = 0.6;
const BELOW_MORE_LIKE_THIS_TARGET = new Map([['stories-own/library.jsonl', 0.53]]);
describe.each(SETS)('suggestions on %s', (set) => {
  const floor = BELOW_MORE_LIKE_THIS_TARGET.get(set);
  (floor === undefined ? it : it.fails)(`more like this: from two stories, at least ${MORE_LIKE_THIS_TARGET * 100} % of a shared practice's other stories in the first k (averaged)`, () => {
    expect(results.get(set)?.assistedRecallMean).toBeGreaterThanOrEqual(MORE_LIKE_THIS_TARGET);
  });
  if (floor !== undefined) {
    it(`more like this: at least ${Math.round(floor * 100)} % of a shared practice's other stories in the first k, as now`, () => {
      expect(results.get(set)?.assistedRecallMean).toBeGreaterThanOrEqual(floor - 0.005);
    });
  }

  it('capture: the right practice first for at least 60 % of stories', () => {
    const metrics = results.get(set);
    expect(metrics?.captureRanks.length).toBeGreaterThanOrEqual(20);
    expect(metrics?.captureFirst).toBeGreaterThanOrEqual(0.6);
  });
});

// The target is the top 3 for at least 85 % of each set's stories. The hotel set misses it
// (79 %: its "make it right on the spot", "offer an alternative" and "warn ahead" stories
// share little meaning with their examples and much topic with other practices': a meal
// gone wrong reads as the allergy check). Clause vectors, centring, shared neighbours,
// top-k (CSLS) scales and qualifier agreement were measured and moved it only by trading
// a story of another set. It must not fall below what it reaches; the day it meets the
// target, the expected failure below fails and the set joins the others.
const TOP3_TARGET = 0.85;
const BELOW_TOP3_TARGET = new Map([['stories-dev/hotel.jsonl', 0.79]]);
describe.each(SETS)('capture target on %s', (set) => {
  const floor = BELOW_TOP3_TARGET.get(set);
  (floor === undefined ? it : it.fails)(`the right practice in the top 3 for at least ${TOP3_TARGET * 100} % of stories`, () => {
    expect(results.get(set)?.captureTop3).toBeGreaterThanOrEqual(TOP3_TARGET);
  });
  if (floor !== undefined) {
    it(`the right practice in the top 3 for at least ${Math.round(floor * 100)} % of stories, as now`, () => {
      expect(results.get(set)?.captureTop3).toBeGreaterThanOrEqual(floor);
    });
  }
});

it('capture: the right practice in the top 3 for at least 85 % of stories over all the sets', () => {
  const ranks = [...results.values()].flatMap((metrics) => metrics.captureRanks);
  expect(ranks.filter((rank) => rank <= 3).length / ranks.length).toBeGreaterThanOrEqual(0.85);
});
