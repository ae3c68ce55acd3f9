import { describe, expect, it } from 'vitest';
import { checkPeriod, isLastMeeting, parseDay, parseDayExpression, parsePastDay, shiftDay, daysBetween } from '../../../src/core/dates.ts';
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
    expect(parseDayExpression(input, NOW, 'past')).toBe(expected);
  });

  it.each(['', 'soon', '2026-02-30', '2026-13-01', '31/31/2025', 'the other day', 'someday soon'])('does not understand %j', (input) => {
    expect(parseDayExpression(input, NOW, 'past')).toBeUndefined();
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
    expect(parseDayExpression(input, NOW, 'past')).toBe(expected);
  });

  it('reads "last <weekday>" as strictly before today, and the weekday alone as today or before', () => {
    // NOW is a Wednesday.
    expect(parseDayExpression('last wednesday', NOW, 'past')).toBe('2026-03-11');
    expect(parseDayExpression('wednesday', NOW, 'past')).toBe('2026-03-18');
    expect(parseDayExpression('last tuesday', NOW, 'past')).toBe('2026-03-17');
    const thursday = new Date('2026-12-03T10:00:00');
    expect(parseDayExpression('last thursday', thursday, 'past')).toBe('2026-11-26');
    expect(parseDayExpression('last  Thursday', thursday, 'past')).toBe('2026-11-26');
  });

  it('refuses a numeric date that reads two ways, naming both ISO forms', () => {
    expect(() => parseDay('12/01/2026', NOW, '--when', 'past')).toThrow(ValidationError);
    expect(() => parseDay('12/01/2026', NOW, '--when', 'past')).toThrow('--when "12/01/2026" reads two ways: 2026-12-01 or 2026-01-12');
    try {
      parseDay('03.04.2026', NOW, '--since', 'past');
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

// A Friday in December, the year's end three weeks off.
const FRIDAY = new Date('2026-12-04T10:00:00');

describe('parseDayExpression in each direction', () => {
  it.each([
    // text, read back (what happened), read ahead (what is to come)
    ['friday', '2026-12-04', '2026-12-04'],
    ['monday', '2026-11-30', '2026-12-07'],
    ['Saturday', '2026-11-28', '2026-12-05'],
    ['Dec 20', '2025-12-20', '2026-12-20'],
    ['20 December', '2025-12-20', '2026-12-20'],
    ['Dec 1', '2026-12-01', '2027-12-01'],
    ['Dec 4', '2026-12-04', '2026-12-04'],
    ['Jan 5', '2026-01-05', '2027-01-05'],
    ['Dec 20 2026', '2026-12-20', '2026-12-20'],
    // Named from today: the same day either way; the caller refuses the wrong side.
    ['last friday', '2026-11-27', '2026-11-27'],
    ['next friday', '2026-12-11', '2026-12-11'],
    ['next monday', '2026-12-07', '2026-12-07'],
    ['next week', '2026-12-11', '2026-12-11'],
    ['in 2 weeks', '2026-12-18', '2026-12-18'],
    ['in a week', '2026-12-11', '2026-12-11'],
    ['in 30 days', '2027-01-03', '2027-01-03'],
    ['tomorrow', '2026-12-05', '2026-12-05'],
    ['yesterday', '2026-12-03', '2026-12-03'],
    ['3 days ago', '2026-12-01', '2026-12-01'],
    ['2026-12-20', '2026-12-20', '2026-12-20'],
  ])('%s is %s back and %s ahead', (text, back, ahead) => {
    expect(parseDayExpression(text, FRIDAY, 'past')).toBe(back);
    expect(parseDayExpression(text, FRIDAY, 'future')).toBe(ahead);
  });

  it('reads "next <weekday>" on that weekday as a week on, and the weekday alone as today', () => {
    expect(parseDayExpression('next friday', FRIDAY, 'future')).toBe('2026-12-11');
    expect(parseDayExpression('friday', FRIDAY, 'future')).toBe('2026-12-04');
    const monday = new Date('2026-12-07T10:00:00');
    expect(parseDayExpression('next monday', monday, 'future')).toBe('2026-12-14');
    expect(parseDayExpression('monday', monday, 'future')).toBe('2026-12-07');
    expect(parseDayExpression('last monday', monday, 'future')).toBe('2026-11-30');
  });

  it('keeps a day named from today across the year\'s end, in either direction', () => {
    const lastMonday = new Date('2026-12-28T10:00:00');
    for (const direction of ['past', 'future'] as const) {
      expect(parseDayExpression('next friday', lastMonday, direction), direction).toBe('2027-01-08');
      expect(parseDayExpression('in 1 week', lastMonday, direction), direction).toBe('2027-01-04');
    }
    expect(parseDayExpression('Jan 2', lastMonday, 'future')).toBe('2027-01-02');
    expect(parseDayExpression('Jan 2', lastMonday, 'past')).toBe('2026-01-02');
    expect(parseDayExpression('Dec 30', lastMonday, 'past')).toBe('2025-12-30');
    expect(parseDayExpression('Dec 30', lastMonday, 'future')).toBe('2026-12-30');
    const newYear = new Date('2027-01-02T10:00:00');
    expect(parseDayExpression('Dec 30', newYear, 'past')).toBe('2026-12-30');
    expect(parseDayExpression('Dec 30', newYear, 'future')).toBe('2027-12-30');
    expect(parseDayExpression('friday', newYear, 'past')).toBe('2027-01-01');
    expect(parseDayExpression('thursday', newYear, 'future')).toBe('2027-01-07');
  });

  it('hints at forward forms when a day to come cannot be read', () => {
    try {
      parseDay('soonish', FRIDAY, '--due', 'future');
    } catch (error) {
      expect((error as ValidationError).message).toBe('--due "soonish" is not a date svc understands');
      expect((error as ValidationError).hint).toMatch(/"next friday"/);
    }
    expect.assertions(2);
  });
});

describe('checkPeriod', () => {
  it('refuses a period that starts after it ends, and takes one of a single day', () => {
    expect(() => checkPeriod('2026-12-05', '2026-12-04')).toThrow('the period starts (2026-12-05) after it ends (2026-12-04)');
    expect(() => checkPeriod('2026-12-05', '2026-12-04')).toThrow(ValidationError);
    expect(() => checkPeriod('2026-12-04', '2026-12-04')).not.toThrow();
  });
});

describe('parseDay and parsePastDay', () => {
  it('name the flag in the error', () => {
    expect(() => parseDay('soon', NOW, '--since', 'past')).toThrow(/--since "soon"/);
    expect(() => parseDay('soon', NOW, '--since', 'past')).toThrow(ValidationError);
  });

  it('refuse a future date for things that happened', () => {
    expect(() => parsePastDay('next week', NOW, '--when', '')).toThrow(/--when 2026-03-25 is in the future/);
    expect(() => parsePastDay('2026-03-19', NOW, '--when', '')).toThrow(/future/);
    expect(parsePastDay('2026-03-18', NOW, '--when', '')).toBe('2026-03-18');
    expect(() => parsePastDay('next friday', FRIDAY, '--when', '')).toThrow('--when 2026-12-11 is in the future');
    expect(parsePastDay('friday', FRIDAY, '--when', '')).toBe('2026-12-04');
  });
});

describe('day arithmetic', () => {
  it('shifts and counts across month ends', () => {
    expect(shiftDay('2026-02-27', 3)).toBe('2026-03-02');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
  });
});
