import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureSuggestions, parseSet, type SetTruth, type SuggestMetrics } from '../../src/cli/suggest-metrics.ts';
import { loadEncoder, type Encoder } from '../../src/core/encoder.ts';

// Evidence suggestions measured on the four story sets in the repository, with the real
// encoder and real databases: deterministic (same weights, same vectors), so a change that
// makes suggestions worse fails here. scripts/eval-suggest.mjs prints the same figures.
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SETS = ['stories-dev/clinic.jsonl', 'stories-dev/contact-centre.jsonl', 'stories-dev/hotel.jsonl', 'stories-own/field-crew.jsonl'];

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

describe.each(SETS)('suggestions on %s', (set) => {
  it('more like this: from two stories, at least 60 % of a shared practice\'s other stories in the first k (averaged)', () => {
    expect(results.get(set)?.assistedRecallMean).toBeGreaterThanOrEqual(0.6);
  });

  it('capture: the right practice first for at least 60 % of stories, in the top 3 for at least 75 %', () => {
    const metrics = results.get(set);
    expect(metrics?.captureRanks.length).toBeGreaterThanOrEqual(20);
    expect(metrics?.captureFirst).toBeGreaterThanOrEqual(0.6);
    expect(metrics?.captureTop3).toBeGreaterThanOrEqual(0.75);
  });
});

// The target is the top 3 for at least 85 % of each set's stories. The hotel set misses it
// (79 %: its "make it right on the spot" and "offer an alternative" stories share little
// meaning with their examples and much topic with other practices'); the day it is met,
// the expected failure below fails and the set joins the others.
const TOP3_TARGET = 0.85;
const BELOW_TOP3_TARGET = new Set(['stories-dev/hotel.jsonl']);
describe.each(SETS)('capture target on %s', (set) => {
  (BELOW_TOP3_TARGET.has(set) ? it.fails : it)(`the right practice in the top 3 for at least ${TOP3_TARGET * 100} % of stories`, () => {
    expect(results.get(set)?.captureTop3).toBeGreaterThanOrEqual(TOP3_TARGET);
  });
});

it('capture: the right practice in the top 3 for at least 85 % of stories over the four sets', () => {
  const ranks = [...results.values()].flatMap((metrics) => metrics.captureRanks);
  expect(ranks.filter((rank) => rank <= 3).length / ranks.length).toBeGreaterThanOrEqual(0.85);
});
