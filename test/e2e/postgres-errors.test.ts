// What a person gets wrong about a PostgreSQL address, and what svc says: a missing
// password, an unsafe password file, a bad sslmode, a certificate file that is not
// there, a search_path naming no schema, an empty database a reading command would
// fill, a copy's missing target. Each is one "svc:" line and one "hint:" line, the exit
// code DESIGN.md gives, and nothing changed on the server.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanError, runSvc } from '../helpers/cli.ts';
import { tempDir } from '../helpers/db.ts';
import { adminUrl, freshPostgresDatabase, urlWithDatabase } from '../helpers/engine.ts';
import { adminQuery, asRole, describeOnPostgres } from '../helpers/postgres.ts';

const SECRET = 'svc_ci_errors_secret';

/** How many tables the database holds, in any schema of its own. */
function tables(url: string): number {
  return Number(adminQuery(["SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"], url)[0]?.[0]?.n);
}

/** Runs svc on the address, with no password from the environment unless given. */
function svcAt(url: string, args: string[], env: Record<string, string | undefined> = {}) {
  return runSvc(['--db', url, ...args], '', { env: { SVC_DB: undefined, SVC_DATABASE_URL: undefined, PGPASSWORD: undefined, PGSSLMODE: undefined, ...env } });
}

describeOnPostgres('PostgreSQL addresses svc cannot use', () => {
  const role = `svc_test_errors_${process.pid}`;
  let temp: ReturnType<typeof tempDir>;
  let empty: ReturnType<typeof freshPostgresDatabase>;
  let bare: string;

  beforeAll(() => {
    temp = tempDir();
    adminQuery([`CREATE ROLE ${role} LOGIN PASSWORD '${SECRET}'`]);
    empty = freshPostgresDatabase();
    adminQuery([`GRANT CONNECT ON DATABASE ${empty.name} TO ${role}`]);
    bare = asRole(empty.url, role, '');
  });

  afterAll(() => {
    adminQuery([`REVOKE ALL ON DATABASE ${empty.name} FROM ${role}`]);
    empty?.drop();
    adminQuery([`DROP ROLE IF EXISTS ${role}`]);
    temp?.cleanup();
  });

  it('a password nowhere to be found is a refused login (exit 2) that says where to put one', () => {
    const none = svcAt(bare, ['status'], { PGPASSFILE: join(temp.dir, 'no-such-pgpass') });
    expect(none.code).toBe(2);
    expectCleanError(none.stderr, /^svc: PostgreSQL refused the login at postgres:\/\/svc_test_errors_\d+@/);
    expect(none.stderr).toMatch(/hint: .*PGPASSWORD.*no-such-pgpass/);
    expect(none.stderr).not.toMatch(/bug|SASL/);

    const other = join(temp.dir, 'pgpass-other');
    writeFileSync(other, `# another server\nelsewhere:5432:*:${role}:x\n`, { mode: 0o600 });
    const unmatched = svcAt(bare, ['status'], { PGPASSFILE: other });
    expect(unmatched.code).toBe(2);
    expectCleanError(unmatched.stderr, /refused the login/);
    expect(unmatched.stderr).toMatch(new RegExp(`hint: .*no line of .*pgpass-other matches 127\\.0\\.0\\.1:5432:${empty.name}:${role}`));
  });

  it('a password file others may read is not read, said once in svc’s words instead of the driver’s WARNING', () => {
    const open = join(temp.dir, 'pgpass-open');
    writeFileSync(open, `*:*:*:${role}:${SECRET}\n`);
    chmodSync(open, 0o644);
    const result = svcAt(bare, ['status'], { PGPASSFILE: open });
    expect(result.code).toBe(2);
    expectCleanError(result.stderr, /refused the login/);
    expect(result.stderr).toContain(`hint: the password file ${open} was not read: others may read it`);
    expect(result.stderr).toContain(`chmod 600 ${open}`);
    expect(result.stderr).not.toContain('WARNING');
    expect(result.stderr).not.toContain(SECRET);
    // Made private, the same file logs in (and the reading command refuses the empty database).
    chmodSync(open, 0o600);
    const fixed = svcAt(bare, ['status'], { PGPASSFILE: open });
    expect(fixed.stderr).not.toContain('refused the login');
    expect(fixed.code).toBe(3);
  });

  it('refuses an sslmode libpq does not know (exit 2) before connecting', () => {
    // Port 1 answers nothing: the message proves svc never tried it.
    const unreachable = urlWithDatabase('postgres://127.0.0.1:1/', 'x');
    const bogus = svcAt(`${unreachable}?sslmode=bogus`, ['stories']);
    expect(bogus.code).toBe(2);
    expectCleanError(bogus.stderr, /^svc: sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, not "bogus"$/);
    const fromEnvironment = svcAt(unreachable, ['stories'], { PGSSLMODE: 'no-verify' });
    expect(fromEnvironment.code).toBe(2);
    expectCleanError(fromEnvironment.stderr, /sslmode must be one of/);
  });

  it('names a certificate file that is not there (exit 2), sending nothing', () => {
    const missing = join(temp.dir, 'no-such-ca.pem');
    const result = svcAt(`${asRole(empty.url, role, SECRET)}?sslmode=verify-full&sslrootcert=${encodeURIComponent(missing)}`, ['stories']);
    expect(result.code).toBe(2);
    expectCleanError(result.stderr, new RegExp(`^svc: sslrootcert=${missing.replaceAll('.', '\\.')} names a file that does not exist`));
    expect(result.stderr).not.toMatch(/ENOENT|bug/);
  });

  it('a reading command refuses a database without svc’s schema (exit 3) and leaves it empty; a saving one creates it', () => {
    const database = freshPostgresDatabase();
    try {
      for (const args of [['stories'], ['status'], ['report']]) {
        const result = svcAt(database.url, args);
        expect(result.code, args.join(' ')).toBe(3);
        expectCleanError(result.stderr, /^svc: there is no svc database at postgres:\/\/.*: it holds none of svc's tables$/);
        expect(result.stderr).toMatch(/hint: .*svc init.*svc db copy --to/);
      }
      expect(tables(database.url)).toBe(0);
      const check = svcAt(database.url, ['db', 'check']);
      expect(check.code).toBe(3);
      expect(check.stderr).not.toContain('healthy');
      expect(tables(database.url)).toBe(0);
      const add = svcAt(database.url, ['story', 'add', 'Ana rang back the same evening', '--staff', 'Ana']);
      expect(add.code, add.stderr).toBe(0);
      expect(svcAt(database.url, ['stories']).code).toBe(0);
    } finally {
      database.drop();
    }
  });

  it('db check refuses a database this role may not give svc’s schema (exit 4), as init does', () => {
    const result = svcAt(asRole(empty.url, role, SECRET), ['db', 'check']);
    expect(result.code).toBe(4);
    expectCleanError(result.stderr, new RegExp(`has no svc tables, and the role ${role} may not create them in schema "public"`));
    expect(result.stdout).toContain('this role may not');
    const json = svcAt(asRole(empty.url, role, SECRET), ['db', 'check', '--json']);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, refused: { reason: 'not-allowed' } });
    expect(svcAt(asRole(empty.url, role, SECRET), ['init']).code).toBe(4);
  });

  it('a copy to a search_path naming no schema says how to create it (exit 3), and succeeds once it is', () => {
    const temp2 = tempDir();
    const database = freshPostgresDatabase();
    try {
      const file = join(temp2.dir, 'own.db');
      expect(runSvc(['story', 'add', 'Bo stayed on the line until it worked', '--staff', 'Bo'], file).code).toBe(0);
      const target = `${database.url}?options=-csearch_path%3Dsvc`;
      const refused = runSvc(['db', 'copy', '--to', target], file);
      expect(refused.code).toBe(3);
      expectCleanError(refused.stderr, /^svc: the schema "svc" that the search_path of postgres:\/\/.* names does not exist$/);
      expect(refused.stderr).toMatch(/hint: .*CREATE SCHEMA svc AUTHORIZATION svc_ci/);
      expect(tables(database.url)).toBe(0);
      adminQuery(['CREATE SCHEMA svc'], database.url);
      const copied = runSvc(['db', 'copy', '--to', target], file);
      expect(copied.code, copied.stderr).toBe(0);
      expect(adminQuery(['SELECT count(*)::int AS n FROM svc.stories'], database.url)[0]?.[0]?.n).toBe(1);
    } finally {
      database.drop();
      temp2.cleanup();
    }
  });

  it('a copy to a database that does not exist says to create it, not to run svc init', () => {
    const temp2 = tempDir();
    try {
      const file = join(temp2.dir, 'own.db');
      expect(runSvc(['story', 'add', 'Cy explained it in plain words', '--staff', 'Cy'], file).code).toBe(0);
      const result = runSvc(['db', 'copy', '--to', urlWithDatabase(adminUrl(), 'svc_no_such_database')], file);
      expect(result.code).toBe(3);
      expectCleanError(result.stderr, /no such database/);
      expect(result.stderr).toMatch(/hint: create it first .*then run the copy again/);
      expect(result.stderr).not.toContain('svc init');
    } finally {
      temp2.cleanup();
    }
  });
});

describe('an empty address and databases svc refuses', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    temp = tempDir();
  });
  afterAll(() => temp?.cleanup());

  it('refuses an empty --to or --db (exit 2) and writes no default file', () => {
    const file = join(temp.dir, 'own.db');
    expect(runSvc(['story', 'add', 'Di lent him a laptop in the meantime', '--staff', 'Di'], file).code).toBe(0);
    const env = { XDG_DATA_HOME: join(temp.dir, 'data'), HOME: temp.dir };
    const to = runSvc(['db', 'copy', '--to', ''], file, { env });
    expect(to.code).toBe(2);
    expectCleanError(to.stderr, /^svc: --to is empty: it names no database$/);
    const db = runSvc(['--db', '', 'stories'], file, { env });
    expect(db.code).toBe(2);
    expectCleanError(db.stderr, /^svc: --db is empty: it names no database$/);
    expect(existsSync(join(temp.dir, 'data'))).toBe(false);
    expect(existsSync(join(temp.dir, '.local'))).toBe(false);
  });

  it('db check calls a newer or another program’s database unhealthy, with the exit code status gives', () => {
    const newer = join(temp.dir, 'newer.db');
    const foreign = join(temp.dir, 'foreign.db');
    expect(runSvc(['init'], newer).code).toBe(0);
    const db = new Database(newer);
    db.pragma('user_version = 999');
    db.close();
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    for (const [file, pattern] of [
      [newer, /was written by a newer svc \(schema 999/],
      [foreign, /is a SQLite database, but not one svc created/],
    ] as const) {
      const status = runSvc(['status'], file);
      const check = runSvc(['db', 'check'], file);
      expect(check.code).toBe(status.code);
      expect(check.code).toBe(4);
      expectCleanError(check.stderr, pattern);
      expect(check.stderr).not.toContain('healthy');
      const json = runSvc(['db', 'check', '--json'], file);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, refused: { reason: file === newer ? 'newer' : 'foreign' } });
    }
  });
});
