import { describe, expect, it } from 'vitest';
import { embeddedSummary } from '../../src/cli/semantic.ts';

describe('the line said after embedding', () => {
  it('is said only when stories were embedded and it took a second or more', () => {
    expect(embeddedSummary(12, 1.24)).toBe('Embedded 12 stories in 1.2 s.');
    expect(embeddedSummary(1, 3)).toBe('Embedded 1 story in 3.0 s.');
    // Only a practice's name needed its vector (the encoder took its time loading): nothing to say.
    expect(embeddedSummary(0, 1.2)).toBeUndefined();
    expect(embeddedSummary(40, 0.4)).toBeUndefined();
  });
});
