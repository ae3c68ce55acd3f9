import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

interface PickJson {
  interviews: Array<{ id: number; customerId: number; customer: string; email: string | null; phone: string | null; interviewer: string | null }>;
  invitation: string;
}
interface InterviewJson {
  id: number;
  status: string;
  customer: string;
  customerId: number;
  interviewer: string | null;
  heldOn: string | null;
  learned: string | null;
  liked: string | null;
  change: string | null;
  note: string | null;
  storyIds: number[];
}

let svc: InProcessSandbox;
const sandboxes: InProcessSandbox[] = [];
beforeEach(async () => {
  svc = inProcessSandbox();
  sandboxes.push(svc);
});
afterEach(() => {
  for (const s of sandboxes.splice(0)) s.cleanup();
});

/** n customers with emails, imported into the sandbox. */
async function importCustomers(target: InProcessSandbox, n: number, segmentOf: (i: number) => string = () => 'retail'): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => `Customer ${i + 1},c${i + 1}@example.com,${segmentOf(i + 1)}`);
  const path = join(target.dir, 'customers.csv');
  writeFileSync(path, ['name,email,segment', ...rows].join('\n'));
  const result = await target.run(['customers', 'import', path]);
  if (result.code !== 0) throw new Error(result.stderr);
}

describe('svc interview pick', () => {
  it('plans three calls, prints who to contact with their details and an invitation', async () => {
    await importCustomers(svc, 5);
    const result = await svc.run(['interview', 'pick', '--for', 'Ana', '--seed', '1']);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.split('\n\n')[0]!.split('\n');
    expect(header).toBe('interview\tcustomer\temail\tphone\tsegment');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^\d\tCustomer \d\tc\d@example\.com\t\tretail$/);
    expect(result.stdout).toContain('ten minutes');
    expect(result.stdout).toContain('a day, a time and a phone number');
    expect(result.stderr).toContain('Planned 3 interviews for Ana.');
    const planned = await svc.json<InterviewJson[]>(['interviews', '--status', 'planned']);
    expect(planned).toHaveLength(3);
    expect(planned.every((i) => i.interviewer === 'Ana')).toBe(true);
  });

  it('is reproducible with --seed, and differs with another seed', async () => {
    const picks: string[][] = [];
    for (const seed of [1, 1, 2]) {
      const s = inProcessSandbox();
      sandboxes.push(s);
      await importCustomers(s, 30);
      picks.push((await s.json<PickJson>(['interview', 'pick', '--seed', String(seed)])).interviews.map((i) => i.customer));
    }
    expect(picks[0]).toHaveLength(3);
    expect(picks[1]).toEqual(picks[0]);
    expect(picks[2]).not.toEqual(picks[0]);
  });

  it('never picks anyone twice, nor anyone already planned, and then says clearly that nobody is left', async () => {
    await importCustomers(svc, 7);
    const seen = new Set<number>();
    for (let round = 0; round < 2; round++) {
      for (const i of (await svc.json<PickJson>(['interview', 'pick'])).interviews) {
        expect(seen.has(i.customerId)).toBe(false);
        seen.add(i.customerId);
      }
    }
    const last = await svc.run(['interview', 'pick']);
    expect(last.code).toBe(0);
    expect(last.stderr).toContain('only 1 customer is eligible, not 3: picked that one');
    expect(seen.size + 1).toBe(7);

    const before = svc.snapshot();
    const none = await svc.run(['interview', 'pick']);
    expect(none.code).toBe(3);
    expect(none.stderr).toBe(
      'svc: no customer can be picked: of 7 with contact details, 0 were contacted in the last 180 days and 7 are already planned\n' +
        'hint: import more customers (svc customers import FILE), widen --segment, or shorten --cooldown\n',
    );
    expect(none.stdout).toBe('');
    expect(svc.snapshot()).toBe(before);
  });

  it('respects the cooldown: someone called within it waits, someone called before it can be picked again', async () => {
    await importCustomers(svc, 2);
    // SVC_NOW is 2026-03-18: 179 days before is 2025-09-20, 180 days before 2025-09-19.
    const planned = (await svc.json<PickJson>(['interview', 'pick', '--count', '2'])).interviews;
    const idFor = (customerId: number) => String(planned.find((i) => i.customerId === customerId)?.id);
    await svc.run(['interview', 'log', idFor(1), '--liked', 'quick answers', '--on', '2025-09-20']);
    await svc.run(['interview', 'log', idFor(2), '--declined', '--on', '2025-09-19']);
    const picked = (await svc.json<PickJson>(['interview', 'pick', '--count', '2'])).interviews;
    expect(picked.map((i) => i.customerId)).toEqual([2]);
    expect((await svc.json<PickJson>(['interview', 'pick', '--cooldown', '0'])).interviews.map((i) => i.customerId)).toEqual([1]);
  });

  it('picks only from a segment, and refuses bad numbers without touching anything', async () => {
    await importCustomers(svc, 6, (i) => (i % 2 ? 'retail' : 'Wholesale'));
    const picked = (await svc.json<PickJson>(['interview', 'pick', '--segment', 'wholesale', '--count', '10'])).interviews;
    expect(picked.map((i) => i.customer).sort()).toEqual(['Customer 2', 'Customer 4', 'Customer 6']);
    const before = svc.snapshot();
    for (const args of [['--count', '0'], ['--count', 'three'], ['--seed', '-1'], ['--cooldown', '1.5']]) {
      const result = await svc.run(['interview', 'pick', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^svc: .*is not a whole number/m);
    }
    expect(svc.snapshot()).toBe(before);
  });
});

describe('svc interview log', () => {
  beforeEach(async () => {
    await importCustomers(svc, 3);
    await svc.run(['story', 'add', 'Ana found the lost parcel', '--staff', 'Ana Lopez']);
    await svc.run(['interview', 'pick', '--for', 'Bo']);
  });

  it('records the three answers and a note from flags', async () => {
    const logged = await svc.json<InterviewJson>([
      'interview', 'log', '1', '--learned', 'a friend', '--liked', 'the quick replies', '--change', 'longer hours', '--note', 'happy', '--on', 'yesterday',
    ]);
    expect(logged).toMatchObject({ status: 'done', heldOn: '2026-03-17', learned: 'a friend', liked: 'the quick replies', change: 'longer hours', note: 'happy', storyIds: [] });
    expect(await svc.json<InterviewJson[]>(['interviews', '--status', 'done'])).toHaveLength(1);
  });

  it('--as-story saves what they liked as a story crediting the staff it names, linked to the interview and customer', async () => {
    const logged = await svc.json<InterviewJson>(['interview', 'log', '2', '--liked', 'Ana always calls me back the same day', '--as-story']);
    expect(logged.storyIds).toEqual([2]);
    const story = await svc.json<Record<string, unknown>>(['story', 'show', '2']);
    expect(story).toMatchObject({
      text: 'Ana always calls me back the same day',
      staff: ['Ana Lopez'],
      source: 'interview',
      reportedBy: 'Bo',
      customer: logged.customer,
      occurredOn: '2026-03-18',
    });
  });

  it('records a declined call', async () => {
    expect(await svc.json<InterviewJson>(['interview', 'log', '3', '--declined', '--note', 'busy until June'])).toMatchObject({
      status: 'declined',
      note: 'busy until June',
      liked: null,
    });
  });

  it('refuses what cannot be logged, and changes nothing', async () => {
    await svc.run(['interview', 'log', '1', '--liked', 'fine']);
    const before = svc.snapshot();
    const cases: Array<[string[], number, string]> = [
      [['interview', 'log', '2'], 2, 'svc: no answers given'],
      [['interview', 'log', '--liked', 'x'], 2, 'svc: no interview ID given'],
      [['interview', 'log', '2', '--declined', '--liked', 'x'], 2, 'svc: --declined cannot come with answers'],
      [['interview', 'log', '2', '--liked', 'x', '--on', 'tomorrow'], 2, 'svc: --on 2026-03-19 is in the future'],
      [['interview', 'log', '2', '--liked', 'the shop is tidy', '--as-story'], 2, 'svc: what they liked names no member of staff'],
      [['interview', 'log', '2', '--change', 'x', '--as-story'], 2, 'svc: --as-story needs an answer'],
      [['interview', 'log', '99', '--liked', 'x'], 3, 'svc: interview #99 does not exist'],
      [['interview', 'log', '1', '--liked', 'x'], 4, 'svc: interview #1 was already logged as done on 2026-03-18'],
      [['interview', 'list', '--status', 'lost'], 2, 'svc: --status "lost" is not one of planned, done, declined, no_reply'],
    ];
    for (const [args, code, message] of cases) {
      const result = await svc.run(args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr.startsWith(message), result.stderr).toBe(true);
      expect(result.stderr).toMatch(/^hint: /m);
    }
    expect(svc.snapshot()).toBe(before);
  });

  it('lists interviews planned first, with the answers, and --json without contact details', async () => {
    await svc.run(['interview', 'log', '1', '--liked', 'the quick replies']);
    const list = await svc.run(['interviews']);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id\tstatus\tcustomer\tinterviewer\tdate\tlearned\tliked\tchange');
    expect(lines.slice(1).map((l) => l.split('\t')[1])).toEqual(['invited', 'invited', 'done']);
    expect(lines[3]).toContain('the quick replies');
    expect(list.stdout).not.toContain('@example.com');
    expect(JSON.stringify(await svc.json(['interviews']))).not.toContain('@example.com');
  });
});
