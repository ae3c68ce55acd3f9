import { toDay } from '../core/dates.ts';
import { playbookEntry, type PlaybookEntry } from '../core/playbook.ts';
import { driftWindow, practiceDrifts } from '../core/report.ts';
import type { Store } from '../store/store.ts';

export interface PlaybookInput {
  /** Weeks without evidence before a standard drifts: the report's setting. */
  driftWeeks: number;
}

/** Every standard practice's playbook entry, as of the clock's day; drift decided as the report decides it. */
export function buildPlaybook(store: Store, input: PlaybookInput, now: Date): PlaybookEntry[] {
  const today = toDay(now);
  const people = store.people.activeCount();
  const latest = store.report.latestEvidence(driftWindow(today, input.driftWeeks));
  const records = new Map(store.report.practices(today).map((record) => [record.id, record]));
  return store.procedures.states().map((state) => {
    const record = records.get(state.practiceId);
    return playbookEntry(
      {
        ...state,
        description: store.practices.find(String(state.practiceId))?.description ?? null,
        procedure: store.procedures.current(state.practiceId)?.body ?? '',
        evidence: store.practices.evidence(state.practiceId),
        trained: store.trainings.trained(state.practiceId),
        pool: store.stories.byIds(store.practices.storyIds(state.practiceId)),
        drifting: record ? practiceDrifts(record, latest, today, input.driftWeeks) : false,
        driftWeeks: input.driftWeeks,
      },
      people,
      today,
    );
  });
}
