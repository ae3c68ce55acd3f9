import { describe, expect, it } from 'vitest';
import { isLastMeeting, parseDay, parseDayExpression, parsePastDay, shiftDay, daysBetween } from '../../../src/core/dates.ts';
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

  it.each(['', 'soon', '2026-02-30', '2026-13-01', '31/31/2025', 'the other day', 'someday soon'])('does not understand %j', (input) => {
    expect(parseDayExpression(input, NOW)).toBeUndefined();
  });
});

// chrono-node reads the English forms; svc's rules bias them to the past.
describe('parseDayExpression, under svc\'s rules', () => {
  it.each([
    ['last week', '2026-03-11'],
    ['three days ago', '2026-03-15'],
    ['a week ago', '2026-03-11'],
    ['an month ago', '2026-02-18'],
    ['last month', '2026-02-18'],
    ['Mar 1', '2026-03-01'],
    ['1 Mar', '2026-03-01'],
    ['March 1st', '2026-03-01'],
    // Not yet this year: last year's.
    ['Dec 1', '2025-12-01'],
    ['1 December', '2025-12-01'],
    ['Dec 1 2026', '2026-12-01'],
    // Only one reading is a date.
    ['31/12/2025', '2025-12-31'],
    ['12/31/2025', '2025-12-31'],
    ['05/05/2025', '2025-05-05'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDayExpression(input, NOW)).toBe(expected);
  });

  it('reads "last <weekday>" as strictly before today, and the weekday alone as today or before', () => {
    // NOW is a Wednesday.
    expect(parseDayExpression('last wednesday', NOW)).toBe('2026-03-11');
    expect(parseDayExpression('wednesday', NOW)).toBe('2026-03-18');
    expect(parseDayExpression('last tuesday', NOW)).toBe('2026-03-17');
    const thursday = new Date('2026-12-03T10:00:00');
    expect(parseDayExpression('last thursday', thursday)).toBe('2026-11-26');
    expect(parseDayExpression('last  Thursday', thursday)).toBe('2026-11-26');
  });

  it('refuses a numeric date that reads two ways, naming both ISO forms', () => {
    expect(() => parseDay('12/01/2026', NOW, '--when')).toThrow(ValidationError);
    expect(() => parseDay('12/01/2026', NOW, '--when')).toThrow('--when "12/01/2026" reads two ways: 2026-12-01 or 2026-01-12');
    try {
      parseDay('03.04.2026', NOW, '--since');
    } catch (error) {
      expect((error as ValidationError).hint).toBe('write it as 2026-03-04 or 2026-04-03 (YYYY-MM-DD reads one way only)');
    }
    expect.assertions(3);
  });

  it('knows last-meeting however it is spelled', () => {
    for (const text of ['last-meeting', 'last meeting', 'Last Meeting', ' last_meeting ']) expect(isLastMeeting(text), text).toBe(true);
    expect(isLastMeeting('last meetings')).toBe(false);
  });
});

describe('parseDay and parsePastDay', () => {
  it('name the flag in the error', () => {
    expect(() => parseDay('soon', NOW, '--since')).toThrow(/--since "soon"/);
    expect(() => parseDay('soon', NOW, '--since')).toThrow(ValidationError);
  });

  it('refuse a future date for things that happened', () => {
    expect(() => parsePastDay('next week', NOW, '--when')).toThrow(/--when 2026-03-25 is in the future/);
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
