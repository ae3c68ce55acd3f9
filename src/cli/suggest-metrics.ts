import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Encoder } from '../core/encoder.ts';
import { draftStory } from '../core/story.ts';
import { embedPending, embedText, loadPracticeIndex, scoredStory, scoredText, suggestPractices, suggestStories } from '../app/suggest.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.ts';

/**
 * How well svc suggests evidence, measured on a story set with ground truth (the format of
 * test/fixtures/stories-dev/): the figures `npm run eval:detect` reports beside discovery.
 * An entry point of its own (dist/suggest-metrics.cjs, for the evaluation scripts), so it
 * opens its databases itself, as the CLI does.
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

/**
 * Loads a set into a database in a temporary folder and embeds its stories, once; each
 * measurement then works on a copy of that file. The caller removes the folder.
 */
async function loadSet(stories: readonly SetStory[], encoder: Encoder): Promise<{ dir: string; base: string; ids: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'svc-eval-'));
  const base = join(dir, 'set.db');
  const store = openSqliteStore(base);
  try {
    const now = new Date('2026-08-20T12:00:00Z');
    const ids = store.transaction(() =>
      stories.map((story) =>
        store.stories.insert(draftStory({ text: story.text, staff: story.staff.split(', '), when: story.when, channel: story.channel }, now), now.toISOString()),
      ),
    );
    await embedPending(store, encoder);
    return { dir, base, ids };
  } finally {
    store.close();
  }
}

/** A fresh copy of the embedded set, to name practices in. */
function copyOf(base: string, name: string): SqliteStore {
  const path = join(dirname(base), `${name}.db`);
  copyFileSync(base, path);
  return openSqliteStore(path);
}

/** Names each chosen practice from its first two stories (linked by hand, as `practice add --from-stories` does). */
function namePractices(store: SqliteStore, stories: readonly SetStory[], ids: readonly number[], truth: SetTruth, keys: readonly string[]): Map<string, number> {
  const now = '2026-08-20T12:00:00.000Z';
  return store.transaction(
    () =>
      new Map(
        keys.map((key) => {
          const seeds = ids.filter((_, i) => stories[i]?.practice === key).slice(0, 2);
          const id = store.practices.create({ name: truth[key]?.description ?? key, evidence: seeds.map((storyId) => ({ storyId, how: 'manual' as const })) }, now);
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

  const { dir, base, ids } = await loadSet(stories, encoder);
  try {
    // Assisted recall: each shared practice alone in its own copy, so no other practice's evidence helps.
    for (const key of shared) {
      const store = copyOf(base, key);
      try {
        const practiceId = namePractices(store, stories, ids, truth, [key]).get(key) ?? 0;
        await embedPending(store, encoder); // the practice's name
        const others = ids.filter((_, i) => stories[i]?.practice === key).slice(2);
        const practice = { id: practiceId, name: truth[key]?.description ?? key, description: null };
        const suggested = new Set(suggestStories(store, practice, others.length + 3).map((s) => s.storyId));
        assistedRecall[key] = others.filter((id) => suggested.has(id)).length / Math.max(others.length, 1);
      } finally {
        store.close();
      }
    }

    // Capture: every practice named at once; where does each other story's practice rank?
    const store = copyOf(base, 'capture');
    try {
      const practiceIds = namePractices(store, stories, ids, truth, all);
      await embedPending(store, encoder);
      const index = loadPracticeIndex(store);
      for (const key of all) {
        const others = ids.filter((_, i) => stories[i]?.practice === key).slice(2);
        for (const story of store.vectors.storiesWithVectors(others)) {
          const ranked = suggestPractices(index, scoredStory(story), new Set(), index.practices.length);
          const rank = ranked.findIndex((s) => s.practiceId === practiceIds.get(key));
          captureRanks.push(rank < 0 ? ranked.length + 1 : rank + 1);
        }
      }
    } finally {
      store.close();
    }
  } finally {
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

/**
 * How long the guided `story add` takes from the answer to the suggestions, with the
 * encoder and the team's practices loaded while the person typed: the median over texts,
 * in milliseconds, on a database with practices.
 */
export async function measureCaptureLatency(dbPath: string, encoder: Encoder, texts: readonly string[]): Promise<number> {
  const store = openSqliteStore(dbPath);
  try {
    await embedPending(store, encoder);
    const index = loadPracticeIndex(store);
    await embedText(encoder, 'warm-up', []);
    const times: number[] = [];
    for (const text of texts) {
      const started = performance.now();
      suggestPractices(index, scoredText(text, [], await embedText(encoder, text, [])));
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? 0;
  } finally {
    store.close();
  }
}
