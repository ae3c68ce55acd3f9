import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseEnv, BIN, draftsFolder, ownDataEnv, storedText } from '../helpers/cli.ts';
import { itOnSqlite, testEngine } from '../helpers/engine.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { messages } from '../../src/core/messages.ts';
import { rewindSchema } from '../helpers/db.ts';
import { KEY, Terminal } from '../helpers/terminal.ts';

/*
 * The reproductions of "forget exactly the forgotten customer": each failed before
 * forget matched name parts only in the customer's own text, merged what collides,
 * verified the files, resumed, and travelled in exports.
 */

const F = '(forgotten)';
let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

async function importCustomers(box: InProcessSandbox, csv: string): Promise<void> {
  const path = join(box.dir, `customers-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, csv);
  expect((await box.run(['customers', 'import', path])).code).toBe(0);
}

async function add(box: InProcessSandbox, args: string[]): Promise<void> {
  const result = await box.run(['story', 'add', ...args]);
  expect(result.code, result.stderr).toBe(0);
}

type StoryJson = { id: number; text: string; tags: string[]; updatedAt: string; customer: string | null };
const stories = async (box: InProcessSandbox) => (await box.json<StoryJson[]>(['stories'])).sort((a, b) => a.id - b.id);


describe('it forgets exactly the customer', () => {
  it('leaves a story about a team member who shares a first name untouched', async () => {
    await importCustomers(svc, 'name,email\nAna Lopez,ana.lopez@example.com\n');
    await add(svc, ['Ana called Mr Smith back within the hour', '--staff', 'Ana']);
    const before = await stories(svc);
    const result = await svc.run(['customer', 'forget', 'Ana Lopez', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(await stories(svc)).toEqual(before);
  });

  it("replaces a name part only in the customer's own stories, never where it is a team member's name", async () => {
    await importCustomers(svc, 'name\nDana Whitfield\n');
    for (const n of [1, 2, 3]) await add(svc, [`Dana fixed it proactively, case ${n}`, '--staff', 'Dana Moreau']);
    await add(svc, ['Bo rang Dana Whitfield back; Whitfield was pleased and Dana said so', '--staff', 'Bo', '--customer', 'Dana Whitfield']);
    await add(svc, ['Mr Whitfield, a Whitfield Ltd supplier, was helped', '--staff', 'Bo']);
    const before = await stories(svc);

    const preview = await svc.run(['customer', 'forget', 'Dana Whitfield', '--dry-run']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toBe(
      'story #4 text: Bo rang [-Dana Whitfield-]{+(forgotten)+} back; [-Whitfield-]{+(forgotten)+} was pleased and Dana said so\n' +
        'customer #1 name: [-Dana Whitfield-] (erased)\n',
    );
    expect(preview.stderr).toContain('would change 1 story.');

    expect((await svc.run(['customer', 'forget', 'Dana Whitfield', '--yes'])).code).toBe(0);
    const after = await stories(svc);
    expect(after.filter((s) => s.id !== 4)).toEqual(before.filter((s) => s.id !== 4));
    expect(after.find((s) => s.id === 4)?.text).toBe(`Bo rang ${F} back; ${F} was pleased and Dana said so`);
  });

  it('forgets two customers whose tags redact to the same tag, merging them', async () => {
    await importCustomers(svc, 'name,email\nAcme,buyer@acme.example\nGlobex,buyer@globex.example\n');
    await add(svc, ['Ana fixed the invoice', '--staff', 'Ana', '--customer', 'Acme', '--tag', 'acme']);
    await add(svc, ['Bo fixed the order', '--staff', 'Bo', '--customer', 'Globex', '--tag', 'globex']);
    expect((await svc.run(['customer', 'forget', 'Acme', '--yes'])).code).toBe(0);
    const globex = await svc.run(['customer', 'forget', 'Globex', '--yes']);
    expect(globex.code, globex.stderr).toBe(0);
    expect((await svc.json<Array<{ name: string; email: string | null }>>(['customers', '--include-contacts'])).map((c) => [c.name, c.email])).toEqual([
      [F, null],
      [F, null],
    ]);
    expect((await stories(svc)).map((s) => s.tags)).toEqual([['forgotten'], ['forgotten']]);
  });

  it('keeps two practices apart when one would take the other’s name', async () => {
    await importCustomers(svc, 'name\nYan Kowalczyk\n');
    expect((await svc.run(['practice', 'add', 'Call Yan Kowalczyk back'])).code).toBe(0);
    expect((await svc.run(['practice', 'add', `Call ${F} back`])).code).toBe(0);
    const result = await svc.run(['customer', 'forget', 'Yan Kowalczyk', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect((await svc.json<Array<{ name: string }>>(['practices'])).map((p) => p.name).sort()).toEqual([`Call ${F} back`, `Call ${F} back (2)`]);
  });

  it('leaves no copy in tags, practice keys, inline tags or the search index', async () => {
    await importCustomers(svc, 'name\nQuinn Quimbyson\n');
    await add(svc, ['Ana called quimbyson back the same day #quimbyson', '--staff', 'Ana', '--customer', 'Quinn Quimbyson']);
    expect((await svc.run(['practice', 'add', 'Call quimbyson back', '--tag', 'quimbyson'])).code).toBe(0);
    expect((await svc.run(['practice', 'link', 'Call quimbyson back', '1'])).code).toBe(0);
    expect((await svc.run(['customer', 'forget', 'Quinn Quimbyson', '--yes'])).code).toBe(0);

    expect((await svc.run(['search', 'quimbyson'])).stdout).toBe('');
    expect((await svc.run(['practice', 'show', 'call quimbyson back'])).code).toBe(3);
    expect((await svc.json<Array<{ name: string }>>(['tags'])).map((t) => t.name)).not.toContain('quimbyson');
    expect((await stories(svc))[0]).toMatchObject({ text: `Ana called ${F} back the same day #${F}`, tags: ['forgotten'] });
    expect(storedText(svc)).not.toContain('quimbyson');
  });
});

describe('forgetting travels through export and import', () => {
  let other: InProcessSandbox;
  beforeEach(() => {
    other = inProcessSandbox();
  });
  afterEach(() => other.cleanup());

  it('erases contacts and text in the importing database, whatever --include-contacts said', async () => {
    await importCustomers(svc, 'name,email,phone\nYan Kowalczyk,yan@example.com,+48 601 234 567\n');
    await add(svc, ['Bo called Yan Kowalczyk back at yan@example.com', '--staff', 'Bo', '--customer', 'Yan Kowalczyk']);
    const first = join(svc.dir, 'first.jsonl');
    expect((await svc.run(['export', '--include-contacts', '-o', first])).code).toBe(0);
    expect((await other.run(['import', first])).code).toBe(0);
    expect((await svc.run(['customer', 'forget', 'Yan Kowalczyk', '--yes'])).code).toBe(0);
    const second = join(svc.dir, 'second.jsonl');
    expect((await svc.run(['export', '-o', second])).code).toBe(0);

    const imported = await other.run(['import', second]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('Forgot customer #1 here too, as the file says');
    expect(await other.json<Array<Record<string, unknown>>>(['customers', '--include-contacts'])).toMatchObject([{ name: F, email: null, phone: null, forgotten: true }]);
    expect((await stories(other))[0]?.text).toBe(`Bo called ${F} back at ${F}`);
    for (const trace of ['yan kowalczyk', 'yan@example.com', '48601234567']) expect(storedText(other), trace).not.toContain(trace);
    const again = await other.run(['customer', 'forget', '1', '--yes']);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain(`was already forgotten, and ${testEngine === 'postgres' ? "the server's tables were vacuumed and checked" : 'the files were wiped'}`);

    // The forget is in the file as its own records, documented in the README.
    const events = readFileSync(second, 'utf8').split('\n').filter((line) => line.startsWith('{"table":"customer_forgets"'));
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0] ?? '{}').row).toMatchObject({ customer_id: expect.any(String), forgotten_at: expect.any(String) });
  });
});

describe('it says it is done only when the files are clean', () => {
  /**
   * The customer's story among 150 long ones (about 2 MB), imported as an export file: an
   * export of it outgrows its 1 MB buffer while still reading, so a pipe nobody reads
   * holds it inside its snapshot, as `svc export | (sleep 15; cat >f)` does.
   */
  async function seedCustomer(): Promise<void> {
    await importCustomers(svc, 'name,email,phone\nYan Kowalczyk,yan@example.com,+48 601 234 567\n');
    await add(svc, ['Bo called Yan Kowalczyk back at yan@example.com', '--staff', 'Bo', '--customer', 'Yan Kowalczyk']);
    const count = 150;
    const header = { format: 'svc-export', version: 1, exportedAt: '2026-03-18T09:00:00.000Z', schema: 6, contacts: false, counts: { stories: count } };
    const lines = Array.from({ length: count }, (_, i) => {
      const row = { uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, text: `Bo helped caller ${i}: ${'steady work '.repeat(1200)}`, occurred_on: '2026-03-17', customer_kind: 'external', created_at: '2026-03-17T09:00:00.000Z', updated_at: '2026-03-17T09:00:00.000Z' };
      return JSON.stringify({ table: 'stories', row });
    });
    const file = join(svc.dir, 'bulk.jsonl');
    writeFileSync(file, `${JSON.stringify(header)}\n${lines.join('\n')}\n`);
    expect((await svc.run(['import', file])).code).toBe(0);
    // Start from an empty log, as a database at rest is.
    const raw = new Database(svc.db);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
  }

  itOnSqlite("an old snapshot pins pages of SQLite's file and log; a server keeps such rows until VACUUM (README: Forget on a server)")('refuses while an export still reads old pages, then finishes when run again', async () => {
    await seedCustomer();
    // An export to a pipe nobody reads yet: it holds its snapshot, as `svc export | (sleep 15; cat >f)` does.
    const reader = spawn(process.execPath, [BIN, 'export', '--include-contacts'], { env: baseEnv(svc.db), stdio: ['ignore', 'pipe', 'pipe'] });
    const exported: Buffer[] = [];
    await new Promise<void>((resolve) => reader.stdout.once('data', (chunk: Buffer) => {
      exported.push(chunk);
      reader.stdout.pause();
      resolve();
    }));

    const refused = await svc.run(['customer', 'forget', 'Yan Kowalczyk', '--yes', '--wait', '1']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^Forgot customer #1: erased name, email, phone\.\n/);
    expect(refused.stderr).toContain(
      'svc: customer #1 was erased from every record, but another process is still reading an older snapshot of the database, which holds their data\nhint: ',
    );
    expect(refused.stderr).not.toContain('Wiped');

    reader.stdout.on('data', (chunk: Buffer) => exported.push(chunk));
    reader.stdout.resume();
    await new Promise((resolve) => reader.once('close', resolve));
    expect(Buffer.concat(exported).toString()).toContain('yan@example.com'); // its snapshot was taken before the forget

    const finished = await svc.run(['customer', 'forget', '1', '--yes']);
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stderr).toContain('Finished forgetting customer #1');
    expect(finished.stderr).toContain('export to standard output');
    for (const trace of ['yan kowalczyk', 'yan@example.com', '48601234567']) expect(storedText(svc), trace).not.toContain(trace);
    expect(!existsSync(`${svc.db}-wal`) || statSync(`${svc.db}-wal`).size === 0).toBe(true);
  });

  itOnSqlite('fills the disk under a SQLite file')('on a full disk says the records were erased, not that nothing was saved, and finishes when run again', async () => {
    await seedCustomer();
    expect(statSync(svc.db).size).toBeGreaterThan(1024 * 1024);
    // A file-size limit below the database's size: the erase fits in the log, the compaction cannot be written.
    const full = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 1024; exec "${process.execPath}" "${BIN}" customer forget 1 --yes`], {
      env: baseEnv(svc.db, ownDataEnv(svc.dir)),
      encoding: 'utf8',
    });
    expect(full.status).toBe(1);
    expect(full.stderr).toContain('svc: customer #1 was erased from every record, but wiping the files failed: the disk is full\nhint: ');
    expect(full.stderr).not.toContain('nothing was saved');
    expect((await svc.json<Array<{ name: string }>>(['customers']))[0]?.name).toBe(F);

    const finished = await svc.run(['customer', 'forget', '1', '--yes']);
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stderr).toContain('Finished forgetting customer #1');
    for (const trace of ['yan kowalczyk', 'yan@example.com', '48601234567']) expect(storedText(svc), trace).not.toContain(trace);
  });
});

describe("svc's own copies", () => {
  itOnSqlite('pre-migration backups are copies of the file beside it')('deletes pre-migration backups and unfinished exports that hold the customer, and lists the exports it made', async () => {
    await importCustomers(svc, 'name,email,phone\nQuinn Quimbyson,quinn@example.com,+44 20 7946 0958\n');
    await add(svc, ['Ana called Quinn Quimbyson back', '--staff', 'Ana', '--customer', 'Quinn Quimbyson']);
    // An upgrade from the schema before: svc writes its automatic backup beside the database.
    const raw = new Database(svc.db);
    rewindSchema(raw, 5);
    raw.close();
    expect((await svc.run(['customers'])).code).toBe(0);
    const backups = readdirSync(svc.dir).filter((name) => /^svc\.db\.backup-v5-/.test(name));
    expect(backups).toHaveLength(1);
    const exported = join(svc.dir, 'team.jsonl');
    expect((await svc.run(['export', '--include-contacts', '-o', exported])).code).toBe(0);
    expect((await svc.run(['export', '-o', exported.replace('team', 'again')])).code).toBe(0);
    // An export killed half way leaves its partial file behind.
    const leftover = `${exported}.partial-999999`;
    writeFileSync(leftover, readFileSync(exported));
    writeFileSync(join(svc.dir, 'svc.db.partial-999998'), 'Quinn Quimbyson');

    const result = await svc.run(['customer', 'forget', 'Quinn Quimbyson', '--yes', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { removed: string[]; copies: Array<{ kind: string; path: string | null; contacts: boolean }> };
    // The unfinished files of dead writers are gone either way: removed when svc opened the
    // folder, or by forget itself; the backup only forget removes.
    expect(report.removed).toContain(join(svc.dir, backups[0] ?? ''));
    expect(existsSync(join(svc.dir, 'svc.db.partial-999998'))).toBe(false);
    expect(report.copies).toEqual([
      { kind: 'export', path: exported, contacts: true, writtenAt: '2026-03-18T10:00:00.000Z' },
      { kind: 'export', path: join(svc.dir, 'again.jsonl'), contacts: false, writtenAt: '2026-03-18T10:00:00.000Z' },
    ]);
    expect(result.stderr).toContain("Deleted svc's own copies that held them");
    expect(result.stderr).toContain(`delete them or export again:\n  export ${exported} (`);
    for (const file of [leftover, join(svc.dir, backups[0] ?? '')]) expect(existsSync(file)).toBe(false);
    expect(storedText(svc)).not.toContain('quimbyson');
  });
});

describe('the preview', () => {
  it('lists every record that would change with the change marked, as text and JSON, and changes nothing', async () => {
    await importCustomers(svc, 'name,email\nAcme,ops@acme.example\n');
    await add(svc, ['Ana answered ops@acme.example within the hour', '--staff', 'Ana', '--customer', 'Acme', '--tag', 'acme']);
    const before = svc.snapshot();
    const text = await svc.run(['customer', 'forget', 'Acme', '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      'tag acme name: [-acme-]{+forgotten+}\n' +
        'story #1 text: Ana answered [-ops@acme.example-]{+(forgotten)+} within the hour\n' +
        'customer #1 name: [-Acme-] (erased)\n' +
        'customer #1 email: [-ops@acme.example-] (erased)\n',
    );
    expect(text.stderr).toBe(
      'Dry run: forgetting customer #1 would change 1 story and 1 tag record. Nothing was changed; run again without --dry-run to forget.\n' +
        `No draft of this database on this machine holds their details (there are none in ${draftsFolder(svc.dir)}).\n` +
        (testEngine === 'postgres' ? `${messages.forgetDraftsElsewhere}\n` : ''),
    );
    const json = await svc.json<{ dryRun: boolean; storiesChanged: number; changes: unknown[] }>(['customer', 'forget', '1', '--dry-run']);
    expect(json).toMatchObject({ dryRun: true, storiesChanged: 1, elsewhere: { tags: 1 } });
    expect(json.changes).toHaveLength(4);
    expect(svc.snapshot()).toBe(before);
  });

  it('marks only the real changes in a story that an earlier forget already changed', async () => {
    await importCustomers(svc, 'name\nNora Vance\nOla Quist\n');
    await add(svc, ['Ola Quist called; Nora Vance too', '--staff', 'Ana']);
    expect((await svc.run(['customer', 'forget', 'Ola Quist', '--yes'])).code).toBe(0);
    const before = svc.snapshot();
    const text = await svc.run(['customer', 'forget', 'Nora Vance', '--dry-run']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe('story #1 text: (forgotten) called; [-Nora Vance-]{+(forgotten)+} too\ncustomer #1 name: [-Nora Vance-] (erased)\n');
    expect(svc.snapshot()).toBe(before);
  });

  it('asks in a terminal, stating the counts; no keeps everything', async () => {
    await importCustomers(svc, 'name,email\nAcme,ops@acme.example\n');
    await add(svc, ['Ana answered ops@acme.example within the hour', '--staff', 'Ana', '--customer', 'Acme', '--tag', 'acme']);
    const before = svc.snapshot();
    const term = new Terminal(['customer', 'forget', 'Acme'], svc.db);
    await term.waitFor('This cannot be undone');
    expect(term.screen).toContain('Forget Acme (#1)? This changes 1 story and 1 tag record.');
    await term.type('n');
    await term.type(KEY.enter);
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Kept customer #1; nothing was changed.');
    expect(svc.snapshot()).toBe(before);
  });

  it('refuses a bad --wait cleanly, changing nothing', async () => {
    await importCustomers(svc, 'name\nAcme\n');
    const before = svc.snapshot();
    const result = await svc.run(['customer', 'forget', 'Acme', '--yes', '--wait', 'soon']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('svc: --wait "soon" is not a whole number from 0 to 3,600\nhint: e.g. --wait 30\n');
    expect(svc.snapshot()).toBe(before);
  });
});
