import { buildTrainingPlan, type TrainingPlan } from '../core/training.ts';
import type { Practice } from '../core/practice.ts';
import type { Store } from '../store/store.ts';

/** A training brief for a practice, drawn from its evidence. */
export function loadTrainingPlan(store: Store, practice: Practice): TrainingPlan {
  return buildTrainingPlan(practice, store.practices.evidence(practice.id), store.stories.byIds(store.practices.storyIds(practice.id)));
}
