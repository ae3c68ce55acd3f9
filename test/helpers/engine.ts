// Which engine the store, app and end-to-end suites run on. `npm test` runs them on
// SQLite, then again on PostgreSQL with SVC_TEST_ENGINE=postgres (vitest.postgres.config.ts)
// when SVC_TEST_POSTGRES_URL names a server: one set of tests, two engines.
//
// On PostgreSQL each temporary database is a copy of a template migrated once per test
// process (CREATE DATABASE … TEMPLATE), so a test's database costs a copy, not eighteen
// migrations; the run's global teardown drops whatever a test left behind.
import { it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/store.ts';
import { connectPostgres } from '../../src/store/postgres/sync-client.ts';

export type TestEngine = 'sqlite' | 'postgres';

export const testEngine: TestEngine = process.env.SVC_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** Every database the tests create on the server starts with this. */
export const TEST_DATABASE_PREFIX = 'svc_test_';

/**
 * This run's mark in its databases' names (set by the run's global setup), so its
 * teardown drops its own and never those of another run going on at the same time.
 */
const RUN = process.env.SVC_TEST_RUN ?? `p${process.pid}`;

export function adminUrl(): string {
  const url = process.env.SVC_TEST_POSTGRES_URL;
  if (!url) throw new Error('SVC_TEST_ENGINE=postgres needs SVC_TEST_POSTGRES_URL: a server where the tests may create databases (.ci/run sets it)');
  return url;
}

export function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

let template: string | undefined;
let counter = 0;

function admin<T>(fn: (query: (sql: string) => void) => T): T {
  const client = connectPostgres(adminUrl());
  try {
    return fn((sql) => void client.query(sql));
  } finally {
    client.close();
  }
}

/** The name of a new database, unique across the run's processes. */
function databaseName(kind: string): string {
  return `${TEST_DATABASE_PREFIX}${RUN}_${kind}_${process.pid}_${counter++}`;
}

/** A new, empty database; call `drop` when the tests are done. */
export function freshPostgresDatabase(): { url: string; name: string; drop: () => void } {
  const name = databaseName('db');
  admin((query) => query(`CREATE DATABASE ${name}`));
  return { url: urlWithDatabase(adminUrl(), name), name, drop: () => dropTestDatabase(name) };
}

/** A database with svc's schema, copied from the process's migrated template. */
export function freshMigratedPostgres(): { url: string; drop: () => void } {
  if (!template) {
    const name = databaseName('template');
    admin((query) => query(`CREATE DATABASE ${name}`));
    openPostgresStore(urlWithDatabase(adminUrl(), name)).close();
    template = name;
  }
  const name = databaseName('db');
  const source = template;
  admin((query) => query(`CREATE DATABASE ${name} TEMPLATE ${source}`));
  return { url: urlWithDatabase(adminUrl(), name), drop: () => dropTestDatabase(name) };
}

/** Drops a test database, ending any session still connected to it. */
export function dropTestDatabase(name: string): void {
  admin((query) => query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Drops every database this run's tests created (the PostgreSQL run's global teardown). */
export function dropRunDatabases(run: string): void {
  const client = connectPostgres(adminUrl());
  try {
    const rows = client.query(`SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DATABASE_PREFIX}${run}\\_%'`).rows;
    for (const row of rows) client.query(`DROP DATABASE IF EXISTS ${String(row.datname)} WITH (FORCE)`);
  } finally {
    client.close();
  }
}

/**
 * A test of what only SQLite has (its file on disk, its pages, its locks): it runs on
 * SQLite, and on PostgreSQL it shows as skipped with the reason in its name.
 */
export function itOnSqlite(reason: string): (name: string, fn: () => unknown, timeout?: number) => void {
  if (testEngine === 'sqlite') return (name, fn, timeout) => it(name, fn, timeout);
  return (name, fn) => it.skip(`${name} [SQLite only: ${reason}]`, fn);
}
