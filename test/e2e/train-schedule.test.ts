import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
beforeEach(async () => {
  svc = inProcessSandbox();
  for (const args of [
    ['story', 'add', 'Ana called the customer back the same day', '--staff', 'Ana', '--tag', 'call-back'],
    ['practice', 'add', 'Call back the same day', '--tag', 'call-back'],
    ['practice', 'add', 'Fax confirmations'],
    ['practice', 'retire', 'Fax confirmations'],
  ]) {
    const result = await svc.run(args);
    if (result.code !== 0) throw new Error(result.stderr);
  }
});
afterEach(() => svc.cleanup());

describe('svc train schedule', () => {
  it('plans a session ahead, with or without a time, and prints it', async () => {
    const timed = await svc.run(['train', 'schedule', 'Call back the same day', '--on', '2026-04-02', '--at', '9:30', '--facilitator', 'Dee', '--json']);
    expect(timed.code).toBe(0);
    expect(JSON.parse(timed.stdout)).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      practice: 'Call back the same day',
      plannedOn: '2026-04-02',
      startsAt: '09:30',
      minutes: 60,
      facilitator: 'Dee',
    });
    expect(timed.stderr).toContain('Planned a training session on "Call back the same day" for 2026-04-02 at 09:30');
    const allDay = await svc.run(['train', 'schedule', 'call back the same day', '--on', 'tomorrow']);
    expect(allDay).toMatchObject({ code: 0, stdout: '' });
    expect(allDay.stderr).toContain('for 2026-03-19\n');
  });

  it.each([
    ['a day in the past', ['Call back the same day', '--on', '2026-03-17'], 2, /--on 2026-03-17 is in the past/],
    ['a day it cannot read', ['Call back the same day', '--on', 'some friday'], 2, /--on "some friday" is not a day svc can plan on/],
    ['a day named in the past', ['Call back the same day', '--on', 'last friday'], 2, /--on 2026-03-13 is in the past/],
    ['a bad time', ['Call back the same day', '--on', '2026-04-02', '--at', '25:00'], 2, /--at "25:00" is not a time of day/],
    ['no --on', ['Call back the same day'], 2, /required option '--on <date>' not specified/],
    ['an unknown practice', ['Smile more', '--on', '2026-04-02'], 3, /there is no practice "Smile more"/],
    ['a retired practice', ['Fax confirmations', '--on', '2026-04-02'], 4, /is retired/],
  ])('refuses %s, changing nothing', async (_name, args, code, message) => {
    const before = svc.snapshot();
    const result = await svc.run(['train', 'schedule', ...args]);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toMatch(/^hint: /);
    expect(lines).toHaveLength(2);
    expect(svc.snapshot()).toBe(before);
  });
});
