import { closeSync, openSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRefused } from '../helpers/cli.ts';
import { openSandboxStore } from '../helpers/db.ts';
import { itOnSqlite } from '../helpers/engine.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { seedEverything } from '../helpers/seed.ts';

interface ImportJson {
  dryRun: boolean;
  tables: Array<{ table: string; added: number; updated: number; skipped: number }>;
  totals: { added: number; updated: number; skipped: number };
  ignored: string[];
}

let ana: InProcessSandbox;
let bo: InProcessSandbox;
beforeEach(async () => {
  ana = inProcessSandbox();
  bo = inProcessSandbox();
});
afterEach(() => {
  ana.cleanup();
  bo.cleanup();
});

function seed(svc: InProcessSandbox, prefix: string): void {
  const store = openSandboxStore(svc.db);
  seedEverything(store.db, prefix);
  store.close();
}

/** What the read commands show: the same after a round trip, ids included. */
async function views(svc: InProcessSandbox): Promise<unknown[]> {
  return [
    await svc.json(['stories', '--limit', '0']),
    await svc.json(['people']),
    await svc.json(['tags']),
    await svc.json(['search', 'called']),
  ];
}

describe('svc export and svc import', () => {
  it('round-trips every record into an empty database: the same query results', async () => {
    seed(ana, 'a');
    await ana.run(['story', 'add', 'Cy remembered the order <b>by heart</b> #memory', '--staff', 'Cy', '--customer', 'Dee']);
    const file = join(ana.dir, 'all.jsonl');
    const exported = await ana.run(['export', '--out', file]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toMatch(/Exported 3 stories and \d+ other records to .*all\.jsonl/);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const imported = await bo.run(['import', file]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^records\tadded\tupdated\tskipped\n/);
    expect(imported.stdout).toMatch(/^stories\t3\t0\t0$/m);
    expect(imported.stderr).toMatch(/Imported .*all\.jsonl: \d+ added, 0 updated/);
    expect(await views(bo)).toEqual(await views(ana));

    // The copy exports what the original exported.
    const again = join(bo.dir, 'again.jsonl');
    await bo.run(['export', '--out', again]);
    const rows = (text: string) => text.split('\n').slice(1).sort();
    expect(rows(readFileSync(again, 'utf8'))).toEqual(rows(readFileSync(file, 'utf8')));
  });

  it('json export imports too; stdout is the default', async () => {
    seed(ana, 'a');
    const result = await ana.run(['export', '--format', 'json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { format: string; version: number; data: Record<string, unknown[]> };
    expect(doc).toMatchObject({ format: 'svc-export', version: 1, contacts: false });
    expect(doc.data.stories).toHaveLength(2);
    const file = join(bo.dir, 'a.json');
    writeFileSync(file, result.stdout);
    expect((await bo.json<ImportJson>(['import', file])).totals.updated).toBe(0);
    expect(await views(bo)).toEqual(await views(ana));
  });

  it('merges two people’s databases; importing the same file twice changes nothing', async () => {
    seed(ana, 'a');
    seed(bo, 'b');
    const fromBo = join(bo.dir, 'bo.jsonl');
    await bo.run(['export', '-o', fromBo]);

    const dry = await ana.json<ImportJson>(['import', '--dry-run', fromBo]);
    expect(dry.dryRun).toBe(true);
    const before = ana.snapshot();
    const first = await ana.json<ImportJson>(['import', fromBo]);
    expect(ana.snapshot()).not.toBe(before);
    expect({ ...first, dryRun: true }).toEqual(dry);
    expect(first.tables.find((t) => t.table === 'stories')).toMatchObject({ added: 2, updated: 0 });
    // Ana and Bo are the same people on both sides: merged by name.
    expect(first.tables.find((t) => t.table === 'people')).toMatchObject({ added: 0, skipped: 2 });
    expect(await ana.json<unknown[]>(['stories'])).toHaveLength(4);
    expect(await ana.json<unknown[]>(['people'])).toHaveLength(2);

    const after = ana.snapshot();
    const second = await ana.json<ImportJson>(['import', fromBo]);
    expect(second.totals).toMatchObject({ added: 0, updated: 0 });
    expect(ana.snapshot()).toBe(after);

    // And back: Bo gets Ana's stories, and both now hold the same stories.
    const fromAna = join(ana.dir, 'ana.jsonl');
    await ana.run(['export', '-o', fromAna]);
    await bo.run(['import', fromAna]);
    const texts = async (svc: InProcessSandbox) => (await svc.json<Array<{ uuid: string; text: string }>>(['stories'])).map((s) => `${s.uuid} ${s.text}`).sort();
    expect(await texts(bo)).toEqual(await texts(ana));
  });

  it('the newer edit wins, whichever side imports', async () => {
    await ana.run(['story', 'add', 'Ana called back', '--staff', 'Ana', '--tag', 'call-back']);
    const file = join(ana.dir, 'a.jsonl');
    await ana.run(['export', '-o', file]);
    await bo.run(['import', file]);
    await bo.run(['story', 'edit', '1', '--text', 'Ana called back within the hour', '--tag', 'fast'], { env: { SVC_NOW: '2026-03-19T10:00:00' } });
    const fromBo = join(bo.dir, 'b.jsonl');
    await bo.run(['export', '-o', fromBo]);
    const result = await ana.json<ImportJson>(['import', fromBo]);
    expect(result.tables.find((t) => t.table === 'stories')).toMatchObject({ updated: 1 });
    expect(await ana.json(['story', 'show', '1'])).toMatchObject({ text: 'Ana called back within the hour', tags: ['fast'] });
    // The older file no longer changes anything.
    expect((await ana.json<ImportJson>(['import', file])).totals.updated).toBe(0);
    expect(await ana.json(['story', 'show', '1'])).toMatchObject({ text: 'Ana called back within the hour' });
  });

  it("leaves customers' contact details out unless --include-contacts", async () => {
    seed(ana, 'a');
    const plain = await ana.run(['export']);
    expect(plain.stdout).not.toContain('buyer@acme.example');
    expect(plain.stdout).not.toContain('7946');
    expect(plain.stderr).toContain('--include-contacts');
    const full = await ana.run(['export', '--include-contacts']);
    expect(full.stdout).toContain('buyer@acme.example');
    expect(JSON.parse(full.stdout.split('\n')[0] ?? '')).toMatchObject({ contacts: true });
  });

  it('writes stories as CSV for spreadsheets', async () => {
    await ana.run(['story', 'add', '=cmd|calc, "quoted"', '--staff', 'Ana,Bo', '--tag', 'x']);
    const result = await ana.run(['export', '--format', 'csv']);
    expect(result.code).toBe(0);
    const [head, row] = result.stdout.split('\r\n');
    expect(head).toBe('id,uuid,occurredOn,title,text,staff,tags,customer,customerKind,channel,source,trigger,impact,reportedBy,createdAt,updatedAt');
    expect(row).toMatch(/^1,[0-9a-f-]{36},2026-03-18,,"'=cmd\|calc, ""quoted""",Ana; Bo,x,,external,/);
    const refused = await ana.run(['export', '--format', 'csv', '--include-contacts']);
    expect(refused.code).toBe(2);
  });

  it('never leaves a half-written export, and refuses a missing directory', async () => {
    const result = await ana.run(['export', '--out', join(ana.dir, 'nope', 'x.jsonl')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^svc: the directory .*nope does not exist\nhint: /);
  });
});

describe('svc import refuses bad files and changes nothing', () => {
  let file: string;
  let before: string;
  beforeEach(async () => {
    seed(ana, 'a');
    file = join(ana.dir, 'in.jsonl');
    await ana.run(['export', '-o', file]);
    seed(bo, 'b');
    before = bo.snapshot();
  });

  const refused = async (args: string[], code: number, message: RegExp) => {
    const result = await bo.run(['import', ...args]);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\nhint: .+\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(bo.snapshot()).toBe(before);
  };

  it('a newer export format: exit 4', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[0] = JSON.stringify({ ...JSON.parse(lines[0] ?? ''), version: 2 });
    writeFileSync(file, lines.join('\n'));
    await refused([file], 4, /^svc: .* uses export format 2, newer than this svc reads \(up to 1\); nothing was imported\n/);
  });

  it('a file cut off while copying', async () => {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length * 0.7)));
    await refused([file], 2, /^svc: .*(incomplete|damaged)/);
  });

  it('a file that is not an export', async () => {
    writeFileSync(file, 'id,text\n1,hello\n');
    await refused([file], 2, /^svc: .* is not an svc export/);
  });

  it('a file that is not UTF-8 text', async () => {
    writeFileSync(file, Buffer.concat([readFileSync(file).subarray(0, 100), Buffer.from([0xc3, 0x28, 0xff]), readFileSync(file).subarray(100)]));
    await refused([file], 2, /^svc: .* is not valid UTF-8 text/);
  });

  it('a row the schema rejects', async () => {
    writeFileSync(file, readFileSync(file, 'utf8').replace('"channel":"phone"', '"channel":"pigeon"'));
    await refused([file], 2, /^svc: .* holds a stories row .* this database cannot take/);
  });

  it('a huge file, refused before it is read', async () => {
    const huge = join(bo.dir, 'huge.jsonl');
    closeSync(openSync(huge, 'w'));
    truncateSync(huge, 300 * 1024 * 1024); // sparse: no disk used
    await refused([huge], 2, /^svc: .*huge\.jsonl is 300 MB and not JSONL; svc reads other exports whole, up to 256 MB/);
  });

  it('a file that does not exist: exit 3', async () => {
    await refused([join(bo.dir, 'missing.jsonl')], 3, /^svc: .*missing\.jsonl does not exist/);
  });

  it('an empty file', async () => {
    writeFileSync(file, '');
    await refused([file], 2, /^svc: .* is empty/);
  });
});

describe('svc import into no database yet', () => {
  // A cut-off line, and a file cut off where a line ends (its counts say rows are missing).
  const cuts: Array<[string, (text: string) => string]> = [
    ['in the middle of a line', (text) => text.slice(0, Math.floor(text.length * 0.7))],
    ['at the end of a line', (text) => text.split('\n').slice(0, -4).join('\n')],
  ];
  for (const [where, cut] of cuts) itOnSqlite('a missing database is a missing file')(`refuses a file cut off ${where} and leaves no database behind`, async () => {
    seed(ana, 'a');
    const file = join(ana.dir, 'cut.jsonl');
    await ana.run(['export', '-o', file]);
    writeFileSync(file, cut(readFileSync(file, 'utf8')));
    const fresh = inProcessSandbox();
    try {
      expect(fresh.snapshot()).toBe('absent');
      await expectRefused(fresh, ['import', file], 2, /^svc: .*cut\.jsonl is (damaged|incomplete)/);
      expect(fresh.snapshot()).toBe('absent');
      expect(readdirSync(fresh.dir)).toEqual([]);
    } finally {
      fresh.cleanup();
    }
  });
});
