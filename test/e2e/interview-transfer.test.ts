import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunOptions } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// Interviews travel in export and import like every other row: their state, the agreed
// call, the answers and what they confirm; the newer change wins; a forget reaches them.

let here: InProcessSandbox;
let there: InProcessSandbox;
const at = (time: string): RunOptions => ({ env: { SVC_NOW: time } });
const ok = async (box: InProcessSandbox, args: string[], options: RunOptions = {}) => {
  const result = await box.run(args, options);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
};

beforeEach(async () => {
  here = inProcessSandbox();
  there = inProcessSandbox();
  await ok(here, ['story', 'add', 'Ana called the customer back the same day', '--staff', 'Ana', '--tag', 'call-back'], at('2026-03-10T09:00:00'));
  await ok(here, ['practice', 'add', 'Call back the same day', '--tag', 'call-back'], at('2026-03-10T09:00:00'));
  await ok(here, ['customers', 'import', '-'], {
    input: 'name,email,phone\nZara Quist,zara@example.com,+44 20 7946 0958\nKim Lee,kim@example.com,\nMo Reyes,mo@example.com,\nJo Smith,jo@example.com,\n',
    ...at('2026-03-10T09:00:00'),
  });
  await ok(here, ['interview', 'pick', '--count', '4', '--for', 'Ana', '--seed', '1'], at('2026-03-10T09:00:00'));
});
afterEach(() => {
  here.cleanup();
  there.cleanup();
});

interface InterviewJson {
  id: number;
  uuid: string;
  customer: string;
  state: string;
  agreed: { on: string; at: string } | null;
  learned: string | null;
  liked: string | null;
  change: string | null;
  note: string | null;
  heldOn: string | null;
  confirms: Array<{ practice: string; how: string }>;
  storyIds: number[];
}

/** Each interview by customer, as `svc interviews --json` shows it, without local ids. */
async function interviews(box: InProcessSandbox): Promise<Array<Omit<InterviewJson, 'id' | 'storyIds'> & { stories: number }>> {
  const list = await box.json<InterviewJson[]>(['interviews'], at('2026-03-18T12:00:00'));
  return list
    .map(({ id: _id, storyIds, confirms, ...rest }) => ({ ...rest, confirms: confirms.map(({ practice, how }) => ({ practice, how })), stories: storyIds.length }))
    .sort((a, b) => a.customer.localeCompare(b.customer));
}

/** Which picked interview is the customer's. */
async function idOf(box: InProcessSandbox, customer: string): Promise<string> {
  const found = (await box.json<InterviewJson[]>(['interviews'])).find((i) => i.customer === customer);
  if (!found) throw new Error(`no interview with ${customer}`);
  return String(found.id);
}

describe('interviews in export and import', () => {
  it('carry every state, the agreed call, the answers, what they confirm and the story they gave', async () => {
    await ok(here, ['interview', 'agree', await idOf(here, 'Kim Lee'), '--on', '2026-03-20', '--at', '10:30', '--phone', '+44 20 7000 0001'], at('2026-03-11T09:00:00'));
    await ok(
      here,
      ['interview', 'log', await idOf(here, 'Zara Quist'), '--learned', 'a friend', '--liked', 'Ana called me back the same day', '--change', 'open on Saturdays', '--as-story'],
      at('2026-03-12T09:00:00'),
    );
    await ok(here, ['interview', 'decline', await idOf(here, 'Mo Reyes')], at('2026-03-13T09:00:00'));
    await ok(here, ['interview', 'noreply', await idOf(here, 'Jo Smith')], at('2026-03-14T09:00:00'));
    const file = join(here.dir, 'all.jsonl');
    await ok(here, ['export', '--out', file], at('2026-03-15T09:00:00'));
    await ok(there, ['import', file], at('2026-03-15T10:00:00'));

    const mine = await interviews(here);
    expect(mine.map((i) => [i.customer, i.state])).toEqual([
      ['Jo Smith', 'no reply'],
      ['Kim Lee', 'agreed'],
      ['Mo Reyes', 'declined'],
      ['Zara Quist', 'done'],
    ]);
    expect(mine.find((i) => i.customer === 'Zara Quist')).toMatchObject({ confirms: [{ practice: 'Call back the same day', how: 'matched' }], stories: 1 });
    expect(await interviews(there)).toEqual(mine);
    // The number they gave is a contact detail: left out of the file unless --include-contacts.
    expect(readFileSync(file, 'utf8')).not.toContain('7000 0001');
    const status = (await ok(there, ['status'], at('2026-03-15T10:00:00'))).stdout;
    expect(status).toMatch(/call Kim Lee \(Ana\) on 2026-03-20 at 10:30\s/);
    const withContacts = join(here.dir, 'contacts.jsonl');
    await ok(here, ['export', '--include-contacts', '--out', withContacts], at('2026-03-15T09:00:00'));
    expect(readFileSync(withContacts, 'utf8')).toContain('"contact":"+44 20 7000 0001"');
  });

  it('the newer change wins whichever side imports first, and both copies end the same', async () => {
    const shared = join(here.dir, 'shared.jsonl');
    await ok(here, ['export', '--out', shared], at('2026-03-11T09:00:00'));
    await ok(there, ['import', shared], at('2026-03-11T10:00:00'));
    const zara = await idOf(there, 'Zara Quist');
    // There, the customer agreed to a call; later here, the call was held.
    await ok(there, ['interview', 'agree', zara, '--on', '2026-03-20', '--at', '10:30', '--phone', '+44 20 7000 0001'], at('2026-03-12T09:00:00'));
    await ok(here, ['interview', 'log', await idOf(here, 'Zara Quist'), '--liked', 'the same-day call back', '--change', 'Saturdays'], at('2026-03-13T09:00:00'));
    const fromThere = join(there.dir, 'there.jsonl');
    const fromHere = join(here.dir, 'here.jsonl');
    await ok(there, ['export', '--out', fromThere], at('2026-03-14T09:00:00'));
    await ok(here, ['export', '--out', fromHere], at('2026-03-14T09:00:00'));
    await ok(here, ['import', fromThere], at('2026-03-14T10:00:00'));
    await ok(there, ['import', fromHere], at('2026-03-14T10:00:00'));
    const mine = await interviews(here);
    expect(mine.find((i) => i.customer === 'Zara Quist')).toMatchObject({ state: 'done', liked: 'the same-day call back', change: 'Saturdays' });
    expect(await interviews(there)).toEqual(mine);
  });

  it('customer forget reaches them: a new export holds no trace, and an older export brings none back', async () => {
    const zara = await idOf(here, 'Zara Quist');
    await ok(here, ['interview', 'agree', zara, '--on', '2026-03-20', '--at', '10:30', '--phone', '+44 20 7946 0958'], at('2026-03-11T09:00:00'));
    await ok(here, ['interview', 'log', zara, '--liked', 'Ana remembers me, Zara Quist, by name', '--note', 'write to zara@example.com'], at('2026-03-12T09:00:00'));
    const older = join(here.dir, 'older.jsonl');
    await ok(here, ['export', '--include-contacts', '--out', older], at('2026-03-12T10:00:00'));
    expect(readFileSync(older, 'utf8')).toContain('Zara Quist');

    await ok(here, ['customer', 'forget', 'Zara Quist', '--yes'], at('2026-03-13T09:00:00'));
    const after = join(here.dir, 'after.jsonl');
    await ok(here, ['export', '--include-contacts', '--out', after], at('2026-03-13T10:00:00'));
    const text = readFileSync(after, 'utf8');
    for (const trace of ['Zara', 'Quist', 'zara@example.com', '7946 0958']) expect(text, trace).not.toContain(trace);
    const forgotten = (await interviews(here)).find((i) => i.customer === '(forgotten)');
    expect(forgotten).toMatchObject({ liked: 'Ana remembers me, (forgotten), by name', note: 'write to (forgotten)' });

    // The older export, imported again, brings the interview's words back only to erase them on arrival.
    await ok(here, ['import', older], at('2026-03-14T09:00:00'));
    expect((await interviews(here)).find((i) => i.customer === '(forgotten)')).toMatchObject({ liked: 'Ana remembers me, (forgotten), by name', note: 'write to (forgotten)' });
    const again = join(here.dir, 'again.jsonl');
    await ok(here, ['export', '--include-contacts', '--out', again], at('2026-03-14T10:00:00'));
    for (const trace of ['Zara', 'Quist', 'zara@example.com', '7946 0958']) expect(readFileSync(again, 'utf8'), trace).not.toContain(trace);
  });
});
