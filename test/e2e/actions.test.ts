import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, expectRefused } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
const ok = async (args: string[], env: Record<string, string> = {}) => {
  const result = await svc.run(args, { env });
  expect(result.code, result.stderr).toBe(0);
  return result;
};

beforeEach(async () => {
  svc = inProcessSandbox();
  for (const name of ['Ana', 'Bo']) await ok(['story', 'add', `${name} called the customer back the same day`, '--staff', name]);
  const customers = join(svc.dir, 'customers.csv');
  writeFileSync(customers, 'name,email\nJo Smith,jo@example.com\nKim Lee,kim@example.com\n');
  await ok(['customers', 'import', customers]);
  await ok(['interview', 'pick', '--count', '2', '--for', 'Ana', '--seed', '1']);
  await ok(['interview', 'log', '1', '--learned', 'a friend', '--liked', 'quick answers', '--change', 'open the phone line on Saturdays']);
});
afterEach(() => svc.cleanup());

interface ActionJson {
  id: number;
  text: string;
  owner: string;
  dueOn: string;
  status: string;
  doneOn: string | null;
  overdue: boolean;
  sources: Array<{ interviewId: number; change: string | null }>;
}

describe('svc action: what customers would change, followed to done', () => {
  it('turns a "would change" answer into an action with its owner, due day and source', async () => {
    const action = await svc.json<ActionJson>(['action', 'add', '--from-interview', '1', '--owner', 'ana', '--due', '2026-03-27']);
    expect(action).toMatchObject({ id: 1, text: 'open the phone line on Saturdays', owner: 'Ana', dueOn: '2026-03-27', status: 'open', overdue: false });
    expect(action.sources).toEqual([expect.objectContaining({ interviewId: 1, change: 'open the phone line on Saturdays' })]);
    const shown = (await ok(['action', 'show', '1'])).stdout;
    expect(shown).toMatch(/from {4}interview #1 with .+: would change "open the phone line on Saturdays"/);
  });

  it('lists open actions, flags the overdue ones, and follows them on the report agenda until done', async () => {
    await ok(['action', 'add', 'Call back within the hour', '--owner', 'Bo', '--due', '2026-03-20']);
    await ok(['action', 'add', '--from-interview', '1', '--owner', 'Ana', '--due', '2026-04-30']);
    const later = { SVC_NOW: '2026-03-23T10:00:00' };
    const list = await svc.json<ActionJson[]>(['actions'], { env: later });
    expect(list.map((a) => [a.id, a.overdue])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect((await ok(['actions'], later)).stdout.split('\n')[1]).toMatch(/^1\toverdue\t2026-03-20\tBo\tCall back within the hour\t$/);
    const report = JSON.parse((await ok(['report', '--json'], later)).stdout) as { agenda: Array<{ kind: string; text: string }>; actions: { open: ActionJson[] } };
    expect(report.actions.open.map((a) => a.id)).toEqual([1, 2]);
    expect(report.agenda.filter((a) => a.kind === 'follow-up').map((a) => a.text)).toEqual([
      'Overdue: action #1, "Call back within the hour" (Bo, due 2026-03-20): done? (svc action done 1)',
      'action #2, "open the phone line on Saturdays" (Ana, due 2026-04-30): done? (svc action done 2)',
    ]);
    for (const format of ['text', 'md', 'html']) expect((await ok(['report', '--format', format, '--out', '-'], later)).stdout).toContain('Actions we are following');

    const done = await svc.json<ActionJson>(['action', 'done', '1'], { env: later });
    expect(done).toMatchObject({ status: 'done', doneOn: '2026-03-23', overdue: false });
    const after = JSON.parse((await ok(['report', '--json'], later)).stdout) as { agenda: Array<{ kind: string; text: string }>; actions: { open: ActionJson[]; doneInPeriod: ActionJson[] } };
    expect(after.agenda.filter((a) => a.kind === 'follow-up').map((a) => a.text)).toEqual([
      'action #2, "open the phone line on Saturdays" (Ana, due 2026-04-30): done? (svc action done 2)',
    ]);
    expect(after.actions.doneInPeriod.map((a) => a.id)).toEqual([1]);
    expect((await svc.json<ActionJson[]>(['actions', '--all'], { env: later })).map((a) => [a.id, a.status])).toEqual([
      [2, 'open'],
      [1, 'done'],
    ]);
  });
});

describe('bad input is refused clearly and changes nothing', () => {
  beforeEach(async () => await ok(['action', 'add', 'Call back within the hour', '--owner', 'Bo', '--due', '2026-03-20', '--json']));

  it.each([
    ['an interview that does not exist', ['action', 'add', '--from-interview', '99', '--owner', 'Ana', '--due', '2026-04-01'], 3, /interview #99 does not exist/],
    ['an interview with no "would change" answer and no text', ['action', 'add', '--from-interview', '2', '--owner', 'Ana', '--due', '2026-04-01'], 2, /the action says nothing to do/],
    ['a due day in the past', ['action', 'add', 'x', '--owner', 'Ana', '--due', '2026-03-01'], 2, /--due 2026-03-01 is in the past/],
    ['a due day that is no date', ['action', 'add', 'x', '--owner', 'Ana', '--due', 'someday'], 2, /--due "someday"/],
    ['no owner', ['action', 'add', 'x', '--due', '2026-04-01'], 2, /needs an owner/],
    ['no due day', ['action', 'add', 'x', '--owner', 'Ana'], 2, /needs a due day/],
    ['an unknown owner', ['action', 'add', 'x', '--owner', 'Zed', '--due', '2026-04-01'], 3, /nobody called "Zed"/],
    ['a bad interview id', ['action', 'add', 'x', '--owner', 'Ana', '--due', '2026-04-01', '--from-interview', 'abc'], 2, /"abc" is not an? interview id/],
    ['done on a missing action', ['action', 'done', '42'], 3, /action #42 does not exist/],
    ['show of a missing action', ['action', 'show', '42'], 3, /action #42 does not exist/],
  ])('%s', async (_name, args, code, message) => await expectRefused(svc, args, code, message));

  it('an action done twice', async () => {
    await ok(['action', 'done', '1']);
    const before = svc.snapshot();
    const result = await svc.run(['action', 'done', '1']);
    expect(result.code).toBe(4);
    expectCleanError(result.stderr, /action #1 was already done on 2026-03-18/);
    expect(svc.snapshot()).toBe(before);
  });
});
