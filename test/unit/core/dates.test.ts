import { describe, expect, it } from 'vitest';
import { parseDay, parseDayExpression, parsePastDay, shiftDay, daysBetween } from '../../../src/core/dates.ts';
import { ValidationError } from '../../../src/core/errors.ts';
import { NOW } from '../../helpers/db.ts';

// NOW is Wednesday 2026-03-18.
describe('parseDayExpression', () => {
  it.each([
    ['today', '2026-03-18'],
    ['Yesterday', '2026-03-17'],
    ['3 days ago', '2026-03-15'],
    ['1 day ago', '2026-03-17'],
    ['2 weeks ago', '2026-03-04'],
    ['1 month ago', '2026-02-18'],
    ['wednesday', '2026-03-18'],
    ['monday', '2026-03-16'],
    ['last thursday', '2026-03-12'],
    ['2026-02-28', '2026-02-28'],
    ['2026-03-01T23:00:00', '2026-03-01'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDayExpression(input, NOW)).toBe(expected);
  });

  it.each(['', 'soon', '2026-02-30', '2026-13-01', '31/12/2025', 'three days ago'])('does not understand %j', (input) => {
    expect(parseDayExpression(input, NOW)).toBeUndefined();
  });
});

describe('parseDay and parsePastDay', () => {
  it('name the flag in the error', () => {
    expect(() => parseDay('soon', NOW, '--since')).toThrow(/--since "soon"/);
    expect(() => parseDay('soon', NOW, '--since')).toThrow(ValidationError);
  });

  it('refuse a future date for things that happened', () => {
    expect(() => parsePastDay('2026-03-19', NOW, '--when')).toThrow(/future/);
    expect(parsePastDay('2026-03-18', NOW, '--when')).toBe('2026-03-18');
  });
});

describe('day arithmetic', () => {
  it('shifts and counts across month ends', () => {
    expect(shiftDay('2026-02-27', 3)).toBe('2026-03-02');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
  });
});
