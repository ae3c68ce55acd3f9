import fc from 'fast-check';

/** Text as people (and attackers) type it: any code point, plus the awkward pieces. */
export const storyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\u001b[2J', '\u001b]0;x\u0007', '\u009b31m', '<script>alert(1)</script>', '"\'`', '\u0000', '\r\n', '#tag', 'é', 'e\u0301', '👍🏽', '\u202e', '%s', '\\'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''))
  .filter((text) => !/\p{Cs}/u.test(text)); // no lone surrogates: they cannot be UTF-8


/**
 * fast-check settings: a fixed seed in CI so a run is repeatable (set SVC_FUZZ_SEED to
 * explore another one); a fresh seed on a developer's machine, printed on failure.
 */
export const FUZZ_SEED: { seed?: number } =
  process.env.SVC_FUZZ_SEED !== undefined
    ? { seed: Number(process.env.SVC_FUZZ_SEED) }
    : process.env.CI
      ? { seed: 20261123 }
      : {};
