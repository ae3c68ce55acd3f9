import { describe, expect, it } from 'vitest';
import {
  adoptionAfterTraining,
  change,
  evidenceByPerson,
  isDrifting,
  isStarDependent,
  spread,
  star,
  starOf,
  starShare,
  teamConsistency,
  type EvidenceItem,
} from '../../../src/core/figures.ts';

const item = (storyId: number, occurredOn: string, ...people: string[]): EvidenceItem => ({ storyId, occurredOn, people });

describe('spread and star share', () => {
  it('are zero with no evidence, and that is star-dependent', () => {
    expect(spread([])).toBe(0);
    expect(starShare([])).toBe(0);
    expect(isStarDependent([])).toBe(true);
  });

  it('one person ten times is a star, three people three times is a culture', () => {
    const star10 = Array.from({ length: 10 }, (_, i) => item(i, '2026-03-01', 'Ana'));
    expect(spread(star10)).toBe(1);
    expect(starShare(star10)).toBe(1);
    expect(isStarDependent(star10)).toBe(true);
    const culture = [item(1, '2026-03-01', 'Ana'), item(2, '2026-03-02', 'Bo'), item(3, '2026-03-03', 'Cy')];
    expect(spread(culture)).toBe(3);
    expect(starShare(culture)).toBeCloseTo(1 / 3);
    expect(isStarDependent(culture)).toBe(false);
  });

  it('counts a story with two people once for each', () => {
    const evidence = [item(1, '2026-03-01', 'Ana', 'Bo'), item(2, '2026-03-02', 'Ana'), item(3, '2026-03-02', 'Cy')];
    expect(starShare(evidence)).toBeCloseTo(2 / 3);
    expect(star(evidence)).toEqual({ person: 'Ana', share: 2 / 3 });
    expect(isStarDependent(evidence)).toBe(true); // 0.67 > 0.6
  });

  it('is not star-dependent at exactly 60 %', () => {
    const evidence = [
      item(1, 'd', 'Ana'), item(2, 'd', 'Ana'), item(3, 'd', 'Ana'), item(4, 'd', 'Bo'), item(5, 'd', 'Cy'),
    ];
    expect(starShare(evidence)).toBeCloseTo(0.6);
    expect(isStarDependent(evidence)).toBe(false);
  });
});

describe('team consistency', () => {
  it('is the share of active people with a story', () => {
    expect(teamConsistency(10, 4)).toBe(0.4);
    expect(teamConsistency(0, 0)).toBe(0);
    expect(teamConsistency(1, 1)).toBe(1);
  });
});

describe('adoption after training', () => {
  it('counts only evidence dated after each person\'s first training', () => {
    const trained = [
      { person: 'Ana', trainedOn: '2026-03-01' },
      { person: 'Bo', trainedOn: '2026-03-01' },
      { person: 'Bo', trainedOn: '2026-03-10' },
      { person: 'Cy', trainedOn: '2026-03-05' },
    ];
    const evidence = [item(1, '2026-02-20', 'Ana'), item(2, '2026-03-02', 'Bo'), item(3, '2026-03-05', 'Cy')];
    expect(adoptionAfterTraining(trained, evidence)).toEqual({ trained: 3, adopted: 1, rate: 1 / 3 });
  });

  it('is undefined when nobody was trained', () => {
    expect(adoptionAfterTraining([], [item(1, '2026-03-01', 'Ana')])).toBeUndefined();
  });
});

describe('drift', () => {
  it('starts counting from adoption when there is no later evidence', () => {
    expect(isDrifting(null, '2026-03-01', '2026-03-28')).toBe(false);
    expect(isDrifting(null, '2026-03-01', '2026-03-29')).toBe(true);
    expect(isDrifting('2026-03-20', '2026-03-01', '2026-04-10', 4)).toBe(false);
    expect(isDrifting('2026-03-20', '2026-03-01', '2026-04-17', 4)).toBe(true);
  });
});

describe('change', () => {
  it('has no ratio when the previous period was empty', () => {
    expect(change(5, 0)).toEqual({ delta: 5, ratio: null });
    expect(change(6, 4)).toEqual({ delta: 2, ratio: 0.5 });
  });
});

describe('the star and its tie-break (DESIGN.md: earliest evidence, then name case-insensitively)', () => {
  it('gives a tie to the person whose first evidence is earliest, whatever the names', () => {
    const evidence = [item(1, '2026-03-12', 'ana'), item(2, '2026-03-11', 'Bo')];
    expect(star(evidence)).toEqual({ person: 'Bo', share: 0.5 });
    // Their first story decides, not their latest.
    const longer = [item(1, '2026-03-05', 'Amy'), item(2, '2026-03-06', 'Amy'), item(3, '2026-03-01', 'Zed'), item(4, '2026-03-15', 'Zed')];
    expect(star(longer)?.person).toBe('Zed');
  });

  it('on the same first day, compares names case-insensitively, then as written', () => {
    expect(star([item(1, '2026-03-10', 'Bo'), item(2, '2026-03-10', 'ana')])?.person).toBe('ana');
    expect(starOf([{ person: 'ana', stories: 1, firstOn: '2026-03-10' }, { person: 'Ana', stories: 1, firstOn: '2026-03-10' }], 2)?.person).toBe('Ana');
    expect(starOf([{ person: 'Ana', stories: 1, firstOn: '2026-03-10' }, { person: 'ana', stories: 1, firstOn: '2026-03-10' }], 2)?.person).toBe('Ana');
  });

  it('more stories win over an earlier first one', () => {
    expect(star([item(1, '2026-01-01', 'Ana'), item(2, '2026-03-01', 'Bo'), item(3, '2026-03-02', 'Bo')])).toEqual({ person: 'Bo', share: 2 / 3 });
  });

  it('names the same star from the top people\'s counts alone as from all the evidence, in any order', () => {
    const evidence = [item(1, '2026-03-04', 'Cy', 'Bo'), item(2, '2026-03-02', 'Bo'), item(3, '2026-03-03', 'Cy'), item(4, '2026-03-01', 'Dee')];
    const people = evidenceByPerson(evidence);
    expect(people).toContainEqual({ person: 'Bo', stories: 2, firstOn: '2026-03-02' });
    const top = people.filter((p) => p.stories === 2);
    expect(starOf(top, evidence.length)).toEqual(star(evidence));
    expect(starOf([...top].reverse(), evidence.length)).toEqual({ person: 'Bo', share: 0.5 });
    expect(starOf([], 0)).toBeUndefined();
  });
});

describe('figures on a small team', () => {
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
