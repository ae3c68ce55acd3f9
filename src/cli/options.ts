import { UsageError } from '../core/errors.ts';
import { oneOf } from '../core/story-fields.ts';

/** Repeatable and comma-separated: --staff Ana --staff "Bo, Cy" → [Ana, Bo, Cy]. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  ];
}

/** Repeatable, each value kept whole (phrases and practice names may contain commas). */
export function collectRepeat(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A whole number ≥ min for flag; anything else is a usage error. */
export function parseCount(flag: string, min = 1): (value: string) => number {
  return (value: string) => {
    const text = value.trim();
    if (!/^\d+$/.test(text) || Number(text) < min) {
      throw new UsageError(`${flag} "${value}" is not a whole number of at least ${min}`, `e.g. ${flag} ${Math.max(min, 10)}`);
    }
    return Number(text);
  };
}

/** A value from a closed list, as a commander argument parser. */
export function parseChoice<T extends string>(flag: string, allowed: readonly T[]): (value: string) => T {
  return (value: string) => oneOf(value, allowed, flag);
}
