import { isStarDependent, spread, star, starShare } from '../../../core/figures.ts';
import type { Practice } from '../../../core/practice.ts';
import { coaches } from '../../../core/training.ts';
import type { Db } from '../../../store/db.ts';
import {
  evidenceLinks,
  latestEvidenceIds,
  practiceEvidence,
  practiceMatchers,
  practiceStatusHistory,
} from '../../../store/practices.ts';
import { currentProcedure } from '../../../store/procedures.ts';
import { storiesByIds } from '../../../store/stories.ts';
import { listTrainings } from '../../../store/trainings.ts';
import type { PracticeView } from '../../../ui/render/practice.ts';

/** Everything `svc practice show` tells about a practice. */
export function buildPracticeView(db: Db, practice: Practice, latest = 10): PracticeView {
  const evidence = practiceEvidence(db, practice.id);
  const links = evidenceLinks(db, practice.id);
  const procedure = currentProcedure(db, practice.id);
  return {
    practice,
    matchers: practiceMatchers(db, practice.id),
    history: practiceStatusHistory(db, practice.id),
    figures: {
      stories: evidence.length,
      spread: spread(evidence),
      starShare: starShare(evidence),
      starDependent: isStarDependent(evidence),
      star: star(evidence)?.person ?? null,
      lastEvidenceOn: evidence.at(-1)?.occurredOn ?? null,
    },
    people: coaches(evidence, Infinity).map(({ person, stories, lastOn }) => ({ person, stories, lastOn })),
    evidence: evidence
      .map((item) => ({ ...item, how: links.get(item.storyId) ?? 'matched' }))
      .reverse(),
    latest: storiesByIds(db, latestEvidenceIds(db, practice.id, latest)).map((story) => ({
      story,
      how: links.get(story.id) ?? 'matched',
    })),
    procedure: procedure ? { version: procedure.version, createdAt: procedure.createdAt } : null,
    trainings: listTrainings(db, practice.id).length,
  };
}
