import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/store/postgres/sync-client.ts';
import { draftsFolder, storedText } from '../helpers/cli.ts';
import { testEngine } from '../helpers/engine.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

const NAME = 'Maria Zyxwortel';
const EMAIL = 'maria.zyx@example.com';
const PHONE = '+44 20 7946 0958';
const TRACES = ['zyxwortel', 'maria.zyx', 'example.com', '2079460958', '7946 0958'];

/** Every byte of the database files (db, -wal, -shm), or on PostgreSQL every row as text, lower-cased. */
function databaseBytes(): string {
  return storedText(svc);
}

describe('svc customer forget', () => {
  beforeEach(async () => {
    const path = join(svc.dir, 'customers.csv');
    writeFileSync(path, `name,email,phone,segment,external id\n${NAME},${EMAIL},${PHONE},retail,C-77\nOther Person,other@elsewhere.org,555 0101,retail,C-78\n`);
    await svc.run(['customers', 'import', path]);
    await svc.run(['story', 'add', `Ana called ${NAME} back on ${PHONE} and emailed ${EMAIL}`, '--staff', 'Ana', '--customer', NAME, '--title', 'Zyxwortel order']);
    await svc.run(['story', 'add', 'Bo wrapped the gift', '--staff', 'Bo']);
    await svc.run(['interview', 'pick', '--count', '2', '--for', 'Ana']);
    const ids = await svc.json<Array<{ id: number; customer: string }>>(['interviews']);
    const hers = ids.find((i) => i.customer === NAME)?.id;
    await svc.run(['interview', 'log', String(hers), '--liked', 'Ana knows me, Mrs Zyxwortel, by name', '--note', `reach me on ${EMAIL}`]);
  });

  it('erases name, email and phone from every table, the search index and the files, keeping stories and answers', async () => {
    expect(databaseBytes()).toContain('zyxwortel'); // the scan below can see it when it is there
    const result = await svc.run(['customer', 'forget', NAME.toLowerCase(), '--yes', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      customerId: 1,
      erased: ['name', 'email', 'phone', 'external id'],
      storiesChanged: 1,
      interviewsChanged: 1,
      elsewhere: {},
      shared: [],
      nameNotScanned: false,
      resumed: false,
      drafts: { folder: draftsFolder(svc.dir), checked: 0, changed: [], otherMachines: testEngine === 'postgres' },
      removed: [],
      filesVerified: true,
      finished: true,
      // On a server svc runs VACUUM on its tables (the test's role owns them all) instead of compacting a file.
      ...(testEngine === 'postgres' ? { vacuumed: expect.arrayContaining(['stories', 'stories_fts', 'interviews', 'customers']), notVacuumed: [] } : {}),
      copies: [],
    });
    expect(result.stderr).toContain('Forgot customer #1: erased name, email, phone, external id.');
    expect(result.stderr).toContain('in 1 story and 1 interview');

    const stories = await svc.json<Array<{ text: string; title: string | null; customer: string | null }>>(['stories']);
    expect(stories).toHaveLength(2);
    expect(stories[1]).toMatchObject({ text: 'Ana called (forgotten) back on (forgotten) and emailed (forgotten)', title: '(forgotten) order', customer: '(forgotten)' });
    const interviews = await svc.json<Array<{ customer: string; liked: string | null; note: string | null }>>(['interviews']);
    expect(interviews.find((i) => i.customer === '(forgotten)')).toMatchObject({ liked: 'Ana knows me, Mrs (forgotten), by name', note: 'reach me on (forgotten)' });
    expect(await svc.json<Array<{ name: string }>>(['customers', '--include-contacts'])).toMatchObject([
      { name: 'Other Person', email: 'other@elsewhere.org' },
      { name: '(forgotten)', email: null, phone: null, externalId: null, segment: 'retail', forgotten: true },
    ]);
    expect((await svc.run(['search', 'zyxwortel'])).stdout).toBe('');

    const wal = join(svc.dir, 'svc.db-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    if (testEngine === 'postgres') expect(result.stderr).toMatch(/Checked every text column of every table.*\n.*Ran VACUUM on \d+ tables/u);
    const bytes = databaseBytes();
    for (const trace of TRACES.filter((t) => t !== 'example.com')) expect(bytes, trace).not.toContain(trace);
    expect(bytes).toContain('elsewhere.org'); // the other customer is untouched
  });

  // Skipped on SQLite: a role that owns no table exists on a server alone; SQLite has no roles.
  it.skipIf(testEngine !== 'postgres')('on a server, as a role that owns no table: erases and checks all the same, names the VACUUM for the owner, and stays pending until the owner finishes it', async () => {
    const owner = connectPostgres(svc.db);
    const role = `svc_test_writer_${process.pid}`;
    const { database } = owner.query('SELECT current_database() AS database').rows[0] as { database: string };
    try {
      // The day-to-day role of the README: reads and writes rows, owns nothing.
      for (const statement of [
        `CREATE ROLE ${role} LOGIN PASSWORD 'writer'`,
        `GRANT CONNECT ON DATABASE ${database} TO ${role}`,
        `GRANT USAGE ON SCHEMA public TO ${role}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
        `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
      ]) owner.query(statement);
      const address = new URL(svc.db);
      address.username = role;
      address.password = 'writer';
      const result = await svc.run(['--db', address.toString(), 'customer', 'forget', NAME, '--yes', '--json']);
      // Erased and checked, but the old row versions stay until their owner vacuums: refused as unfinished, the forget pending.
      expect(result.code, result.stderr).toBe(4);
      const json = JSON.parse(result.stdout) as { notVacuumed: string[] };
      expect(json).toMatchObject({ customerId: 1, storiesChanged: 1, interviewsChanged: 1, filesVerified: true, finished: false, vacuumed: [], notVacuumed: expect.arrayContaining(['stories', 'stories_fts']) });
      expect(result.stderr).toContain('Checked every text column of every table, the search index too: no row holds their details.\n');
      expect(result.stderr).toContain(
        `Could not VACUUM svc's ${json.notVacuumed.length} tables: the role svc connects as owns none of them, so the old row versions stay on the server. Ask their owner to run: VACUUM ${json.notVacuumed.join(', ')};\n`,
      );
      expect(result.stderr).toMatch(
        /\nsvc: customer #1 was erased from every record, but the forget stays pending: the old row versions that hold their data stay on the server until a role that may VACUUM svc's tables finishes it\nhint: the tables' owner \(or the database's\) finishes it, running that VACUUM itself: svc customer forget 1 --yes\n$/u,
      );
      expect(result.stderr).not.toMatch(/the files|disk space/u);
      for (const trace of TRACES.filter((t) => t !== 'example.com')) expect(databaseBytes(), trace).not.toContain(trace);
      expect(owner.query('SELECT customer_id FROM forget_pending').rows).toEqual([{ customer_id: 1 }]);

      // The same role again cannot finish it either; the owner's run does.
      const again = await svc.run(['--db', address.toString(), 'customer', 'forget', '#1', '--yes']);
      expect(again.code, again.stderr).toBe(4);
      expect(again.stderr).toContain('the forget stays pending');
      const finished = await svc.run(['customer', 'forget', '#1', '--yes', '--json']);
      expect(finished.code, finished.stderr).toBe(0);
      expect(JSON.parse(finished.stdout)).toMatchObject({ customerId: 1, resumed: true, finished: true, notVacuumed: [], vacuumed: expect.arrayContaining(['stories', 'stories_fts']) });
      expect(finished.stderr).toContain('Finished forgetting customer #1 on the server.\n');
      expect(owner.query('SELECT customer_id FROM forget_pending').rows).toEqual([]);
      const done = await svc.run(['customer', 'forget', '#1', '--yes']);
      expect(done.code).toBe(4);
      expect(done.stderr).toBe(
        "svc: customer #1 was already forgotten, and the server's tables were vacuumed and checked\nhint: svc no longer knows their details, so it cannot look for them again; an import that brings them back erases them again as it arrives\n",
      );
    } finally {
      for (const statement of [
        `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`,
        `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`,
        `REVOKE ALL ON SCHEMA public FROM ${role}`,
        `REVOKE ALL ON DATABASE ${database} FROM ${role}`,
        `DROP ROLE ${role}`,
      ]) owner.query(statement);
      owner.close();
    }
  });

  it('refuses without --yes off a terminal, an unknown or ambiguous customer, and a second forget, changing nothing', async () => {
    const twins = join(svc.dir, 'twins.csv');
    writeFileSync(twins, 'name,email\nSam Twin,sam1@twins.org\nSam Twin,sam2@twins.org\n');
    await svc.run(['customers', 'import', twins]);
    const before = svc.snapshot();
    const cases: Array<[string[], number, string]> = [
      [['customer', 'forget', '1'], 2, 'svc: forgetting customer #1 needs confirmation, and there is no terminal to ask\nhint: run again with --yes: svc customer forget 1 --yes\n'],
      [['customer', 'forget', '42', '--yes'], 3, 'svc: no customer #42\nhint: list customers with: svc customers\n'],
      [['customer', 'forget', 'sam twin', '--yes'], 2, 'svc: 2 customers are called "sam twin": #3, #4\nhint: pass one of their ids instead of the name, e.g. "#3"\n'],
      // The same hint wherever a customer is named: one of the namesakes' own ids, and no other command than the one typed.
      [['customer', 'rm', 'Sam Twin'], 2, 'svc: 2 customers are called "Sam Twin": #3, #4\nhint: pass one of their ids instead of the name, e.g. "#3"\n'],
      [['customer', 'forget', 'Nobody Here', '--yes'], 3, 'svc: no customer called "Nobody Here"\nhint: list customers with: svc customers\n'],
    ];
    for (const [args, code, stderr] of cases) {
      const result = await svc.run(args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr).toBe(stderr);
    }
    expect(svc.snapshot()).toBe(before);

    expect((await svc.run(['customer', 'forget', '2', '--yes'])).code).toBe(0);
    const after = svc.snapshot();
    const again = await svc.run(['customer', 'forget', '2', '--yes']);
    expect(again.code).toBe(4);
    const done = testEngine === 'postgres' ? "the server's tables were vacuumed and checked" : 'the files were wiped';
    expect(again.stderr).toBe(`svc: customer #2 was already forgotten, and ${done}\nhint: svc no longer knows their details, so it cannot look for them again; an import that brings them back erases them again as it arrives\n`);
    expect(svc.snapshot()).toBe(after);
  });

  it('refuses a bare number that is one customer\'s name and another\'s id, changing nothing; "#N" is always the id', async () => {
    const named = join(svc.dir, 'named-by-number.csv');
    writeFileSync(named, 'name,email\n1,one@numbers.org\n');
    await svc.run(['customers', 'import', named]);
    const before = svc.snapshot();
    const refused = await svc.run(['customer', 'forget', '1', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`svc: "1" is the name of customer #3 and the id of customer #1 (${NAME})\nhint: say which with a #: #1 for the id, #3 for the other\n`);
    expect(svc.snapshot()).toBe(before);

    const byId = await svc.json<{ customerId: number }>(['customer', 'forget', '#1', '--yes', '--json']);
    expect(byId.customerId).toBe(1);
    const left = await svc.json<Array<{ id: number; name: string | null }>>(['customers', '--json']);
    expect(left.find((c) => c.id === 3)?.name).toBe('1');
  });

  it('forgets one of two customers with the same name: the other keeps it, the files are checked for the rest, and forgetting both works', async () => {
    const namesakes = join(svc.dir, 'namesakes.csv');
    writeFileSync(namesakes, 'name,email\nDev Patelowski,dev1@namesakes.org\nDev Patelowski,dev2@namesakes.org\n');
    await svc.run(['customers', 'import', namesakes]);
    const first = await svc.run(['customer', 'forget', '3', '--yes', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ customerId: 3, erased: ['name', 'email'], shared: [{ detail: 'name', customers: [4], teamMember: false }], filesVerified: true });
    const searched = testEngine === 'postgres' ? "the server's rows were" : 'the files were';
    expect(first.stderr).toContain(`Their name is also held by customer #4: it stays where it is theirs, and ${searched} not searched for it. If they are one person, forget that one too: svc customer forget #4\n`);
    // The email was theirs alone: the check looked for it, and it is gone.
    expect(databaseBytes()).not.toContain('dev1@namesakes.org');
    expect(databaseBytes()).toContain('dev2@namesakes.org');

    const second = await svc.run(['customer', 'forget', '4', '--yes', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ customerId: 4, shared: [], filesVerified: true });
    for (const trace of ['patelowski', 'namesakes.org']) expect(databaseBytes(), trace).not.toContain(trace);
  });

  it('forgets a customer whose name has one or two characters: replaced in their story, the rest checked in the files, and it says the name could not be', async () => {
    const short = join(svc.dir, 'short-names.csv');
    writeFileSync(short, 'name,email\nAl,al.short@names.org\n');
    await svc.run(['customers', 'import', short]);
    await svc.run(['story', 'add', 'Bo rang Al back the same day', '--staff', 'Bo', '--customer', 'Al']);
    const result = await svc.run(['customer', 'forget', 'Al', '--yes', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ customerId: 3, erased: ['name', 'email'], storiesChanged: 1, nameNotScanned: true, filesVerified: true });
    expect(result.stderr).toContain('Their name has one or two characters: it was replaced in their stories and answers, but the files cannot be searched for it');
    expect(databaseBytes()).not.toContain('al.short@names.org');
    expect((await svc.json<{ text: string }>(['story', 'show', '3', '--json'])).text).toBe('Bo rang (forgotten) back the same day');
  });
});

