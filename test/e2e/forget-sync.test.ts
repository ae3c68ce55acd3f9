import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, type RunOptions } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// Forgets meeting merges, removals and imports, across two databases.
let here: InProcessSandbox;
let there: InProcessSandbox;
beforeEach(async () => {
  here = inProcessSandbox();
  there = inProcessSandbox();
});
afterEach(() => {
  here.cleanup();
  there.cleanup();
});

const at = (time: string): RunOptions => ({ env: { SVC_NOW: time } });

interface Row {
  id: number;
  name: string;
  forgotten: boolean;
}

async function customers(box: InProcessSandbox): Promise<Array<Pick<Row, 'id' | 'name' | 'forgotten'>>> {
  return (await box.json<Row[]>(['customers'])).map(({ id, name, forgotten }) => ({ id, name, forgotten }));
}

/** Old Co (#1) and Acme Ltd (#2), a story for Acme Ltd, and an export of that. */
async function setUp(): Promise<string> {
  const csv = join(here.dir, 'm.csv');
  writeFileSync(csv, 'name,email\nOld Co,old@x.com\nAcme Ltd,ops@acme.example\n');
  expect((await here.run(['customers', 'import', csv], at('2026-03-18T09:00:00'))).code).toBe(0);
  expect((await here.run(['story', 'add', 'Bo fixed the invoice for Acme Ltd', '--staff', 'Bo', '--customer', 'Acme Ltd'], at('2026-03-18T09:01:00'))).code).toBe(0);
  const before = join(here.dir, 'm0.jsonl');
  expect((await here.run(['export', '--out', before], at('2026-03-18T09:02:00'))).code).toBe(0);
  return before;
}

const LIVE_ACME = { id: 2, name: 'Acme Ltd', forgotten: false };

describe('a forgotten customer and merges', () => {
  it('refuses to merge a forgotten customer into another, changing nothing, and importing the own export changes nothing', async () => {
    await setUp();
    expect((await here.run(['customer', 'forget', '1', '--yes'], at('2026-03-18T09:03:00'))).code).toBe(0);
    const before = here.snapshot();
    const merged = await here.run(['customer', 'merge', '1', '2', '--yes'], at('2026-03-18T09:04:00'));
    expect(merged.code).toBe(4);
    expectCleanError(merged.stderr, /customer #1 was forgotten, so svc cannot tell .*; merging would carry the forget to #2/);
    expect(here.snapshot()).toBe(before);

    const file = join(here.dir, 'm.jsonl');
    expect((await here.run(['export', '--out', file], at('2026-03-18T09:05:00'))).code).toBe(0);
    const afterExport = here.snapshot();
    const imported = await here.run(['import', file], at('2026-03-18T09:06:00'));
    expect(imported.code).toBe(0);
    expect(imported.stderr).not.toContain('Forgot');
    expect(here.snapshot()).toBe(afterExport);
    expect(await customers(here)).toEqual([LIVE_ACME, { id: 1, name: '(forgotten)', forgotten: true }]);
  });

  it('keeps a customer forgotten here, and its forget, when a file merges it into another', async () => {
    const before = await setUp();
    expect((await there.run(['import', before], at('2026-03-18T09:03:00'))).code).toBe(0);
    expect((await here.run(['customer', 'forget', '1', '--yes'], at('2026-03-18T09:04:00'))).code).toBe(0);
    // Elsewhere, where it is not forgotten, the two are merged.
    expect((await there.run(['customer', 'merge', '1', '2', '--yes'], at('2026-03-18T09:05:00'))).code).toBe(0);
    const theirs = join(there.dir, 'merged.jsonl');
    expect((await there.run(['export', '--out', theirs], at('2026-03-18T09:06:00'))).code).toBe(0);

    const imported = await here.run(['import', theirs], at('2026-03-18T09:07:00'));
    expect(imported.code).toBe(0);
    expect(await customers(here)).toEqual([LIVE_ACME, { id: 1, name: '(forgotten)', forgotten: true }]);
    const ours = join(here.dir, 'ours.jsonl');
    expect((await here.run(['export', '--out', ours], at('2026-03-18T09:08:00'))).code).toBe(0);
    const acmeUuid = (JSON.parse(readFileSync(ours, 'utf8').split('\n').find((l) => l.includes('"Acme Ltd"')) ?? '{}') as { row: { uuid: string } }).row.uuid;
    const forgets = readFileSync(ours, 'utf8').split('\n').filter((l) => l.startsWith('{"table":"customer_forgets"'));
    expect(forgets).toHaveLength(1);
    expect(forgets[0]).not.toContain(acmeUuid);
  });
});

describe('importing a forget into a database that has the customers', () => {
  it('applies the forget and leaves the other customer alone', async () => {
    const before = await setUp();
    expect((await there.run(['import', before], at('2026-03-18T09:03:00'))).code).toBe(0);
    expect((await here.run(['customer', 'forget', '1', '--yes'], at('2026-03-18T09:04:00'))).code).toBe(0);
    expect((await here.run(['customer', 'merge', '1', '2', '--yes'], at('2026-03-18T09:05:00'))).code).toBe(4);
    const after = join(here.dir, 'after.jsonl');
    expect((await here.run(['export', '--out', after], at('2026-03-18T09:06:00'))).code).toBe(0);

    const imported = await there.run(['import', after], at('2026-03-18T09:07:00'));
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('Forgot customer #1 here too');
    expect(await customers(there)).toEqual([LIVE_ACME, { id: 1, name: '(forgotten)', forgotten: true }]);
    expect((await there.json<Array<{ text: string }>>(['stories']))[0]?.text).toBe('Bo fixed the invoice for Acme Ltd');
    // Again: nothing left to do.
    const snapshot = there.snapshot();
    expect((await there.run(['import', after], at('2026-03-18T09:08:00'))).code).toBe(0);
    expect(there.snapshot()).toBe(snapshot);
  });

  it('applies a forget record that arrives without the forgotten customer row', async () => {
    const before = await setUp();
    expect((await there.run(['import', before], at('2026-03-18T09:03:00'))).code).toBe(0);
    expect((await here.run(['customer', 'forget', '1', '--yes'], at('2026-03-18T09:04:00'))).code).toBe(0);
    const after = join(here.dir, 'after.jsonl');
    expect((await here.run(['export', '--out', after], at('2026-03-18T09:06:00'))).code).toBe(0);
    const lines = readFileSync(after, 'utf8').split('\n');
    const partial = join(here.dir, 'partial.jsonl');
    const header = JSON.parse(lines[0] ?? '{}') as { counts: Record<string, number> };
    header.counts.customers = (header.counts.customers ?? 0) - 1;
    writeFileSync(
      partial,
      [JSON.stringify(header), ...lines.slice(1).filter((l) => !(l.startsWith('{"table":"customers"') && l.includes('"forgotten_at":"2')))].join('\n'),
    );

    const imported = await there.run(['import', partial], at('2026-03-18T09:07:00'));
    expect(imported.stderr).toContain('Forgot customer #1 here too');
    expect(imported.code).toBe(0);
    expect(await customers(there)).toEqual([LIVE_ACME, { id: 1, name: '(forgotten)', forgotten: true }]);
  });
});

describe('removing a forgotten customer', () => {
  it('is refused in plain words, changing nothing, and the forget still travels', async () => {
    const before = await setUp();
    expect((await there.run(['import', before], at('2026-03-18T09:03:00'))).code).toBe(0);
    expect((await here.run(['customer', 'forget', '1', '--yes'], at('2026-03-18T09:04:00'))).code).toBe(0);
    const snapshot = here.snapshot();
    const removed = await here.run(['customer', 'rm', '1', '--yes'], at('2026-03-18T09:05:00'));
    expect(removed.code).toBe(4);
    expectCleanError(removed.stderr, /^svc: customer #1 was forgotten: its record stays, .* so that other databases forget them too/);
    expect(removed.stderr).not.toContain('customer_forgets');
    expect(removed.stderr).not.toMatch(/merge|svc customer forget/);
    expect(here.snapshot()).toBe(snapshot);

    const after = join(here.dir, 'after.jsonl');
    expect((await here.run(['export', '--out', after], at('2026-03-18T09:06:00'))).code).toBe(0);
    expect((await there.run(['import', after], at('2026-03-18T09:07:00'))).code).toBe(0);
    expect(await customers(there)).toEqual([LIVE_ACME, { id: 1, name: '(forgotten)', forgotten: true }]);
  });
});

describe('details of a forgotten customer coming back in an import', () => {
  it('are erased again on arrival, and the files wiped', async () => {
    expect((await here.run(['story', 'add', 'Dee sent Maria Diaz the refund', '--staff', 'Dee', '--customer', 'Maria Diaz'], at('2026-03-18T09:00:00'))).code).toBe(0);
    const x0 = join(here.dir, 'x0.jsonl');
    expect((await here.run(['export', '--out', x0], at('2026-03-18T09:01:00'))).code).toBe(0);
    expect((await there.run(['import', x0], at('2026-03-18T09:02:00'))).code).toBe(0);
    expect((await here.run(['customer', 'forget', '1', '--yes'], at('2026-03-18T09:03:00'))).code).toBe(0);
    // Elsewhere, not knowing of the forget, the story is edited with the name again.
    expect((await there.run(['story', 'edit', '1', '--text', 'Dee phoned Maria Diaz back and fixed it'], at('2026-03-18T09:04:00'))).code).toBe(0);
    const y1 = join(there.dir, 'y1.jsonl');
    expect((await there.run(['export', '--out', y1], at('2026-03-18T09:05:00'))).code).toBe(0);

    const unchanged = here.snapshot();
    const dry = await here.run(['import', y1, '--dry-run'], at('2026-03-18T09:06:00'));
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('The file brings back details of customer #1, forgotten here: importing it erases them again.');
    expect(here.snapshot()).toBe(unchanged);
    const imported = await here.run(['import', y1], at('2026-03-18T09:06:00'));
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('The file brought back details of customer #1, forgotten here: they are erased again from every record.');
    expect((await here.json<Array<{ text: string; customer: string }>>(['stories']))[0]).toMatchObject({ text: 'Dee phoned (forgotten) back and fixed it', customer: '(forgotten)' });
    expect(await customers(here)).toEqual([{ id: 1, name: '(forgotten)', forgotten: true }]);
    const bytes = ['svc.db', 'svc.db-wal']
      .map((name) => join(here.dir, name))
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path).toString('latin1').toLowerCase())
      .join('');
    expect(bytes).not.toContain('maria');
    expect(bytes).not.toContain('diaz');

    // Importing it again finds nothing left to erase, and changes nothing.
    const snapshot = here.snapshot();
    const again = await here.run(['import', y1], at('2026-03-18T09:07:00'));
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('erased again');
    expect(here.snapshot()).toBe(snapshot);
  });
});
