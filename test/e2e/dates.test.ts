import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// The sandbox's clock is Wednesday 2026-03-18.
let svc: InProcessSandbox;
beforeEach(async () => {
  svc = inProcessSandbox();
  expect((await svc.run(['init'])).code).toBe(0);
});
afterEach(() => svc.cleanup());

const savedOn = () => (queryDb(svc.db, 'SELECT occurred_on AS day FROM stories ORDER BY id DESC LIMIT 1') as Array<{ day: string }>)[0]?.day;

describe('dates typed as people say them', () => {
  it.each([
    ['last week', '2026-03-11'],
    ['a week ago', '2026-03-11'],
    ['last month', '2026-02-18'],
    ['Mar 1', '2026-03-01'],
    ['1 Mar', '2026-03-01'],
    ['Dec 1', '2025-12-01'],
    ['last wednesday', '2026-03-11'],
    ['wednesday', '2026-03-18'],
    ['31/12/2025', '2025-12-31'],
  ])('--when %j is %s', async (when, day) => {
    const result = await svc.run(['story', 'add', 'Jo rang back', '--staff', 'Jo', '--when', when]);
    expect(result.code, result.stderr).toBe(0);
    expect(savedOn()).toBe(day);
  });

  it.each([
    ['a numeric date that reads two ways', ['story', 'add', 'x', '--staff', 'Jo', '--when', '12/01/2026'], /^svc: --when "12\/01\/2026" reads two ways: 2026-12-01 or 2026-01-12$/, /^hint: write it as 2026-12-01 or 2026-01-12/],
    ['a future date', ['story', 'add', 'x', '--staff', 'Jo', '--when', 'next week'], /^svc: --when 2026-03-25 is in the future$/, /^hint: /],
    ['a report --since nobody can read', ['report', '--since', 'the other day'], /^svc: --since "the other day" is not a date/, /^hint: use last-meeting \(or "last meeting"\)/],
    ['--since "last meeting" before any meeting', ['report', '--since', 'last meeting'], /meeting/, /^hint: /],
  ])('refuses %s, changing nothing', async (_name, args, message, hint) => {
    const before = svc.snapshot();
    const result = await svc.run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, message);
    expect(result.stderr.split('\n')[1]).toMatch(hint);
    expect(svc.snapshot()).toBe(before);
  });

  it('starts a report on the day of the last meeting, however last-meeting is spelled', async () => {
    expect((await svc.run(['meeting', 'held', '--on', 'last wednesday'])).code).toBe(0);
    const period = async (args: string[]) => (await svc.json<{ period: { since: string; basis: string } }>(['report', ...args])).period;
    expect(await period([])).toMatchObject({ since: '2026-03-11', basis: 'last-meeting' });
    expect(await period(['--since', 'last meeting'])).toMatchObject({ since: '2026-03-11', basis: 'last-meeting' });
    expect(await period(['--since', 'Last-Meeting'])).toMatchObject({ since: '2026-03-11', basis: 'last-meeting' });
    expect(await period(['--since', 'last week'])).toMatchObject({ since: '2026-03-11', basis: 'given' });
  });

  it('filters stories by a loosely typed --since', async () => {
    expect((await svc.run(['story', 'add', 'old', '--staff', 'Jo', '--when', '2026-03-01'])).code).toBe(0);
    expect((await svc.run(['story', 'add', 'new', '--staff', 'Jo', '--when', 'yesterday'])).code).toBe(0);
    expect((await svc.json<Array<{ text: string }>>(['stories', '--since', 'a week ago'])).map((s) => s.text)).toEqual(['new']);
    expect((await svc.json<Array<{ text: string }>>(['stories', '--since', 'Mar 1'])).map((s) => s.text)).toEqual(['new', 'old']);
  });
});
