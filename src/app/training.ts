import { buildTrainingPlan, type TrainingPlan } from '../core/training.ts';
import type { Practice } from '../core/practice.ts';
import type { Store } from '../store/store.ts';

/** The training brief for a practice: its stories, its written procedure, and who still needs the session. */
export function loadTrainingPlan(store: Store, practice: Practice): TrainingPlan {
  const procedure = store.procedures.current(practice.id);
  return buildTrainingPlan(practice, store.practices.evidence(practice.id), store.stories.byIds(store.practices.storyIds(practice.id)), {
    activePeople: store.people.names(),
    trained: store.trainings.trained(practice.id),
    procedure: procedure ? { version: procedure.version, text: procedure.body } : null,
  });
}
