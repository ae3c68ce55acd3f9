// Closed lists and defaults that the command tree names in --help, apart from the
// modules that compute with them (those load date-fns), so building the tree loads none.

export const PRACTICE_STATUSES = ['candidate', 'adopted', 'standard', 'retired'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

export const INTERVIEW_STATUSES = ['planned', 'done', 'declined', 'no_reply'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export const DEFAULT_PICK_COUNT = 3;
export const DEFAULT_COOLDOWN_DAYS = 180;

/** A standard practice drifts after this many weeks without new evidence. */
export const DEFAULT_DRIFT_WEEKS = 4;
