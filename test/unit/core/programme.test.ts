import { describe, expect, it } from 'vitest';
import { assignmentState, buildProgramme, parseDueDay, type AssignmentRecord } from '../../../src/core/programme.ts';

const NOW = new Date('2026-03-18T10:00:00');
const record = (person: string, dueOn: string, doneOn: string | null = null): AssignmentRecord => ({ id: 1, practice: 'Call back', person, dueOn, doneOn, trainingId: null });

describe('due days', () => {
  it.each([
    ['2026-03-30', '2026-03-30'],
    ['today', '2026-03-18'],
    ['tomorrow', '2026-03-19'],
    ['in 3 days', '2026-03-21'],
    ['In 2 Weeks', '2026-04-01'],
    ['in 1 week', '2026-03-25'],
    // Read ahead: a weekday or a day without its year is the one to come.
    ['friday', '2026-03-20'],
    ['next friday', '2026-03-27'],
    ['Jan 5', '2027-01-05'],
  ])('%s is %s', (text, day) => expect(parseDueDay(text, NOW)).toBe(day));

  it('refuses a day past and text it cannot read', () => {
    expect(() => parseDueDay('2026-03-17', NOW)).toThrow(/--due 2026-03-17 is in the past/);
    expect(() => parseDueDay('yesterday', NOW)).toThrow(/--due 2026-03-17 is in the past/);
    expect(() => parseDueDay('soon', NOW)).toThrow(/is not a day/);
    expect(() => parseDueDay('2026-02-30', NOW)).toThrow(/is not a day/);
  });
});

describe('the programme', () => {
  it('marks overdue, open and done, overdue first and the most overdue at the top', () => {
    expect(assignmentState(record('Ana', '2026-03-18'), '2026-03-18').state).toBe('open');
    expect(assignmentState(record('Ana', '2026-03-17'), '2026-03-18')).toMatchObject({ state: 'overdue', daysOverdue: 1 });
    expect(assignmentState(record('Ana', '2026-03-01', '2026-03-20'), '2026-03-25').state).toBe('done');
    const programme = buildProgramme(
      [record('Ana', '2026-03-30'), record('Bo', '2026-03-10'), record('Cy', '2026-03-15'), record('Dee', '2026-03-01', '2026-03-02')],
      [{ practice: 'Call back', version: 2, people: [] }],
      '2026-03-18',
    );
    expect(programme.open.map((a) => a.person)).toEqual(['Bo', 'Cy', 'Ana']);
    expect(programme).toMatchObject({ overdue: 2, done: 1, unread: [] });
  });
});
