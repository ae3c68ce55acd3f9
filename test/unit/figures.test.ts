import { describe, expect, it } from 'vitest';
import {
  adoptionAfterTraining,
  change,
  isDrifting,
  isStarDependent,
  spread,
  star,
  starShare,
  teamConsistency,
  type EvidenceItem,
} from '../../src/core/figures.ts';

const item = (storyId: number, occurredOn: string, ...people: string[]): EvidenceItem => ({ storyId, occurredOn, people });

describe('figures', () => {
  it('spread counts distinct people, star share the largest share of stories', () => {
    const evidence = [item(1, '2026-03-01', 'Ana'), item(2, '2026-03-02', 'Ana', 'Bo'), item(3, '2026-03-03', 'Cy'), item(4, '2026-03-04', 'Ana')];
    expect(spread(evidence)).toBe(3);
    expect(starShare(evidence)).toBe(0.75);
    expect(star(evidence)).toEqual({ person: 'Ana', share: 0.75 });
    expect(isStarDependent(evidence)).toBe(true);
  });

  it('is not star-dependent when spread ≥ 2 and nobody holds more than 60 %', () => {
    const evidence = [item(1, '2026-03-01', 'Ana'), item(2, '2026-03-02', 'Bo'), item(3, '2026-03-03', 'Cy')];
    expect(isStarDependent(evidence)).toBe(false);
    expect(starShare(evidence)).toBeCloseTo(1 / 3);
  });

  it('a one-person team is star-dependent; no evidence has no star', () => {
    expect(isStarDependent([item(1, '2026-03-01', 'Ana'), item(2, '2026-03-05', 'Ana')])).toBe(true);
    expect(spread([])).toBe(0);
    expect(starShare([])).toBe(0);
    expect(star([])).toBeUndefined();
    expect(isStarDependent([])).toBe(true);
  });

  it('team consistency is the share of active people with a story, 0 for an empty team', () => {
    expect(teamConsistency(10, 4)).toBe(0.4);
    expect(teamConsistency(1, 1)).toBe(1);
    expect(teamConsistency(0, 0)).toBe(0);
    expect(teamConsistency(2, 3)).toBe(1);
  });

  it('adoption after training counts people with evidence dated after their first session', () => {
    const trained = [
      { person: 'Ana', trainedOn: '2026-02-01' },
      { person: 'Bo', trainedOn: '2026-02-01' },
      { person: 'Bo', trainedOn: '2026-02-20' },
      { person: 'Cy', trainedOn: '2026-03-10' },
    ];
    const evidence = [item(1, '2026-02-05', 'Ana'), item(2, '2026-02-10', 'Bo'), item(3, '2026-03-01', 'Cy')];
    expect(adoptionAfterTraining(trained, evidence)).toEqual({ trained: 3, adopted: 2, rate: 2 / 3 });
    expect(adoptionAfterTraining([], evidence)).toBeUndefined();
    expect(adoptionAfterTraining([{ person: 'Ana', trainedOn: '2026-02-05' }], [item(1, '2026-02-05', 'Ana')])?.adopted).toBe(0);
  });

  it('drift: N weeks without evidence since the last evidence, or since it became standard', () => {
    expect(isDrifting('2026-02-01', '2026-01-01', '2026-03-01', 4)).toBe(true);
    expect(isDrifting('2026-02-10', '2026-01-01', '2026-03-01', 4)).toBe(false);
    expect(isDrifting(null, '2026-02-20', '2026-03-01', 4)).toBe(false);
    expect(isDrifting(null, '2026-01-01', '2026-03-01', 4)).toBe(true);
    expect(isDrifting(null, '2026-02-01', '2026-03-01', 4)).toBe(true);
  });

  it('change against the previous period, with no ratio when there was nothing before', () => {
    expect(change(12, 8)).toEqual({ delta: 4, ratio: 0.5 });
    expect(change(3, 0)).toEqual({ delta: 3, ratio: null });
    expect(change(0, 0)).toEqual({ delta: 0, ratio: null });
    expect(change(2, 4)).toEqual({ delta: -2, ratio: -0.5 });
  });
});
