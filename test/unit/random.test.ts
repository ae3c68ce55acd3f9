import { describe, expect, it } from 'vitest';
import { randomBelow, sample, seededRandom } from '../../src/core/random.ts';

describe('seeded random sampling', () => {
  it('gives the same sequence for the same seed, another for another seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const value of first) expect(value).toBeGreaterThanOrEqual(0), expect(value).toBeLessThan(2 ** 32);
  });

  it('samples distinct items, at most as many as there are', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const picked = sample(items, 3, seededRandom(1));
    expect(picked).toHaveLength(3);
    expect(new Set(picked).size).toBe(3);
    for (const p of picked) expect(items).toContain(p);
    expect(sample(items, 20, seededRandom(1)).sort((x, y) => x - y)).toEqual(items);
    expect(sample([], 3, seededRandom(1))).toEqual([]);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // the input is left alone
  });

  it('gives every item the same chance (chi-square over a fixed seed)', () => {
    const random = seededRandom(2026);
    const counts = [0, 0, 0, 0, 0];
    const draws = 50_000;
    for (let i = 0; i < draws; i++) {
      const [first] = sample(['a', 'b', 'c', 'd', 'e'], 2, random);
      counts['abcde'.indexOf(first ?? '')]! += 1;
    }
    const expected = draws / 5;
    const chi = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(18.47); // 4 degrees of freedom, p = 0.001
  });

  it('randomBelow stays in range and refuses a bad bound', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 1000; i++) expect(randomBelow(random, 3)).toBeLessThan(3);
    expect(() => randomBelow(random, 0)).toThrow(RangeError);
  });
});
