import type { Practice } from '../core/practice.ts';
import { buildTrainingPlan, type TrainingPlan } from '../core/training.ts';
import type { Db } from '../store/db.ts';
import { personNames } from '../store/people.ts';
import { practiceEvidence, practiceStoryIds } from '../store/practices.ts';
import { currentProcedure } from '../store/procedures.ts';
import { storiesByIds } from '../store/stories.ts';
import { trainedPeople } from '../store/trainings.ts';

/** The training brief for a practice: its stories, its written procedure, and who still needs the session. */
export function trainingPlanFor(db: Db, practice: Practice): TrainingPlan {
  const procedure = currentProcedure(db, practice.id);
  return buildTrainingPlan(practice, practiceEvidence(db, practice.id), storiesByIds(db, practiceStoryIds(db, practice.id)), {
    activePeople: personNames(db),
    trained: trainedPeople(db, practice.id),
    procedure: procedure ? { version: procedure.version, text: procedure.body } : null,
  });
}
