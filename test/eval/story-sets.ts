// The story sets with ground truth that detection is scored on (test/fixtures/stories-dev
// and stories-own; the format is in stories-dev/README.md), and a loader that stores a
// set's stories, without their truth, in a database.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from '../../src/store/db.ts';
import { insertStory } from '../../src/store/stories.ts';
import type { Channel } from '../../src/core/story.ts';
import { storyDraft } from '../helpers/stories.ts';

export type StoryKind = 'shared' | 'star' | 'oneoff' | 'vague';

/** One line of a set: a story and its truth (practice, kind). */
export interface SetStory {
  staff: string[];
  when: string;
  channel: string | null;
  text: string;
  practice: string | null;
  kind: StoryKind;
}

export interface PracticeTruth {
  description: string;
  kind: 'shared' | 'star';
  stories: number;
  people_count: number;
  star_share: number;
  keywords: string[];
}

export interface StorySet {
  /** The file's name, as truth.json keys it: "clinic.jsonl". */
  name: string;
  stories: SetStory[];
  practices: Record<string, PracticeTruth>;
}

/**
 * The sets every quality figure is reported on, under a checkout's root: the three
 * development sets, the field crew written beside them, and the library written later
 * without reading the detector (a team nothing was tuned on).
 */
export function storySetFiles(root = fileURLToPath(new URL('../../', import.meta.url))): string[] {
  const fixtures = join(root, 'test', 'fixtures');
  return [
    join(fixtures, 'stories-dev/clinic.jsonl'),
    join(fixtures, 'stories-dev/contact-centre.jsonl'),
    join(fixtures, 'stories-dev/hotel.jsonl'),
    join(fixtures, 'stories-own/field-crew.jsonl'),
    join(fixtures, 'stories-own/library.jsonl'),
  ];
}

function mustRead(path: string, what: string): string {
  // A missing file must fail the suite loudly, never skip it.
  if (!existsSync(path)) throw new Error(`test data missing: ${path} (${what})`);
  return readFileSync(path, 'utf8');
}

/** Reads a set and its entry in the truth file (by default the truth.json beside it). */
export function readStorySet(file: string, truthFile = join(dirname(file), 'truth.json')): StorySet {
  const name = basename(file);
  const truth = JSON.parse(mustRead(truthFile, `the ground truth of ${name}`)) as Record<string, { practices: Record<string, PracticeTruth> } | undefined>;
  const entry = truth[name];
  if (!entry) throw new Error(`test data missing: ${truthFile} has no entry for ${name}`);
  const stories = mustRead(file, 'a story set in the stories-dev format')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as { staff: string; when: string; channel?: string; text: string; practice: string | null; kind: StoryKind };
      return {
        staff: row.staff.split(',').map((s) => s.trim()).filter(Boolean),
        when: row.when,
        channel: row.channel ?? null,
        text: row.text,
        practice: row.practice,
        kind: row.kind,
      };
    });
  return { name, stories, practices: entry.practices };
}

/** Stores the set's stories (text, staff, date, channel; never the truth). Returns their ids in line order. */
export function loadStorySet(store: Connection, set: StorySet, now: Date): number[] {
  const stamp = now.toISOString();
  return store.write(() =>
    set.stories.map((story) =>
      insertStory(
        store.db,
        storyDraft({ text: story.text, occurredOn: story.when, staff: story.staff, channel: story.channel as Channel | null }),
        stamp,
      ),
    ),
  );
}
