/** A source of random 32-bit unsigned integers. */
export type Random = () => number;

/**
 * A small seeded generator (splitmix32): the same seed gives the same sequence on every
 * machine, so `--seed` makes a pick reproducible. Not for secrets.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A whole number in [0, n), every value equally likely (rejection sampling, no modulo bias). */
export function randomBelow(random: Random, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 0x1_0000_0000) throw new RangeError(`randomBelow: n must be 1..2^32, got ${n}`);
  const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
  for (;;) {
    const value = random();
    if (value < limit) return value % n;
  }
}

/**
 * A uniform random sample of up to `count` items, in the order drawn (a partial
 * Fisher–Yates shuffle on a copy: every subset is equally likely).
 */
export function sample<T>(items: readonly T[], count: number, random: Random): T[] {
  const pool = [...items];
  const take = Math.min(count, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + randomBelow(random, pool.length - i);
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, take);
}
