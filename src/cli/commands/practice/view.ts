import { isStarDependent, spread, star, starShare } from '../../../core/figures.ts';
import type { Practice } from '../../../core/practice.ts';
import { coaches } from '../../../core/training.ts';
import type { Db } from '../../../store/db.ts';
import { latestEvidenceIds, linkedEvidence, practiceMatchers, practiceStatusHistory } from '../../../store/practices.ts';
import { currentProcedure } from '../../../store/procedures.ts';
import { storiesByIds } from '../../../store/stories.ts';
import { listTrainings } from '../../../store/trainings.ts';
import type { PracticeView } from '../../../ui/render/practice.ts';

/** Everything `svc practice show` tells about a practice. */
export function buildPracticeView(db: Db, practice: Practice, latest = 10): PracticeView {
  const evidence = linkedEvidence(db, practice.id);
  const latestIds = latestEvidenceIds(db, practice.id, latest);
  const wanted = new Set(latestIds);
  const latestHow = new Map(evidence.filter((item) => wanted.has(item.storyId)).map((item) => [item.storyId, item.how]));
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
    evidence: [...evidence].reverse(),
    latest: storiesByIds(db, latestIds).map((story) => ({ story, how: latestHow.get(story.id) ?? 'matched' })),
    procedure: procedure ? { version: procedure.version, createdAt: procedure.createdAt } : null,
    trainings: listTrainings(db, practice.id).length,
  };
}
