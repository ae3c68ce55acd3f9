// A quickly generated database for the detection benchmark: stories of about 90 words
// made of the real service sentences, 50 people, 40 tags, over a year.
import { shiftDay, toDay } from '../../src/core/dates.ts';
import type { StoryDraft } from '../../src/core/story.ts';
import type { Connection } from '../../src/store/db.ts';
import { insertStory } from '../../src/store/stories.ts';
import { serviceSentences } from '../fixtures/service-data.ts';

/** A small deterministic generator, so every run builds the same database. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Inserts count stories through the store, in transactions of 5,000. */
export function generateStories(store: Connection, count: number, today: Date): void {
  const sentences = [...serviceSentences('service_positive.jsonl'), ...serviceSentences('service_negative.jsonl')];
  const people = Array.from({ length: 50 }, (_, i) => `Person ${String(i + 1).padStart(2, '0')}`);
  const tags = Array.from({ length: 40 }, (_, i) => `tag-${i + 1}`);
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const last = toDay(today);
  const now = today.toISOString();
  for (let done = 0; done < count; ) {
    const batch = Math.min(5_000, count - done);
    store.write(() => {
      for (let i = 0; i < batch; i++) {
        let text = '';
        while (text.split(' ').length < 90) text += `${pick(sentences)} `;
        const draft: StoryDraft = {
          title: null,
          text: text.trim(),
          occurredOn: shiftDay(last, -Math.floor(next() * 365)),
          staff: next() < 0.2 ? [pick(people), pick(people)].filter((p, j, all) => all.indexOf(p) === j) : [pick(people)],
          customer: null,
          customerKind: next() < 0.3 ? 'internal' : 'external',
          channel: 'in-person',
          source: null,
          trigger: null,
          impact: null,
          reportedBy: null,
          tags: next() < 0.5 ? [pick(tags)] : [],
        };
        insertStory(store.db, draft, now);
      }
    });
    done += batch;
  }
}
