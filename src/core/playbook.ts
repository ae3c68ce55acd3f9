/** The playbook: every standard practice with its procedure, why, coaches and coverage. */
import type { Day } from './dates.ts';
import { adoptionAfterTraining, isStarDependent, spread, star, type EvidenceItem, type TrainedPerson } from './figures.ts';
import type { Story } from './story.ts';
import { isDueForReview, isQuietSinceAdoption } from './procedure.ts';
import { coaches, strongestStories, type Coach } from './training.ts';

export const PLAYBOOK_WHY_STORIES = 2;

/** What the playbook says of a standard practice's current procedure. */
interface ProcedureFacts {
  practice: string;
  description: string | null;
  version: number;
  writtenAt: string;
  adoptedAt: string;
  reviewEveryDays: number;
  reviewDueOn: Day;
  procedure: string;
}

export interface PlaybookEntry extends ProcedureFacts {
  /** The review date has come. */
  dueForReview: boolean;
  /** No evidence story dated after the practice became standard, four weeks on. */
  noEvidenceSinceAdoption: boolean;
  /** The report's drift: no evidence for driftWeeks weeks (see practiceDrifts). */
  drifting: boolean;
  driftWeeks: number;
  why: Story[];
  coaches: Coach[];
  /** Spread, star and star share over all its evidence, as every command shows them. */
  figures: { stories: number; spread: number; star: string | null; starShare: number; starDependent: boolean };
  coverage: { trained: number; people: number; adopted: number };
}

export interface PlaybookInput extends ProcedureFacts {
  evidenceSinceAdoption: number;
  evidence: EvidenceItem[];
  trained: TrainedPerson[];
  pool: Story[];
  drifting: boolean;
  driftWeeks: number;
}

/** One playbook entry from a standard practice's procedure, evidence and trainings. */
export function playbookEntry(input: PlaybookInput, activePeople: number, today: Day): PlaybookEntry {
  const adoption = adoptionAfterTraining(input.trained, input.evidence);
  const holder = star(input.evidence);
  return {
    practice: input.practice,
    description: input.description,
    version: input.version,
    writtenAt: input.writtenAt,
    adoptedAt: input.adoptedAt,
    reviewEveryDays: input.reviewEveryDays,
    reviewDueOn: input.reviewDueOn,
    procedure: input.procedure,
    dueForReview: isDueForReview(input.reviewDueOn, today),
    noEvidenceSinceAdoption: isQuietSinceAdoption(input.evidenceSinceAdoption, input.adoptedAt.slice(0, 10), today),
    drifting: input.drifting,
    driftWeeks: input.driftWeeks,
    why: strongestStories(input.pool, PLAYBOOK_WHY_STORIES, 1),
    coaches: coaches(input.evidence),
    figures: {
      stories: input.evidence.length,
      spread: spread(input.evidence),
      star: holder?.person ?? null,
      starShare: holder?.share ?? 0,
      starDependent: isStarDependent(input.evidence),
    },
    coverage: { trained: adoption?.trained ?? 0, people: activePeople, adopted: adoption?.adopted ?? 0 },
  };
}
