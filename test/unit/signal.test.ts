import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.ts';
import { measureName, signalRows, signalTrends, signalValue, trendLine } from '../../src/core/signal.ts';
import { NOW } from '../helpers/db.ts';

const form = (headers: string[], ...rows: string[][]) => ({ headers, rows: rows.map((cells, i) => ({ line: i + 2, cells })) });

describe('signalRows', () => {
  it('reads the columns in any order and spelling, a practice or a story per row', () => {
    const rows = signalRows(form(['Value', 'Metric', 'Story ID', 'Day', 'Practice'], ['4.5', ' Satisfaction ', '', '2026-03-01', 'Call back'], ['12', 'response  time', '#7', '2026-03-02', '']), NOW);
    expect(rows).toEqual([
      { line: 2, on: '2026-03-01', measure: 'satisfaction', value: 4.5, practice: 'Call back', storyId: null },
      { line: 3, on: '2026-03-02', measure: 'response time', value: 12, practice: null, storyId: 7 },
    ]);
  });

  it('a file with only a story column is fine', () => {
    expect(signalRows(form(['date', 'story', 'measure', 'value'], ['2026-03-01', '3', 'nps', '-20']), NOW)[0]).toMatchObject({ storyId: 3, value: -20 });
  });

  it.each([
    [form(['date', 'practice', 'measure'], ['2026-03-01', 'A', 'x']), /^the file has no value column$/],
    [form(['practice', 'measure', 'value'], ['A', 'x', '1']), /^the file has no date column$/],
    [form(['date', 'measure', 'value'], ['2026-03-01', 'x', '1']), /^the file has no practice or story column$/],
    [form(['date', 'practice', 'measure', 'value']), /^the file has a header but no signals$/],
    [form(['date', 'practice', 'measure', 'value'], ['2026-03-01', 'A', 'x', '1'], ['2026-3-1', 'A', 'x', '1']), /^line 3: date "2026-3-1" is not a date written as YYYY-MM-DD$/],
    [form(['date', 'practice', 'measure', 'value'], ['2026-03-19', 'A', 'x', '1']), /^line 2: .*future/],
    [form(['date', 'practice', 'measure', 'value'], ['2026-03-01', 'A', 'x', 'n/a']), /^line 2: the value "n\/a" is not a number$/],
    [form(['date', 'practice', 'story', 'measure', 'value'], ['2026-03-01', 'A', '2', 'x', '1']), /^line 2: a signal names a practice or a story/],
    [form(['date', 'story', 'measure', 'value'], ['2026-03-01', 'two', 'x', '1']), /^line 2: the story "two" is not a story id$/],
    [form(['date', 'practice', 'measure', 'value'], ['2026-03-01', 'A', 'x'.repeat(61), '1']), /^line 2: the measure's name is 61 characters long; the limit is 60$/],
  ])('refuses a bad file or row, naming the line (%#)', (file, message) => {
    let thrown: unknown;
    try {
      signalRows(file, NOW);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).message).toMatch(message);
    expect((thrown as ValidationError).hint).toBeTruthy();
  });
});

describe('signalValue and measureName', () => {
  it('reads numbers as sheets write them, and nothing else', () => {
    expect(signalValue(' 4.5 ')).toBe(4.5);
    expect(signalValue('1,234.5')).toBe(1234.5);
    expect(signalValue('-3')).toBe(-3);
    expect(signalValue('.5')).toBe(0.5);
    for (const bad of ['', 'four', '4,5', '1e3', 'Infinity', '4.5%', '12 h']) expect(() => signalValue(bad), bad).toThrow(ValidationError);
  });

  it('keeps a measure as one lower-case line', () => {
    expect(measureName('  Response\tTime (Hours) ')).toBe('response time (hours)');
    expect(() => measureName('   ')).toThrow(ValidationError);
    expect(() => measureName('red\u001b[31m')).toThrow(/measure/);
  });
});

describe('signalTrends', () => {
  const readings = [
    { on: '2026-01-05', measure: 'response time', value: 10 },
    { on: '2026-02-05', measure: 'response time', value: 8 },
    { on: '2026-02-20', measure: 'response time', value: 6 },
    { on: '2026-03-10', measure: 'response time', value: 9 },
    { on: '2026-03-01', measure: 'csat', value: 4 },
  ];

  it('gives each measure its monthly means, oldest first, and the change from the month before', () => {
    expect(signalTrends(readings)).toEqual([
      { measure: 'csat', readings: 1, points: [{ month: '2026-03', mean: 4, readings: 1 }], latest: { on: '2026-03-01', value: 4 }, change: null },
      {
        measure: 'response time',
        readings: 4,
        points: [
          { month: '2026-01', mean: 10, readings: 1 },
          { month: '2026-02', mean: 7, readings: 2 },
          { month: '2026-03', mean: 9, readings: 1 },
        ],
        latest: { on: '2026-03-10', value: 9 },
        change: 2,
      },
    ]);
  });

  it('stops at a day, for a report over a past period, and keeps six months at most', () => {
    expect(signalTrends(readings, '2026-02-28').map((t) => [t.measure, t.change])).toEqual([['response time', -3]]);
    const year = Array.from({ length: 12 }, (_, i) => ({ on: `2025-${String(i + 1).padStart(2, '0')}-15`, measure: 'm', value: i }));
    expect(signalTrends(year)[0]?.points.map((p) => p.month)).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    expect(signalTrends(year)[0]?.readings).toBe(12);
  });

  it('reads as one line', () => {
    const [csat, time] = signalTrends(readings);
    expect(trendLine(time!)).toBe('response time: 10 → 7 → 9 (2026-01 to 2026-03, up 2; 4 readings)');
    expect(trendLine(csat!)).toBe('csat: 4 (2026-03; 1 reading)');
  });
});
