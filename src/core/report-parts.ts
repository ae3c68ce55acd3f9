import type { Day } from './dates.ts';

// The small shapes the report shares with the sections other parts of svc add to it
// (the chain, actions, the team's view of itself), kept apart so those need not import the report.

export interface Window {
  since: Day;
  until: Day;
}

/** A count now and in the previous period. */
export interface Compared {
  current: number;
  previous: number;
  delta: number;
  /** Relative change; null when the previous period had none. */
  ratio: number | null;
}

export const AGENDA_KINDS = ['celebrate', 'retrain', 'spread', 'decide', 'look-for-stories', 'listen', 'recoveries', 'collect', 'perception', 'follow-up'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export interface AgendaItem {
  kind: AgendaKind;
  text: string;
}
