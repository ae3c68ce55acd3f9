// Reaching a team's PostgreSQL as a person would: the address chooses the engine, libpq's
// conventions fill what it leaves out, TLS is honoured, a password is never shown, and a
// least-privilege role does the day's work while only the owner may change the schema.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectCleanError, runSvc } from '../helpers/cli.ts';
import { tempDir } from '../helpers/db.ts';
import { freshMigratedPostgres, freshPostgresDatabase, urlWithDatabase } from '../helpers/engine.ts';
import { adminQuery, asRole, describeOnPostgres } from '../helpers/postgres.ts';

const SECRET = 'svc_ci_secret';

/** Runs svc with the database given only by SVC_DATABASE_URL. */
function svcAt(url: string, args: string[], env: Record<string, string | undefined> = {}) {
  return runSvc(args, '', { env: { SVC_DB: undefined, SVC_DATABASE_URL: url, ...env } });
}

describeOnPostgres('the PostgreSQL address', () => {
  const role = `svc_test_role_${process.pid}`;
  let database: ReturnType<typeof freshMigratedPostgres>;
  let url: string;
  let temp: ReturnType<typeof tempDir>;

  beforeAll(() => {
    database = freshMigratedPostgres();
    temp = tempDir();
    adminQuery([`CREATE ROLE ${role} LOGIN PASSWORD '${SECRET}'`]);
    url = asRole(database.url, role, SECRET);
    const name = new URL(database.url).pathname.slice(1);
    // Owned by the test role; the person's role gets svc's day-to-day grants (the README's list).
    adminQuery(
      [
        `GRANT CONNECT, TEMPORARY ON DATABASE ${name} TO ${role}`,
        `GRANT USAGE ON SCHEMA public TO ${role}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
        `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
      ],
      database.url,
    );
  });

  afterAll(() => {
    // The database goes back to the tests' pool: its grants to the role go first, and the role after.
    const name = new URL(database.url).pathname.slice(1);
    adminQuery(
      [
        `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`,
        `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`,
        `REVOKE ALL ON SCHEMA public FROM ${role}`,
        `REVOKE ALL ON DATABASE ${name} FROM ${role}`,
      ],
      database.url,
    );
    database?.drop();
    adminQuery([`DROP ROLE IF EXISTS ${role}`]);
    temp?.cleanup();
  });

  it('does the day’s work as a role with only the day-to-day grants, and never shows its password', () => {
    const add = svcAt(url, ['story', 'add', 'Ana rang the customer back the same evening', '--staff', 'Ana', '--tag', 'call-back']);
    expect(add.code, add.stderr).toBe(0);
    for (const args of [['stories'], ['report'], ['practices'], ['search', 'evening'], ['status']]) {
      const result = svcAt(url, args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(result.stdout + result.stderr).not.toContain(SECRET);
    }
    const path = svcAt(url, ['db', 'path']);
    expect(path.stdout.trim()).toBe(url.replace(`:${SECRET}@`, ':***@'));
    expect(adminQuery(['SELECT count(*)::int AS n FROM stories'], database.url)[0]?.[0]?.n).toBe(1);
  });

  it('refuses to create svc’s schema as that role, naming the grant, and leaves the database empty', () => {
    const empty = freshPostgresDatabase();
    try {
      adminQuery([`GRANT CONNECT ON DATABASE ${empty.name} TO ${role}`]);
      const result = svcAt(asRole(empty.url, role, SECRET), ['init']);
      expect(result.code).toBe(4);
      expectCleanError(result.stderr, /did not allow this at postgres:\/\/svc_test_role_\d+:\*\*\*@/);
      expect(result.stderr).not.toContain(SECRET);
      expect(adminQuery(["SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"], empty.url)[0]?.[0]?.n).toBe(0);
    } finally {
      empty.drop();
    }
  });

  it('takes what the address leaves out from PGHOST, PGPORT, PGUSER and PGPASSWORD, and the password from a pgpass file', () => {
    const parsed = new URL(url);
    const env = { PGHOST: parsed.hostname, PGPORT: parsed.port || '5432', PGUSER: role };
    const bare = `postgres:///${parsed.pathname.slice(1)}`;
    expect(svcAt(bare, ['stories'], { ...env, PGPASSWORD: SECRET }).code).toBe(0);
    const pgpass = join(temp.dir, 'pgpass');
    writeFileSync(pgpass, `${parsed.hostname}:${env.PGPORT}:*:${role}:${SECRET}\n`);
    chmodSync(pgpass, 0o600);
    const fromFile = svcAt(bare, ['stories'], { ...env, PGPASSWORD: undefined, PGPASSFILE: pgpass });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stderr).toBe('');
    expect(fromFile.stdout).toContain('same evening');
  });

  it('says what went wrong when the server cannot be reached, refuses the login or has no such database, without the password', () => {
    const unreachable = svcAt(asRole(urlWithDatabase('postgres://127.0.0.1:1/', 'x'), role, SECRET), ['stories']);
    expect(unreachable.code).toBe(1);
    expectCleanError(unreachable.stderr, /^svc: cannot reach PostgreSQL at postgres:\/\/svc_test_role_\d+:\*\*\*@127\.0\.0\.1:1\/x: /);
    const wrong = svcAt(asRole(url, role, 'not-the-password'), ['stories']);
    expect(wrong.code).toBe(2);
    expectCleanError(wrong.stderr, /refused the login/);
    expect(wrong.stderr).not.toContain('not-the-password');
    const unreadable = svcAt(`postgres://${role}:${SECRET}@127.0.0.1:99999/x`, ['stories']);
    expect(unreadable.code).toBe(2);
    expectCleanError(unreadable.stderr, /is not a PostgreSQL address svc can read/);
    expect(unreadable.stderr).not.toContain(SECRET);
    const missing = svcAt(urlWithDatabase(url, 'svc_no_such_database'), ['stories']);
    expect(missing.code).toBe(3);
    expectCleanError(missing.stderr, /no such database/);
    expect(missing.stderr).not.toContain(SECRET);
  });

  it('honours sslmode as libpq does: require encrypts, verify-full refuses a certificate no known CA signed', () => {
    // .ci/run gives the server a self-signed certificate; a server without TLS cannot show this.
    expect(adminQuery(['SHOW ssl'])[0]?.[0]?.ssl, 'the test server has TLS off: .ci/run turns it on').toBe('on');
    const encrypted = svcAt(`${url}?sslmode=require`, ['stories']);
    expect(encrypted.code, encrypted.stderr).toBe(0);
    expect(encrypted.stderr).toBe('');
    const checked = svcAt(`${url}?sslmode=verify-full`, ['stories']);
    expect(checked.code).toBe(1);
    expectCleanError(checked.stderr, /certificate was not accepted/);
    // PGSSLMODE counts when the address says nothing.
    expect(svcAt(url, ['stories'], { PGSSLMODE: 'verify-full' }).code).toBe(1);
    expect(svcAt(url, ['stories'], { PGSSLMODE: 'disable' }).code).toBe(0);
  });

  it('never writes the demo’s made-up team to the server', () => {
    const before = adminQuery(['SELECT count(*)::int AS n FROM stories'], database.url)[0]?.[0]?.n;
    const refused = runSvc(['demo', '--db', url], '', { env: { SVC_DB: undefined } });
    expect(refused.code).toBe(2);
    expectCleanError(refused.stderr, /never on a PostgreSQL server/);
    const elsewhere = svcAt(url, ['demo', '--json']);
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect((JSON.parse(elsewhere.stdout) as { database: string }).database).toMatch(/svc-demo-.*\/svc\.db$/);
    expect(adminQuery(['SELECT count(*)::int AS n FROM stories'], database.url)[0]?.[0]?.n).toBe(before);
  });

  it('chooses the engine by the address: --db first, then SVC_DATABASE_URL, then SVC_DB', () => {
    const file = join(temp.dir, 'own.db');
    const fileFirst = runSvc(['db', 'path', '--db', file], '', { env: { SVC_DATABASE_URL: url, SVC_DB: undefined } });
    expect(fileFirst.stdout.trim()).toBe(file);
    const urlBeforeFile = runSvc(['db', 'path'], file, { env: { SVC_DATABASE_URL: url } });
    expect(urlBeforeFile.stdout.trim()).toContain('postgres://');
    const postgresInSvcDb = runSvc(['stories'], url, { env: { SVC_DATABASE_URL: undefined } });
    expect(postgresInSvcDb.code, postgresInSvcDb.stderr).toBe(0);
    expect(postgresInSvcDb.stdout).toContain('same evening');
  });
});
