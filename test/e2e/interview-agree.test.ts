import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryDb } from '../helpers/cli.ts';
import { itOnSqlite } from '../helpers/engine.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

interface InterviewJson {
  id: number;
  status: string;
  state: string;
  customer: string;
  agreed: { on: string; at: string } | null;
  heldOn: string | null;
}

let svc: InProcessSandbox;
beforeEach(async () => {
  svc = inProcessSandbox();
  const path = join(svc.dir, 'customers.csv');
  writeFileSync(path, 'name,email,segment\nCustomer 1,c1@example.com,retail\nCustomer 2,c2@example.com,retail\nCustomer 3,c3@example.com,retail\n');
  await svc.run(['customers', 'import', path]);
  await svc.run(['story', 'add', 'Ana found the lost parcel', '--staff', 'Ana Lopez']);
  await svc.run(['interview', 'pick', '--for', 'Bo', '--seed', '1']);
});
afterEach(() => svc.cleanup());

/** The stored row of an interview, read straight from the database. */
function storedRow(id: number): Record<string, unknown> {
  return queryDb(svc.db, 'SELECT status, held_on, agreed_on, agreed_time, contact FROM interviews WHERE id = ?', id)[0] as Record<string, unknown>;
}

describe('svc interview agree, decline, noreply', () => {
  it('moves an invited call to agreed with a day, a time and a number, and status says who to call when', async () => {
    const invited = await svc.json<InterviewJson[]>(['interviews']);
    expect(invited.map((i) => i.state)).toEqual(['invited', 'invited', 'invited']);
    const first = invited[0]!;

    const agreed = await svc.run(['interview', 'agree', String(first.id), '--on', '2026-03-20', '--at', '9:30', '--phone', '+44 20 7946 0123']);
    expect(agreed.code, agreed.stderr).toBe(0);
    expect(agreed.stderr).toContain(`Agreed: call ${first.customer} on 2026-03-20 at 09:30 (+44 20 7946 0123).`);
    expect(storedRow(first.id)).toEqual({ status: 'planned', held_on: null, agreed_on: '2026-03-20', agreed_time: '09:30', contact: '+44 20 7946 0123' });

    const list = await svc.run(['interviews']);
    const row = list.stdout.split('\n').find((line) => line.startsWith(`${first.id}\t`));
    expect(row?.split('\t').slice(1, 5)).toEqual(['agreed', first.customer, 'Bo', '2026-03-20 09:30']);
    const json = (await svc.json<InterviewJson[]>(['interviews'])).find((i) => i.id === first.id);
    expect(json).toMatchObject({ status: 'planned', state: 'agreed', agreed: { on: '2026-03-20', at: '09:30' } });
    // The number is a contact detail: not in the list's JSON.
    expect(JSON.stringify(json)).not.toContain('7946');

    const status = await svc.run(['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`call ${first.customer} (Bo) on 2026-03-20 at 09:30 on +44 20 7946 0123 — svc interview log ${first.id}`);
    const others = invited.slice(1);
    for (const other of others) {
      expect(status.stdout).toContain(`${other.customer} (Bo) was invited on 2026-03-18: record their answer — svc interview agree ${other.id} --on DATE --at HH:MM --phone NUMBER`);
    }

    // An agreed call is logged like any planned one.
    const logged = await svc.run(['interview', 'log', String(first.id), '--liked', 'the quick replies']);
    expect(logged.code, logged.stderr).toBe(0);
    expect((await svc.run(['status'])).stdout).not.toContain(`svc interview log ${first.id}`);
  });

  it('agrees today at a later hour, and accepts another contact instead of a phone number', async () => {
    const [first] = await svc.json<InterviewJson[]>(['interviews']);
    const agreed = await svc.run(['interview', 'agree', String(first!.id), '--on', 'today', '--at', '16:00', '--contact', 'Teams: c1']);
    expect(agreed.code, agreed.stderr).toBe(0);
    expect(storedRow(first!.id)).toMatchObject({ agreed_on: '2026-03-18', agreed_time: '16:00', contact: 'Teams: c1' });
    expect((await svc.run(['status'])).stdout).toContain(`call ${first!.customer} (Bo) today at 16:00 on Teams: c1`);
  });

  it('closes a call as declined or as no reply, and neither shows as a next step', async () => {
    const [a, b] = await svc.json<InterviewJson[]>(['interviews']);
    const declined = await svc.run(['interview', 'decline', String(a!.id)]);
    expect(declined.code, declined.stderr).toBe(0);
    expect(declined.stderr).toContain(`Closed interview #${a!.id} with ${a!.customer}: declined.`);
    const noReply = await svc.run(['interview', 'noreply', String(b!.id), '--json']);
    expect(noReply.code, noReply.stderr).toBe(0);
    expect(JSON.parse(noReply.stdout)).toMatchObject({ id: b!.id, status: 'no_reply', state: 'no reply', heldOn: '2026-03-18' });
    expect(storedRow(a!.id)).toMatchObject({ status: 'declined', held_on: '2026-03-18' });
    expect(storedRow(b!.id)).toMatchObject({ status: 'no_reply', held_on: '2026-03-18' });
    expect((await svc.json<InterviewJson[]>(['interviews', '--status', 'no_reply'])).map((i) => i.id)).toEqual([b!.id]);
    const status = (await svc.run(['status'])).stdout;
    expect(status).not.toContain(`agree ${a!.id} `);
    expect(status).not.toContain(`agree ${b!.id} `);
  });

  it('does not invite again, within the cooldown, a customer who never replied', async () => {
    const [a] = await svc.json<InterviewJson[]>(['interviews']);
    await svc.run(['interview', 'noreply', String(a!.id)]);
    const before = svc.snapshot();
    const again = await svc.run(['interview', 'pick']);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/^svc: no customer can be picked: of 3 with contact details, 1 was contacted in the last 180 days and 2 are already planned\n/);
    expect(svc.snapshot()).toBe(before);
    const picked = await svc.json<{ interviews: Array<{ customer: string }> }>(['interview', 'pick', '--cooldown', '0']);
    expect(picked.interviews.map((i) => i.customer)).toEqual([a!.customer]);
  });

  it('refuses every bad move with one clear line and a hint, and changes nothing', async () => {
    const [a, b] = await svc.json<InterviewJson[]>(['interviews']);
    await svc.run(['interview', 'decline', String(b!.id)]);
    const before = svc.snapshot();
    const id = String(a!.id);
    const cases: Array<[string[], number, string]> = [
      [['interview', 'agree', id, '--on', '2026-03-17', '--at', '10:00', '--phone', '0123 456 789'], 2, 'svc: the agreed call on 2026-03-17 at 10:00 is in the past'],
      [['interview', 'agree', id, '--on', 'today', '--at', '09:59', '--phone', '0123 456 789'], 2, 'svc: the agreed call on 2026-03-18 at 09:59 is in the past'],
      [['interview', 'agree', id, '--at', '10:00', '--phone', '0123 456 789'], 2, 'svc: no day given for the call'],
      [['interview', 'agree', id, '--on', '2026-03-20', '--phone', '0123 456 789'], 2, 'svc: no time given for the call'],
      [['interview', 'agree', id, '--on', '2026-03-20', '--at', '25:00', '--phone', '0123 456 789'], 2, 'svc: "25:00" is not a time of day'],
      [['interview', 'agree', id, '--on', '2026-03-20', '--at', '10:00'], 2, 'svc: no number or contact to call them on'],
      [['interview', 'agree', id, '--on', '2026-03-20', '--at', '10:00', '--phone', 'call me'], 2, 'svc: "call me" is not a phone number'],
      [['interview', 'agree', id, '--on', '2026-03-20', '--at', '10:00', '--phone', '0123 456', '--contact', 'x'], 2, 'svc: --phone and --contact cannot both be given'],
      [['interview', 'agree', id, '--on', 'someday', '--at', '10:00', '--phone', '0123 456 789'], 2, 'svc: '],
      [['interview', 'agree', 'x', '--on', '2026-03-20', '--at', '10:00', '--phone', '0123 456 789'], 2, 'svc: '],
      [['interview', 'agree', '99', '--on', '2026-03-20', '--at', '10:00', '--phone', '0123 456 789'], 3, 'svc: interview #99 does not exist'],
      [['interview', 'agree', String(b!.id), '--on', '2026-03-20', '--at', '10:00', '--phone', '0123 456 789'], 4, `svc: interview #${b!.id} is already declined`],
      [['interview', 'decline', '99'], 3, 'svc: interview #99 does not exist'],
      [['interview', 'noreply', String(b!.id)], 4, `svc: interview #${b!.id} is already declined`],
      [['interview', 'list', '--status', 'lost'], 2, 'svc: --status "lost" is not one of planned, done, declined, no_reply'],
    ];
    for (const [args, code, message] of cases) {
      const result = await svc.run(args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr.startsWith(message), result.stderr).toBe(true);
      expect(result.stderr.split('\n').filter((line) => line.startsWith('svc: '))).toHaveLength(1);
      expect(result.stderr).toMatch(/^hint: /m);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(svc.snapshot()).toBe(before);
  });
});

describe('customer forget and an agreed number', () => {
  itOnSqlite('reads the bytes of the database file')('erases the number the customer gave for the call from the database', async () => {
    const [first] = await svc.json<InterviewJson[]>(['interviews']);
    const number = '+44 20 7946 0555';
    await svc.run(['interview', 'agree', String(first!.id), '--on', '2026-03-20', '--at', '10:00', '--phone', number]);
    const bytes = () =>
      readdirSync(svc.dir)
        .filter((name) => name.startsWith('svc.db'))
        .map((name) => readFileSync(join(svc.dir, name)).toString('latin1'))
        .join('\n');
    expect(bytes()).toContain(number); // the scan below can see it when it is there
    const customers = await svc.json<Array<{ id: number; name: string }>>(['customers', '--json']);
    const customer = customers.find((c) => c.name === first!.customer);
    const forgot = await svc.run(['customer', 'forget', String(customer!.id), '--yes']);
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(storedRow(first!.id)).toMatchObject({ contact: null, agreed_on: '2026-03-20', agreed_time: '10:00' });
    expect(bytes()).not.toContain(number);
    expect(bytes()).not.toContain('7946 0555');
  });
});

describe("the report's interview answers", () => {
  it('groups answers by what they are about: the Saturday line with the weekend, "a friend" with "a friend recommended you"', async () => {
    const ids = (await svc.json<InterviewJson[]>(['interviews'])).map((i) => String(i.id));
    await svc.run(['interview', 'log', ids[0]!, '--learned', 'a friend', '--change', 'open the phone line on Saturdays', '--on', '2026-03-17']);
    await svc.run(['interview', 'log', ids[1]!, '--learned', 'a friend recommended you', '--change', 'be open at weekends', '--on', '2026-03-17']);
    await svc.run(['interview', 'log', ids[2]!, '--learned', 'the website', '--change', 'the phone line is always busy', '--on', '2026-03-17']);
    const report = await svc.json<{ interviews: { learned: Array<{ answer: string; count: number }>; change: Array<{ key: string; count: number; answers: string[] }> } }>([
      'report',
      '--json',
    ]);
    expect(report.interviews.learned).toEqual([
      { answer: 'a friend', count: 2 },
      { answer: 'the website', count: 1 },
    ]);
    expect(report.interviews.change[0]).toMatchObject({ key: 'weekend', count: 2 });
    expect(report.interviews.change[0]!.answers.sort()).toEqual(['be open at weekends', 'open the phone line on Saturdays']);
    const text = await svc.run(['report']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/weekend/);
  });
});
