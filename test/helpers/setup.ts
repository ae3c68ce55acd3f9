import { expect } from 'vitest';

// A promise compared with toEqual or toMatchObject equals any other promise: the test
// would compare nothing. An in-process run returns one, so a missing await must fail.
expect.addEqualityTesters([
  (a: unknown, b: unknown) => (a instanceof Promise || b instanceof Promise ? false : undefined),
]);
