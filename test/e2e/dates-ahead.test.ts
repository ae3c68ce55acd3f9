import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRefused, queryDb, sandbox, type RunResult, type SvcSandbox } from '../helpers/cli.ts';

// Friday 2026-12-04, three weeks before the year's end: "Dec 20" and "Jan 5" lie on either side of it.
const FRIDAY = { SVC_NOW: '2026-12-04T10:00:00' };

// The built binary, as the user who found these ran it.
let svc: SvcSandbox;
const run = (args: string[]): RunResult => svc.run(args, { env: FRIDAY });
const ok = (args: string[]): RunResult => {
  const result = run(args);
  expect(result.code, result.stderr).toBe(0);
  return result;
};
/** The sandbox on the Friday's clock, for expectRefused. */
const onFriday = { run, snapshot: () => svc.snapshot() };

beforeEach(() => {
  svc = sandbox();
  for (const name of ['Ana', 'Bo']) ok(['story', 'add', `${name} called the customer back the same day`, '--staff', name, '--when', 'last monday']);
});
afterEach(() => svc.cleanup());

const stored = (sql: string) => queryDb(svc.db, sql)[0] as Record<string, unknown>;

describe('options about a day to come read words ahead', () => {
  it('stores action add --due "next friday" as a week on, and "Dec 20" and "Jan 5" as the ones to come', () => {
    ok(['action', 'add', 'Open the phone line on Saturdays', '--owner', 'Bo', '--due', 'next friday']);
    expect(stored('SELECT due_on FROM actions ORDER BY id DESC LIMIT 1')).toEqual({ due_on: '2026-12-11' });
    for (const [due, day] of [
      ['next monday', '2026-12-07'],
      ['Dec 20', '2026-12-20'],
      ['Jan 5', '2027-01-05'],
      ['friday', '2026-12-04'],
    ] as const) {
      ok(['action', 'add', `Call back by ${due}`, '--owner', 'Bo', '--due', due]);
      expect(stored('SELECT due_on FROM actions ORDER BY id DESC LIMIT 1'), due).toEqual({ due_on: day });
    }
  });

  it('still refuses a --due in the past, changing nothing', async () => {
    await expectRefused(onFriday, ['action', 'add', 'Call back', '--owner', 'Bo', '--due', 'last friday'], 2, /^svc: --due 2026-11-27 is in the past$/);
  });

  it('agrees an interview call for "next monday", and schedules a training session for "next friday"', () => {
    writeFileSync(join(svc.dir, 'customers.csv'), 'name,email\nJo Smith,jo@example.com\n');
    ok(['customers', 'import', join(svc.dir, 'customers.csv')]);
    ok(['interview', 'pick', '--count', '1', '--for', 'Ana', '--seed', '1']);
    const agreed = ok(['interview', 'agree', '1', '--on', 'next monday', '--at', '10:00', '--phone', '+44 20 7946 0123']);
    expect(agreed.stderr).toContain('on 2026-12-07 at 10:00');
    expect(stored('SELECT agreed_on, agreed_time FROM interviews WHERE id = 1')).toEqual({ agreed_on: '2026-12-07', agreed_time: '10:00' });

    ok(['practice', 'add', 'Call back the same day']);
    const planned = JSON.parse(ok(['train', 'schedule', 'Call back the same day', '--on', 'next friday', '--json']).stdout) as { plannedOn: string };
    expect(planned.plannedOn).toBe('2026-12-11');
    expect((JSON.parse(ok(['train', 'schedule', 'Call back the same day', '--on', 'Jan 5', '--json']).stdout) as { plannedOn: string }).plannedOn).toBe('2027-01-05');
  });

  it('reads what already happened back: story --when "Dec 20" is last year\'s, "next friday" is refused', async () => {
    ok(['story', 'add', 'Cy stayed late for a parcel', '--staff', 'Cy', '--when', 'Dec 20']);
    expect(stored('SELECT occurred_on FROM stories ORDER BY id DESC LIMIT 1')).toEqual({ occurred_on: '2025-12-20' });
    await expectRefused(onFriday, ['story', 'add', 'x', '--staff', 'Cy', '--when', 'next friday'], 2, /^svc: --when 2026-12-11 is in the future$/);
  });
});

describe('a period that starts after it ends is refused, as svc report refuses it', () => {
  it.each([
    ['detect --since "next week"', ['detect', '--since', 'next week'], /^svc: the period starts \(2026-12-11\) after it ends \(2026-12-04\)$/],
    ['detect --since a year to come', ['detect', '--since', '2027-01-01'], /^svc: the period starts \(2027-01-01\) after it ends \(2026-12-04\)$/],
    ['stories --since tomorrow', ['stories', '--since', 'tomorrow'], /^svc: the period starts \(2026-12-05\) after it ends \(2026-12-04\)$/],
    ['stories --since after --until', ['stories', '--since', '2026-12-01', '--until', '2026-11-01'], /^svc: the period starts \(2026-12-01\) after it ends \(2026-11-01\)$/],
    ['report --since "next week"', ['report', '--since', 'next week'], /^svc: the period starts \(2026-12-11\) after it ends \(2026-12-04\)$/],
  ])('%s: exit 2, a hint, and the database unchanged', async (_name, args, message) => {
    await expectRefused(onFriday, args, 2, message);
    expect(run(args).stderr).toMatch(/\nhint: give a --since on or before --until/);
  });

  it('still lists stories over a period of one day, and detects over one ending today', () => {
    expect(JSON.parse(ok(['stories', '--since', 'last monday', '--until', 'last monday', '--json']).stdout)).toHaveLength(2);
    expect(ok(['detect', '--since', 'today']).code).toBe(0);
  });
});
