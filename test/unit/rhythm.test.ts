import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, buildRhythm, dueItems, listeningLine, nextWeekday, type RhythmInput } from '../../src/core/rhythm.ts';
import { escapeText, foldLine, renderIcs } from '../../src/ui/render/calendar.ts';

const settings = { meetingWeekday: 'monday', meetingTime: '09:00', meetingMinutes: 30, interviewIntervalDays: 30 } as const;
const input = (over: Partial<RhythmInput> = {}): RhythmInput => ({
  today: '2026-03-18',
  settings,
  lastMeeting: null,
  plannedInterviews: [],
  lastRoundOn: null,
  procedures: [],
  sessions: [],
  ...over,
});

describe('the rhythm', () => {
  it('finds the next meeting day, today included', () => {
    expect(nextWeekday('2026-03-18', 'wednesday')).toBe('2026-03-18');
    expect(nextWeekday('2026-03-18', 'monday')).toBe('2026-03-23');
    expect(nextWeekday('2026-03-18', 'tuesday')).toBe('2026-03-24');
  });

  it('calls a planned interview overdue after a week, and the round due when none is open', () => {
    const open = buildRhythm(input({ plannedInterviews: [{ id: 4, plannedOn: '2026-03-11' }, { id: 5, plannedOn: '2026-03-10' }], lastRoundOn: '2026-03-11' }));
    expect(open.listening.overdue).toEqual([{ id: 5, plannedOn: '2026-03-10', days: 8 }]);
    expect(open.listening.roundDue).toBe(false);
    expect(listeningLine(open.listening)).toEqual({ figure: '2 interviews planned (1 overdue), next round 2026-04-10', next: 'svc interview log 5' });
    const quiet = buildRhythm(input({ lastRoundOn: '2026-01-01' }));
    expect(quiet.listening).toMatchObject({ roundDue: true, nextRoundOn: '2026-01-31' });
    expect(listeningLine(quiet.listening)).toEqual({ figure: '0 interviews planned, next round due since 2026-01-31', next: 'svc interview pick' });
    expect(listeningLine(buildRhythm(input()).listening).figure).toBe('0 interviews planned, no round held yet');
  });

  it('lists what is due, each with its command, the meeting last', () => {
    const rhythm = buildRhythm(
      input({
        today: '2026-03-23',
        plannedInterviews: [{ id: 2, plannedOn: '2026-03-01' }],
        lastRoundOn: '2026-03-01',
        procedures: [{ practice: "Ana's way", practiceUuid: 'u1', version: 2, reviewDueOn: '2026-03-01' }],
      }),
    );
    const items = dueItems(rhythm, { candidates: 1, drifting: ['Greet'], untrained: ['Call back'], peopleWithoutStories: ['Dee', 'Eve'] });
    expect(items.map((i) => [i.kind, i.command])).toEqual([
      ['interview-overdue', 'svc interview log 2'],
      ['procedure-review', `svc practice review 'Ana'\\''s way'`],
      ['review-suggestions', 'svc practices --status candidate'],
      ['drifting', 'svc practice show Greet'],
      ['training', "svc train plan 'Call back'"],
      ['no-story', 'svc story add "what happened" --staff Dee'],
      ['meeting', 'svc report, then svc meeting held'],
    ]);
    expect(items.at(-1)?.text).toBe('team meeting today at 09:00');
  });
});

describe('iCalendar text', () => {
  it('escapes TEXT so that a newline cannot start a property', () => {
    expect(escapeText('a;b,c\\d\r\nEND:VEVENT\nx')).toBe('a\\;b\\,c\\\\d\\nEND:VEVENT\\nx');
    expect(escapeText('bell\u0007')).toBe('bell');
  });

  it('folds at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.every((part) => Buffer.byteLength(part) <= 75)).toBe(true);
    expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(parts.map((part, i) => (i ? part.slice(1) : part)).join('')).toBe(line);
  });

  it('round-trips an injected practice name through a real parser', () => {
    const rhythm = buildRhythm(input({ procedures: [{ practice: 'X\r\nEND:VEVENT\r\nBEGIN:VEVENT', practiceUuid: 'p1', version: 1, reviewDueOn: '2026-04-01' }] }));
    const ics = renderIcs(buildCalendar(rhythm, { name: 'Ops, "A"; B', uuid: 't1', since: '2026-03-01' }, 30), new Date('2026-03-18T10:00:00Z'), '0.1.0');
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(3);
    expect(events[2]?.getFirstPropertyValue('summary')).toBe('Review the procedure "X\nEND:VEVENT\nBEGIN:VEVENT"');
    expect(events[0]?.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-03-18T10:00:00Z');
  });
});
