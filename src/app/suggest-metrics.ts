import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Encoder } from '../core/encoder.ts';
import { draftStory } from '../core/story.ts';
import { openStore, type Store } from '../store/db.ts';
import { createPractice } from '../store/practices.ts';
import { insertStory } from '../store/stories.ts';
import { embedPending, loadPracticeIndex, scoredStory, suggestPractices, suggestStories } from './suggest.ts';
import { storiesWithVectors } from '../store/vectors.ts';

/**
 * How well svc suggests evidence, measured on a story set with ground truth (the format of
 * test/fixtures/stories-dev/): the figures `npm run eval:detect` reports beside discovery.
 */

/** One line of a story set. */
export interface SetStory {
  staff: string;
  when: string;
  channel?: string;
  text: string;
  practice: string | null;
  kind: string;
}

/** A set's truth: each practice's kind and its name as a manager would write it. */
export type SetTruth = Record<string, { kind: string; description: string }>;

export interface SuggestMetrics {
  /** Per shared practice, named from its first two stories: the share of its other stories among the first k suggestions (k = their number + 3). */
  assistedRecall: Record<string, number>;
  assistedRecallMean: number;
  /** Every practice named from its first two stories; each other story's rank of its practice (1 = first). */
  captureRanks: number[];
  captureFirst: number;
  captureTop3: number;
}

/** Loads a set into a new database in a temporary folder; the caller closes and removes it. */
function loadSet(stories: readonly SetStory[]): { store: Store; dir: string; ids: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'svc-eval-'));
  const store = openStore(join(dir, 'eval.db'));
  const now = new Date('2026-08-20T12:00:00Z');
  const ids = store.write(() =>
    stories.map((story) =>
      insertStory(store.db, draftStory({ text: story.text, staff: story.staff.split(', '), when: story.when, channel: story.channel }, now), now.toISOString()),
    ),
  );
  return { store, dir, ids };
}

/** Names each chosen practice from its first two stories (linked by hand, as `practice add --from-stories` does). */
function namePractices(store: Store, stories: readonly SetStory[], ids: readonly number[], truth: SetTruth, keys: readonly string[]): Map<string, number> {
  const now = '2026-08-20T12:00:00.000Z';
  return store.write(
    () =>
      new Map(
        keys.map((key) => {
          const seeds = ids.filter((_, i) => stories[i]?.practice === key).slice(0, 2);
          const id = createPractice(store.db, { name: truth[key]?.description ?? key, evidence: seeds.map((storyId) => ({ storyId, how: 'manual' as const })) }, now);
          return [key, id];
        }),
      ),
  );
}

/** Measures assisted recall and capture suggestions on one set. */
export async function measureSuggestions(stories: readonly SetStory[], truth: SetTruth, encoder: Encoder): Promise<SuggestMetrics> {
  const assistedRecall: Record<string, number> = {};
  const captureRanks: number[] = [];
  const shared = Object.keys(truth).filter((key) => truth[key]?.kind === 'shared');
  const all = Object.keys(truth).filter((key) => truth[key]?.kind === 'shared' || truth[key]?.kind === 'star');

  // Assisted recall: each shared practice alone in its own database, so no other practice's evidence helps.
  for (const key of shared) {
    const { store, dir, ids } = loadSet(stories);
    try {
      const practiceId = namePractices(store, stories, ids, truth, [key]).get(key) ?? 0;
      await embedPending(store, encoder);
      const others = ids.filter((_, i) => stories[i]?.practice === key).slice(2);
      const suggested = new Set(suggestStories(store.db, { id: practiceId, name: truth[key]?.description ?? key, description: null }, others.length + 3).map((s) => s.storyId));
      assistedRecall[key] = others.filter((id) => suggested.has(id)).length / Math.max(others.length, 1);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // Capture: every practice named at once; where does each other story's practice rank?
  const { store, dir, ids } = loadSet(stories);
  try {
    const practiceIds = namePractices(store, stories, ids, truth, all);
    await embedPending(store, encoder);
    const index = loadPracticeIndex(store.db);
    for (const key of all) {
      const others = ids.filter((_, i) => stories[i]?.practice === key).slice(2);
      for (const story of storiesWithVectors(store.db, others)) {
        const ranked = suggestPractices(index, scoredStory(story), new Set(), index.practices.length);
        const rank = ranked.findIndex((s) => s.practiceId === practiceIds.get(key));
        captureRanks.push(rank < 0 ? ranked.length + 1 : rank + 1);
      }
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const recalls = Object.values(assistedRecall);
  return {
    assistedRecall,
    assistedRecallMean: recalls.reduce((a, b) => a + b, 0) / Math.max(recalls.length, 1),
    captureRanks,
    captureFirst: captureRanks.filter((rank) => rank === 1).length / Math.max(captureRanks.length, 1),
    captureTop3: captureRanks.filter((rank) => rank <= 3).length / Math.max(captureRanks.length, 1),
  };
}

/** Parses a set file's lines. */
export function parseSet(text: string): SetStory[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as SetStory);
}
