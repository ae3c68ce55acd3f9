import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { KEY, Terminal } from '../helpers/terminal.ts';

let svc: SvcSandbox;
beforeEach(() => {
  svc = sandbox();
  const path = join(svc.dir, 'customers.csv');
  writeFileSync(path, 'name,email\nMaria Diaz,maria@example.com\n');
  svc.run(['customers', 'import', path]);
  svc.run(['story', 'add', 'Ana found the lost parcel', '--staff', 'Ana']);
  svc.run(['interview', 'pick', '--for', 'Bo']);
});
afterEach(() => svc.cleanup());

describe('svc interview log in a terminal', () => {
  it('lets you choose the call, asks the three questions in order, and saves the story with one keystroke', async () => {
    const term = new Terminal(['interview', 'log'], svc.db);
    await term.waitFor('Which call?');
    await term.type(KEY.enter);
    await term.answer('Did Maria Diaz take the call?', '');
    await term.answer('How did you learn about us?', 'A neighbour told me');
    await term.answer('What do you like or enjoy most about the service?', 'Ana always calls me back');
    await term.answer('If you could change one thing, what would it be?', 'Open on Saturdays');
    await term.answer('Anything else to note?', '');
    await term.waitFor('They named Ana: save what they liked as a story?');
    await term.type(KEY.enter);
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Saved story #2 crediting Ana');

    const [interview] = svc.json<Array<Record<string, unknown>>>(['interviews']);
    expect(interview).toMatchObject({
      status: 'done',
      learned: 'A neighbour told me',
      liked: 'Ana always calls me back',
      change: 'Open on Saturdays',
      note: null,
      storyIds: [2],
    });
    expect(svc.json(['story', 'show', '2'])).toMatchObject({ staff: ['Ana'], source: 'interview', customer: 'Maria Diaz' });
  });

  it('records a declined call with a note, and saves nothing on Ctrl-C', async () => {
    const before = svc.snapshot();
    const quit = new Terminal(['interview', 'log', '1'], svc.db);
    await quit.answer('take the call?', '');
    await quit.waitFor('How did you learn about us?');
    await quit.type(KEY.ctrlC);
    expect(await quit.exitCode()).toBe(130);
    expect(svc.snapshot()).toBe(before);

    const term = new Terminal(['interview', 'log', '1'], svc.db);
    await term.answer('take the call?', 'n');
    await term.answer('Anything else to note?', 'Busy until June');
    expect(await term.exitCode()).toBe(0);
    expect(svc.json<Array<Record<string, unknown>>>(['interviews'])[0]).toMatchObject({ status: 'declined', note: 'Busy until June', learned: null });
  });
});

describe('svc customer forget in a terminal', () => {
  it('asks first, and keeps everything when the answer is no', async () => {
    const before = svc.snapshot();
    const term = new Terminal(['customer', 'forget', 'maria diaz'], svc.db);
    await term.answer('Forget Maria Diaz (#1)?', 'n');
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Kept customer #1; nothing was changed.');
    expect(svc.snapshot()).toBe(before);
  });
});
