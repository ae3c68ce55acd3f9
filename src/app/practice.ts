import { isStarDependent, spread, star } from '../core/figures.ts';
import type { Practice, PracticeView } from '../core/practice.ts';
import { coaches } from '../core/training.ts';
import { resolveNamed } from './names.ts';
import type { Store } from '../store/store.ts';

/** Everything `svc practice show` tells about a practice. */
export function buildPracticeView(store: Store, practice: Practice, latest = 10): PracticeView {
  const evidence = store.practices.linked(practice.id);
  const latestIds = store.practices.latestEvidenceIds(practice.id, latest);
  const wanted = new Set(latestIds);
  const latestHow = new Map(evidence.filter((item) => wanted.has(item.storyId)).map((item) => [item.storyId, item.how]));
  const procedure = store.procedures.current(practice.id);
  const holder = star(evidence);
  return {
    practice,
    matchers: store.practices.matchers(practice.id),
    history: store.practices.statusHistory(practice.id),
    figures: {
      stories: evidence.length,
      spread: spread(evidence),
      starShare: holder?.share ?? 0,
      starDependent: isStarDependent(evidence),
      star: holder?.person ?? null,
      lastEvidenceOn: evidence.at(-1)?.occurredOn ?? null,
    },
    people: coaches(evidence, Infinity).map(({ person, stories, lastOn }) => ({ person, stories, lastOn })),
    evidence: [...evidence].reverse(),
    latest: store.stories.byIds(latestIds).map((story) => ({ story, how: latestHow.get(story.id) ?? 'matched' })),
    procedure: procedure ? { version: procedure.version, createdAt: procedure.createdAt } : null,
    trainings: store.trainings.list(practice.id).length,
  };
}

/** The practice named (case-insensitive, or by id), or a NotFoundError. */
export function requirePractice(store: Store, name: unknown): Practice {
  const { id } = resolveNamed(store, 'practice', String(name ?? ''));
  return store.practices.find(String(id)) as Practice;
}
