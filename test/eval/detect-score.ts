// The scoring rules of test/fixtures/stories-dev/README.md ("Score"), one function per
// metric, each returning a section the scorer prints. Pure: candidates and a set in,
// figures out.
import type { SetStory, StorySet } from './story-sets.ts';

/** A candidate as `svc detect --json` shows it, in the order shown. */
export interface ShownCandidate {
  name: string;
  storyIds: number[];
  starDependent: boolean;
}

/** Which practice of the set a candidate matches, if any (README: ≥ 60 % of its evidence and ≥ 3 of the practice's stories). */
export interface CandidateMatch {
  rank: number;
  name: string;
  stories: number;
  practice: string | null;
  kind: 'shared' | 'star' | null;
  starDependent: boolean;
  /** How its evidence splits over the truth: "teach_back 4, oneoff 1". */
  makeup: string;
}

export const MATCH_SHARE = 0.6;
export const MATCH_COVER = 3;

/** Story id → its line in the set, from the ids loadStorySet returned. */
export function truthById(set: StorySet, ids: number[]): Map<number, SetStory> {
  return new Map(ids.map((id, i) => [id, set.stories[i] as SetStory]));
}

export function matchCandidates(set: StorySet, byId: Map<number, SetStory>, candidates: ShownCandidate[]): CandidateMatch[] {
  return candidates.map((c, i) => {
    const counts = new Map<string, number>();
    for (const id of c.storyIds) {
      const story = byId.get(id);
      const what = story ? (story.practice ?? story.kind) : 'unknown';
      counts.set(what, (counts.get(what) ?? 0) + 1);
    }
    const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const [top, count] = sorted[0] ?? ['', 0];
    const truth = set.practices[top];
    const matched = truth !== undefined && count >= MATCH_COVER && count / Math.max(1, c.storyIds.length) >= MATCH_SHARE;
    return {
      rank: i + 1,
      name: c.name,
      stories: c.storyIds.length,
      practice: matched ? top : null,
      kind: matched ? truth.kind : null,
      starDependent: c.starDependent,
      makeup: sorted.map(([what, n]) => `${what} ${n}`).join(', '),
    };
  });
}

export interface DiscoveryScore {
  shared: number;
  found: string[];
  recall: number;
  /** n = min(10, shown) */
  considered: number;
  real: number;
  precision: number;
}

/** Recall of shared practices and precision@10 (each practice counted once; a star habit is real only when flagged). */
export function discoveryScore(set: StorySet, matches: CandidateMatch[]): DiscoveryScore {
  const shared = Object.entries(set.practices).filter(([, p]) => p.kind === 'shared').map(([key]) => key);
  const found = shared.filter((key) => matches.some((m) => m.practice === key));
  const considered = Math.min(10, matches.length);
  const counted = new Set<string>();
  for (const m of matches.slice(0, considered)) {
    if (m.practice && (m.kind === 'shared' || m.starDependent)) counted.add(m.practice);
  }
  return {
    shared: shared.length,
    found,
    recall: shared.length ? found.length / shared.length : 0,
    considered,
    real: counted.size,
    precision: considered ? counted.size / considered : 0,
  };
}

export interface StarScore {
  /** Candidates that match a star habit. */
  matched: number;
  /** … of which not flagged star-dependent: a habit shown as culture (target 0). */
  shownAsCulture: number;
}

export function starScore(matches: CandidateMatch[]): StarScore {
  const stars = matches.filter((m) => m.kind === 'star');
  return { matched: stars.length, shownAsCulture: stars.filter((m) => !m.starDependent).length };
}

export interface VagueScore {
  vague: number;
  nudged: number;
  /** Shared or star stories nudged by mistake (target 0). */
  falseNudges: number;
  falseTexts: string[];
  missedTexts: string[];
}

/** How many vague stories get the vague-praise nudge, and how many practice stories get it wrongly. */
export function vagueScore(set: StorySet, nudges: (text: string) => boolean): VagueScore {
  const vague = set.stories.filter((s) => s.kind === 'vague');
  const practice = set.stories.filter((s) => s.kind === 'shared' || s.kind === 'star');
  const falseTexts = practice.filter((s) => nudges(s.text)).map((s) => s.text);
  const missedTexts = vague.filter((s) => !nudges(s.text)).map((s) => s.text);
  return { vague: vague.length, nudged: vague.length - missedTexts.length, falseNudges: falseTexts.length, falseTexts, missedTexts };
}

