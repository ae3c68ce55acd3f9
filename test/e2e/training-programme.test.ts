import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb, expectRefused } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

const PRACTICE = 'Call back the same day';
let svc: InProcessSandbox;

async function ok(args: string[]): Promise<string> {
  const result = await svc.run(args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeEach(async () => {
  svc = inProcessSandbox();
  for (const name of ['Ana', 'Bo', 'Cy']) await ok(['story', 'add', `${name} called the customer back the same day`, '--staff', name]);
  await ok(['practice', 'add', PRACTICE]);
  await ok(['practice', 'add', 'Fax confirmations']);
  await ok(['practice', 'retire', 'Fax confirmations']);
  await ok(['people', 'edit', 'Ana', '--team', 'Support']);
  await ok(['people', 'edit', 'Bo', '--team', 'Support']);
});
afterEach(() => svc.cleanup());

interface Programme {
  open: Array<{ person: string; practice: string; dueOn: string; state: string; daysOverdue: number }>;
  overdue: number;
  done: number;
  unread: Array<{ practice: string; version: number; people: string[] }>;
}

describe('training as a programme', () => {
  it('assigns a team and a person, shows due and overdue, and train log closes the assignments', async () => {
    const assigned = await svc.json<{ practice: string; dueOn: string; assignments: Array<{ person: string; state: string }> }>([
      'train', 'assign', PRACTICE, '--team', 'support', '--due', 'in 2 weeks',
    ]);
    expect(assigned.dueOn).toBe('2026-04-01');
    expect(assigned.assignments.map((a) => [a.person, a.state])).toEqual([['Ana', 'open'], ['Bo', 'open']]);
    await ok(['train', 'assign', PRACTICE, '--people', 'cy', '--due', 'today']);

    // A week on, Cy's is overdue and listed first, in status, the report and the digest.
    const later = { env: { SVC_NOW: '2026-03-25T10:00:00' } };
    const status = (await svc.run(['status'], later)).stdout;
    expect(status).toContain('training programme\n  3 open assignments, 1 overdue');
    expect(status).toContain('  Cy: Call back the same day, due 2026-03-18 (overdue 7 days)\n  Ana: Call back the same day, due 2026-04-01');
    const json = (await svc.json<{ programme: Programme }>(['status'], later)).programme;
    expect(json.open.map((a) => [a.person, a.state, a.daysOverdue])).toEqual([['Cy', 'overdue', 7], ['Ana', 'open', 0], ['Bo', 'open', 0]]);
    expect((await svc.run(['report', '--format', 'md'], later)).stdout).toContain('| Cy | Call back the same day | 2026-03-18 | **overdue 7 d** |');
    expect((await svc.json<{ programme: Programme }>(['report'], later)).programme.overdue).toBe(1);
    expect((await svc.run(['digest'], later)).stdout).toMatch(/Training programme\n=+\n\n! 1 overdue assignment/);

    const logged = await svc.run(['train', 'log', PRACTICE, '--people', 'Ana,Cy']);
    expect(logged.stderr).toContain('It closes 2 training assignments on "Call back the same day".');
    expect(queryDb(svc.db, 'SELECT p.name, a.done_on AS doneOn FROM training_assignments a JOIN people p ON p.id = a.person_id ORDER BY p.name')).toEqual([
      { name: 'Ana', doneOn: '2026-03-18' },
      { name: 'Bo', doneOn: null },
      { name: 'Cy', doneOn: '2026-03-18' },
    ]);
    const shown = (await svc.run(['people', 'show', 'Ana'])).stdout;
    expect(shown).toContain('Trainings attended\n  2026-03-18  Call back the same day');
    expect(shown).toContain('Training assignments\n  Call back the same day, due 2026-04-01: done 2026-03-18');
    await ok(['train', 'log', PRACTICE, '--people', 'Bo']);
    expect((await svc.json<{ programme: Programme }>(['status'])).programme).toMatchObject({ open: [], overdue: 0, done: 3 });
  });

  it('re-assigning moves the due day instead of adding a second assignment', async () => {
    await ok(['train', 'assign', PRACTICE, '--people', 'Ana', '--due', '2026-03-20']);
    await ok(['train', 'assign', PRACTICE, '--people', 'Ana', '--due', '2026-03-30']);
    expect(queryDb(svc.db, 'SELECT due_on AS dueOn FROM training_assignments')).toEqual([{ dueOn: '2026-03-30' }]);
  });

  it('asks everyone to read the current procedure, and again after a new version', async () => {
    await ok(['practice', 'adopt', PRACTICE, '--procedure', '1. Note the promised time.\n2. Call before it.']);
    expect((await svc.json<{ programme: Programme }>(['status'])).programme.unread).toEqual([{ practice: PRACTICE, version: 1, people: ['Ana', 'Bo', 'Cy'] }]);
    const ack = await svc.json<{ person: string; version: number; recorded: boolean }>(['practice', 'ack', 'call back the same day', '--as', 'ana']);
    expect(ack).toEqual({ practice: PRACTICE, version: 1, person: 'Ana', recorded: true });
    const again = await svc.run(['practice', 'ack', PRACTICE, '--as', 'Ana']);
    expect(again.stderr).toContain('Ana had already read "Call back the same day" v1.');
    expect((await svc.run(['status'])).stdout).toContain('Call back the same day v1: not yet read by Bo, Cy');

    await ok(['practice', 'adopt', PRACTICE, '--procedure', '1. Note the promised time.\n2. Call before it.\n3. Say what happens next.']);
    expect((await svc.json<{ programme: Programme }>(['status'])).programme.unread).toEqual([{ practice: PRACTICE, version: 2, people: ['Ana', 'Bo', 'Cy'] }]);
    expect((await svc.run(['people', 'show', 'Ana'])).stdout).toContain('Procedures read\n  Call back the same day v1 (a newer version is waiting)');
  });
});

describe('bad input about training assignments and acknowledgements is refused and changes nothing', () => {
  it.each([
    ['assigning a retired practice', ['train', 'assign', 'Fax confirmations', '--people', 'Ana', '--due', 'tomorrow'], 4, /"Fax confirmations" is retired/],
    ['a due date in the past', ['train', 'assign', PRACTICE, '--people', 'Ana', '--due', '2026-03-17'], 2, /--due 2026-03-17 is in the past/],
    ['a due date svc cannot read', ['train', 'assign', PRACTICE, '--people', 'Ana', '--due', 'soonish'], 2, /--due "soonish" is not a day/],
    ['no --due', ['train', 'assign', PRACTICE, '--people', 'Ana'], 2, /required option '--due <date>'/],
    ['nobody to assign', ['train', 'assign', PRACTICE, '--due', 'tomorrow'], 2, /nobody to assign/],
    ['an unknown person', ['train', 'assign', PRACTICE, '--people', 'Ana,Zed', '--due', 'tomorrow'], 3, /nobody called "Zed"/],
    ['an unknown team', ['train', 'assign', PRACTICE, '--team', 'Night', '--due', 'tomorrow'], 3, /no team called "Night"/],
    ['an unknown practice', ['train', 'assign', 'Juggling', '--people', 'Ana', '--due', 'tomorrow'], 3, /no practice "Juggling"/],
    ['acknowledging a practice with no procedure', ['practice', 'ack', PRACTICE, '--as', 'Ana'], 4, /has no written procedure to acknowledge/],
    ['acknowledging as nobody known', ['practice', 'ack', PRACTICE, '--as', 'Zed'], 4, /has no written procedure/],
  ])('%s', async (_name, args, code, message) => await expectRefused(svc, args, code, message));

  it('refuses an acknowledgement by someone unknown once there is a procedure', async () => {
    await ok(['practice', 'adopt', PRACTICE, '--procedure', 'Call back before the promised time.']);
    const before = svc.snapshot();
    const result = await svc.run(['practice', 'ack', PRACTICE, '--as', 'Zed']);
    expect(result.code).toBe(3);
    expectCleanError(result.stderr, /nobody called "Zed"/);
    expect(svc.snapshot()).toBe(before);
  });
});
