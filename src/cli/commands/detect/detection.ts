import type { Day } from '../../../core/dates.ts';
import { exampleStoryIds, mostlyEvidenceOf, qualityCounts, rankCandidates, snippetAround, type Candidate, type StoryFacts } from '../../../core/detect.ts';
import { QUALIFIER_LABELS, clauseAfter, sharedQualifier } from '../../../core/qualifiers.ts';
import { exampleRows, qualityRows, rawCandidates, storyFacts, topEvidencePractice } from '../../../store/detect.ts';
import { useSmallPageCache, type Db } from '../../../store/db.ts';
import type { DetectionView } from '../../../ui/render/detect.ts';

type ShownCandidate = DetectionView['practices'][number];

export interface DetectionOptions {
  since: Day | undefined;
  minStories: number;
  minStaff: number;
  limit: number;
}

/** Runs detection over an indexed store: aggregate queries, then ranking in core. */
export function detect(db: Db, options: DetectionOptions): DetectionView {
  // At a million stories the default cache was 40 MB of the peak, and no faster at 100,000.
  useSmallPageCache(db);
  const facts = storyFacts(db, options.since);
  const raws = rawCandidates(db, { ...options, pool: options.limit === 0 ? 1_000_000 : Math.max(20, options.limit + 10) }, facts);
  const { practices, steps, commonActions } = rankCandidates(raws, facts, options);
  const shown = options.limit === 0 ? practices : practices.slice(0, options.limit);
  const quality = qualityRows(db, options.since);
  return {
    since: options.since ?? null,
    minStories: options.minStories,
    minStaff: options.minStaff,
    practices: shown.map((candidate) => withExamples(db, candidate, facts)),
    more: practices.length - shown.length,
    steps: steps.slice(0, 5),
    commonActions: commonActions.slice(0, 5),
    qualities: qualityCounts(quality.attributes, quality.words),
  };
}

// Enough of a candidate's latest stories to tell a qualifier most of them share.
const QUALIFIER_SAMPLE = 200;

function withExamples(db: Db, candidate: Candidate, facts: StoryFacts): ShownCandidate {
  const rows = exampleRows(db, exampleStoryIds(candidate, facts), candidate.phrases);
  const sample = candidate.phrases.length ? exampleRows(db, Array.from(candidate.storyIds.slice(-QUALIFIER_SAMPLE)), candidate.phrases) : [];
  const qualifier = sharedQualifier(sample.filter((row) => row.end !== null).map((row) => clauseAfter(row.text, row.end ?? 0)));
  return {
    ...candidate,
    // The label reads as a behaviour: the action, and the qualifier most of its stories share.
    label: qualifier ? `${candidate.name} · ${QUALIFIER_LABELS[qualifier.kind]}` : candidate.name,
    qualifier,
    overlap: mostlyEvidenceOf(topEvidencePractice(db, candidate.storyIds), candidate.stories),
    examples: rows.map((row) => ({
      storyId: row.storyId,
      occurredOn: row.occurredOn,
      people: row.people,
      snippet:
        row.start === null || row.end === null
          ? snippetAround(row.text, 0, 0, 120).replace(/\u0002\u0003/u, '')
          : snippetAround(row.text, row.start, row.end),
    })),
  };
}
