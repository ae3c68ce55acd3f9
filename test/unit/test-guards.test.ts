import { expect, it } from 'vitest';

it('a promise compared by value fails, so a missing await cannot pass unnoticed', () => {
  expect(() => expect(Promise.resolve(1)).toEqual(Promise.resolve(1))).toThrow();
  expect(() => expect({ result: Promise.resolve(1) }).toMatchObject({ result: Promise.resolve(1) })).toThrow();
  expect({ result: 1 }).toEqual({ result: 1 });
});
