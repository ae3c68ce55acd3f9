import { toDay } from '../core/dates.ts';
import { playbookEntry, type PlaybookEntry } from '../core/playbook.ts';
import { driftWindow, practiceDrifts } from '../core/report.ts';
import type { Db } from '../store/db.ts';
import { findPractice, practiceEvidence, practiceStoryIds } from '../store/practices.ts';
import { currentProcedure, procedureStates } from '../store/procedures.ts';
import { latestEvidence, practiceRecords } from '../store/report.ts';
import { activePeopleCount } from '../store/skills.ts';
import { storiesByIds } from '../store/stories.ts';
import { trainedPeople } from '../store/trainings.ts';

export interface PlaybookInput {
  /** Weeks without evidence before a standard drifts: the report's setting. */
  driftWeeks: number;
}

/** Every standard practice's playbook entry, as of the clock's day; drift decided as the report decides it. */
export function buildPlaybook(db: Db, input: PlaybookInput, now: Date): PlaybookEntry[] {
  const today = toDay(now);
  const people = activePeopleCount(db);
  const latest = latestEvidence(db, driftWindow(today, input.driftWeeks));
  const records = new Map(practiceRecords(db, today).map((record) => [record.id, record]));
  return procedureStates(db).map((state) => {
    const record = records.get(state.practiceId);
    return playbookEntry(
      {
        ...state,
        description: findPractice(db, String(state.practiceId))?.description ?? null,
        procedure: currentProcedure(db, state.practiceId)?.body ?? '',
        evidence: practiceEvidence(db, state.practiceId),
        trained: trainedPeople(db, state.practiceId),
        pool: storiesByIds(db, practiceStoryIds(db, state.practiceId)),
        drifting: record ? practiceDrifts(record, latest, today, input.driftWeeks) : false,
        driftWeeks: input.driftWeeks,
      },
      people,
      today,
    );
  });
}
