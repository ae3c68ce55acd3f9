import type { ReportInput } from '../../src/core/report.ts';

/** A report's input with nothing recorded, and whatever the test sets on top. */
export function emptyReportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    people: [],
    mix: [],
    previousMix: [],
    perDay: [],
    perPerson: new Map(),
    previousPerPerson: new Map(),
    storiesToRead: [],
    practices: [],
    evidence: [],
    latestEvidence: new Map(),
    candidateStories: new Map(),
    trainings: [],
    trained: [],
    qualities: new Map(),
    interviews: [],
    ...overrides,
  };
}
