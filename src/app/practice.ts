import { evidenceFigures } from '../core/figures.ts';
import type { Practice, PracticeView } from '../core/practice.ts';
import { coaches } from '../core/training.ts';
import { buildAssessmentView } from '../core/assess.ts';
import { toDay } from '../core/dates.ts';
import { buildPracticePerception } from '../core/perception.ts';
import { signalTrends } from '../core/signal.ts';
import { resolveNamed } from './names.ts';
import type { Store } from '../store/store.ts';

/**
 * Everything `svc practice show` tells about a practice: its figures and evidence, and
 * beside them what the team says of itself, what customers confirmed, and the trends of
 * the figures kept about it (on the day `now`, which decides which rounds are closed).
 */
export function buildPracticeView(store: Store, practice: Practice, now: Date, latest = 10): PracticeView {
  const evidence = store.practices.linked(practice.id);
  const latestIds = store.practices.latestEvidenceIds(practice.id, latest);
  const wanted = new Set(latestIds);
  const latestHow = new Map(evidence.filter((item) => wanted.has(item.storyId)).map((item) => [item.storyId, item.how]));
  const procedure = store.procedures.current(practice.id);
  return {
    practice,
    matchers: store.practices.matchers(practice.id),
    history: store.practices.statusHistory(practice.id),
    figures: { ...evidenceFigures(evidence), lastEvidenceOn: evidence.at(-1)?.occurredOn ?? null },
    people: coaches(evidence, Infinity).map(({ person, stories, lastOn }) => ({ person, stories, lastOn })),
    evidence: [...evidence].reverse(),
    latest: store.stories.byIds(latestIds).map((story) => ({ story, how: latestHow.get(story.id) ?? 'matched' })),
    procedure: procedure ? { version: procedure.version, createdAt: procedure.createdAt } : null,
    trainings: store.trainings.list(practice.id).length,
    perception: buildPracticePerception({
      // Shown to anyone who can run svc: team figures only, whatever assess.attributed says.
      assessment: buildAssessmentView({ today: toDay(now), attributed: false, ...store.assessments.input() }),
      stories: store.practices.qualities(practice.id),
      confirms: store.interviews.confirming(practice.id),
      calls: store.interviews.list({ status: 'done' }).length,
    }),
    signals: signalTrends(store.signals.forPractice(practice.id)),
  };
}

/** The practice named (case-insensitive, or by id), or a NotFoundError. */
export function requirePractice(store: Store, name: unknown): Practice {
  const { id } = resolveNamed(store, 'practice', String(name ?? ''));
  return store.practices.find(String(id)) as Practice;
}
