import { describe, expect, it } from 'vitest';
import { BROAD_EVIDENCE, bareActionsOf, isConcrete, mergeTargetOf, mostlyEvidenceOf, rankCandidates, type RawCandidate, type StoryFacts } from '../../../src/core/detect.ts';
import { reviewQuestions } from '../../../src/core/detect-prompt.ts';

/** Stories 1..people.length, story i credited to people[i - 1] (indexes into names), all on one day. */
function facts(names: string[], people: number[]): StoryFacts {
  const count = people.length + 1;
  return {
    names,
    day: Int32Array.from({ length: count }, (_, id) => (id === 0 ? 0 : 20260301)),
    start: Int32Array.from({ length: count + 1 }, (_, id) => Math.max(0, id - 1)),
    people: Int32Array.from(people),
  };
}

function raw(value: string, storyIds: number[], details: RawCandidate['details'] = []): RawCandidate {
  return {
    source: 'phrase',
    value,
    step: false,
    storyIds: Int32Array.from(storyIds),
    counts: { stories: storyIds.length, people: 0, lastOn: '2026-03-01' },
    details,
  };
}

const NAMES = ['', 'Ana', 'Bo', 'Cy', 'Dee'];
const THRESHOLDS = { minStories: 3, minStaff: 2 };

describe('rankCandidates: only what it can defend', () => {
  it('keeps a bare action done to something different each time out of the practices', () => {
    const f = facts(NAMES, [1, 2, 3, 1, 2, 3]);
    const { practices, commonActions } = rankCandidates(
      [
        raw('fix', [1, 2, 3], [{ detail: 'printer', stories: 1 }, { detail: 'booking', stories: 1 }, { detail: 'tap', stories: 1 }]),
        raw('call back', [4, 5, 6]),
      ],
      f,
      THRESHOLDS,
    );
    expect(practices.map((c) => [c.name, c.coherence, c.basis.kind])).toEqual([['call back', 1, 'phrase']]);
    expect(commonActions.map((c) => [c.name, c.basis.kind])).toEqual([['fix', 'action']]);
  });

  it('never shows a bare action on two stories as concrete', () => {
    const f = facts(NAMES, [1, 2]);
    const { practices, commonActions } = rankCandidates([raw('install', [1, 2])], f, { minStories: 2, minStaff: 2 });
    expect(practices).toEqual([]);
    expect(commonActions.map((c) => c.name)).toEqual(['install']);
  });

  it('shows an action on the same object, with the object as its basis', () => {
    const f = facts(NAMES, [1, 2, 3]);
    const { practices } = rankCandidates([raw('mention', [1, 2, 3], [{ detail: 'allergy', stories: 3 }])], f, THRESHOLDS);
    expect(practices[0]?.basis).toEqual({ kind: 'object', phrase: 'mention', detail: 'allergy', stories: 3 });
  });

  it('shows a bare action with broad evidence after the concrete behaviours', () => {
    const people = Array.from({ length: BROAD_EVIDENCE }, (_, i) => 1 + (i % 4));
    const f = facts(NAMES, [...people, 1, 2, 3]);
    const broad = Array.from({ length: BROAD_EVIDENCE }, (_, i) => i + 1);
    const concrete = [BROAD_EVIDENCE + 1, BROAD_EVIDENCE + 2, BROAD_EVIDENCE + 3];
    const { practices } = rankCandidates([raw('recommend', broad), raw('visit table', concrete)], f, THRESHOLDS);
    expect(practices.map((c) => c.name)).toEqual(['visit table', 'recommend']);
  });

  it("never merges two people's own habits into one shared candidate", () => {
    // Ana's phrase and Bo's tag have the same words, but each is one person's habit.
    const f = facts(NAMES, [1, 1, 1, 2, 2, 2]);
    const tag: RawCandidate = { ...raw('take-coat', [4, 5, 6]), source: 'tag' };
    const { practices } = rankCandidates([raw('take coat', [1, 2, 3]), tag], f, { minStories: 3, minStaff: 1 });
    expect(practices.map((c) => [c.people, c.starDependent])).toEqual([
      [1, true],
      [1, true],
    ]);
  });
});

describe('mostlyEvidenceOf', () => {
  it('names the practice only when it holds at least half the stories', () => {
    expect(mostlyEvidenceOf({ practice: 'Call back', stories: 3 }, 6)).toEqual({ practice: 'Call back', stories: 3 });
    expect(mostlyEvidenceOf({ practice: 'Call back', stories: 2 }, 6)).toBeNull();
    expect(mostlyEvidenceOf(undefined, 6)).toBeNull();
  });
});

describe('a bare action shown for its broad evidence', () => {
  // "check" in 8 stories, on something different in most (coherence 1/8), 7 of them evidence of a practice.
  const people = Array.from({ length: BROAD_EVIDENCE }, (_, i) => 1 + (i % 4));
  const ids = Array.from({ length: BROAD_EVIDENCE }, (_, i) => i + 1);
  const [check] = rankCandidates([raw('check', ids)], facts(NAMES, people), THRESHOLDS).practices;
  const overlap = { practice: 'Call back next day to check the fix held', stories: BROAD_EVIDENCE - 1 };

  it('is shown, but is not concrete: never a preselected merge target, and merged without its action as a matcher', () => {
    expect(check).toMatchObject({ name: 'check', stories: BROAD_EVIDENCE, basis: { kind: 'action' } });
    expect(check?.coherence).toBeCloseTo(1 / BROAD_EVIDENCE);
    expect(check && isConcrete(check)).toBe(false);
    expect(check && mergeTargetOf({ ...check, overlap })).toBeNull();
    expect(check && bareActionsOf(check)).toEqual(['check']);
  });

  it('a concrete behaviour mostly evidence of a practice is still preselected for merging into it', () => {
    const [callBack] = rankCandidates([raw('call back', [1, 2, 3])], facts(NAMES, [1, 2, 3]), THRESHOLDS).practices;
    expect(callBack && mergeTargetOf({ ...callBack, overlap })).toBe(overlap.practice);
    expect(callBack && bareActionsOf(callBack)).toEqual([]);
  });

  it('the review offers accept first for it, and says a merge brings its stories only', () => {
    const questions = reviewQuestions({ suggestedName: 'check', practices: [overlap.practice], taken: new Set(), mergeTarget: null, storiesOnly: ['check'] });
    const action = questions.find((q) => q.key === 'action');
    expect(action).toMatchObject({ default: 'accept' });
    expect(action?.kind === 'select' && action.choices.find((c) => c.value === 'merge')?.name).toContain('stories only');
  });
});
