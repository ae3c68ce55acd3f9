import { describe, expect, it } from 'vitest';
import { formDay, inferDateOrder, normalizeHeader, parseColumnMap, parseDateFormat, resolveColumns, storyKey } from '../../src/core/story-import.ts';

describe('form columns', () => {
  it('normalises headers as the form tools write them', () => {
    expect(normalizeHeader(' What happened? ')).toBe('what happened');
    expect(normalizeHeader('Submit Date (UTC)')).toBe('submit date utc');
  });

  it('parses --map, with quoted headers that hold commas', () => {
    expect(parseColumnMap(['text=What happened?,staff=Who helped?', 'when="Date, local"'])).toEqual({ text: 'What happened?', staff: 'Who helped?', when: 'Date, local' });
    expect(() => parseColumnMap(['text'])).toThrow(/is not FIELD=COLUMN/);
    expect(() => parseColumnMap(['colour=Red'])).toThrow(/is not FIELD=COLUMN/);
  });

  it('prefers --map, then the config, then recognised headers, never one column twice', () => {
    const headers = ['Timestamp', 'Story', 'Comments', 'Who helped?'];
    expect(resolveColumns('f.csv', headers, {}, {})).toEqual({ when: 0, text: 1, staff: 3 });
    expect(resolveColumns('f.csv', headers, { text: 'Comments' }, { text: 'Story', staff: 'Story' })).toEqual({ text: 2, staff: 1, when: 0 });
    expect(() => resolveColumns('f.csv', ['A', 'B'], {}, {})).toThrow(/its columns are: "A", "B"/);
  });
});

describe('form dates', () => {
  it('reads ISO dates, with a time and a zone in local time', () => {
    expect(formDay('2026-03-12', null)).toBe('2026-03-12');
    expect(formDay('2026/03/12 14:05', null)).toBe('2026-03-12');
    expect(formDay('2026-03-12T12:00:00Z', null)).toBe('2026-03-12');
  });

  it("reads Google Forms' timestamps with a 12-hour clock and a GMT offset", () => {
    expect(formDay('2026/03/12 2:05:33 PM GMT+1', null)).toBe('2026-03-12');
    expect(formDay('2026/03/12 9:15:00 am GMT', null)).toBe('2026-03-12');
    expect(formDay('2026/03/12 12:30:00 PM UTC-05:30', null)).toBe('2026-03-12');
    expect(() => formDay('2026/03/12 2:05:33 PM Mars+1', null)).toThrow(/is not a date svc can read/);
  });

  it('reads slash dates by the order given, and refuses an open one', () => {
    expect(formDay('12/3/2026 14:05:33', 'D/M/Y')).toBe('2026-03-12');
    expect(formDay('12/3/2026 14:05:33', 'M/D/Y')).toBe('2026-12-03');
    expect(formDay('3/12/26 2:05 PM', 'M/D/Y')).toBe('2026-03-12');
    expect(formDay('13.03.2026', null)).toBe('2026-03-13');
    expect(formDay('12/12/2026', null)).toBe('2026-12-12');
    expect(() => formDay('12/3/2026', null)).toThrow(/could be 2026-03-12 or 2026-12-03/);
    expect(() => formDay('30/2/2026', 'D/M/Y')).toThrow(/is not a date svc can read/);
    expect(() => formDay('yesterday-ish', null)).toThrow(/is not a date/);
  });

  it('infers the order only when the file shows it one way', () => {
    expect(inferDateOrder(['3/4/2026', '13/4/2026'])).toBe('D/M/Y');
    expect(inferDateOrder(['3/4/2026', '4/13/2026'])).toBe('M/D/Y');
    expect(inferDateOrder(['3/4/2026'])).toBeNull();
    expect(inferDateOrder(['13/4/2026', '4/13/2026'])).toBeNull();
  });

  it('takes --date-format as people write it', () => {
    expect(parseDateFormat('DD/MM/YYYY')).toBe('D/M/Y');
    expect(parseDateFormat('m/d/yy')).toBe('M/D/Y');
    expect(parseDateFormat('YYYY-MM-DD')).toBe('Y-M-D');
    expect(() => parseDateFormat('MM/YYYY')).toThrow(/not an order/);
  });
});

describe('the content key', () => {
  it('ignores case, spacing and the order of names, and nothing else of what it covers', () => {
    const key = storyKey({ text: 'Ana  rang back', occurredOn: '2026-03-01', staff: ['Ana', 'Bo'] });
    expect(storyKey({ text: 'ana rang back', occurredOn: '2026-03-01', staff: ['bo', 'ANA'] })).toBe(key);
    expect(storyKey({ text: 'Ana rang back!', occurredOn: '2026-03-01', staff: ['Ana', 'Bo'] })).not.toBe(key);
    expect(storyKey({ text: 'Ana rang back', occurredOn: '2026-03-02', staff: ['Ana', 'Bo'] })).not.toBe(key);
    expect(storyKey({ text: 'Ana rang back', occurredOn: '2026-03-01', staff: ['Ana'] })).not.toBe(key);
  });
});
