import { describe, expect, it } from 'vitest';
import { closesCycle, teamWithSubteams } from '../../../src/core/team.ts';

// 1 Support ⊃ 2 Support desk ⊃ 3 Night shift; 4 Finance stands alone.
const parents = new Map<number, number | null>([
  [1, null],
  [2, 1],
  [3, 2],
  [4, null],
]);

describe('teams inside teams', () => {
  it('refuses a parent that is the team or inside it, at any depth', () => {
    expect(closesCycle(parents, 1, 1)).toBe(true);
    expect(closesCycle(parents, 1, 2)).toBe(true);
    expect(closesCycle(parents, 1, 3)).toBe(true);
    expect(closesCycle(parents, 3, 1)).toBe(false);
    expect(closesCycle(parents, 4, 3)).toBe(false);
    expect(closesCycle(parents, 2, 4)).toBe(false);
  });

  it('finds a team with the teams inside it', () => {
    expect(teamWithSubteams(parents, 1)).toEqual([1, 2, 3]);
    expect(teamWithSubteams(parents, 2)).toEqual([2, 3]);
    expect(teamWithSubteams(parents, 4)).toEqual([4]);
  });
});
