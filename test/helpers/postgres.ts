// PostgreSQL for the tests: SVC_TEST_POSTGRES_URL names a server where the tests may
// create and drop databases (`.ci/run` starts one and sets it). Each test file gets a
// database of its own, dropped afterwards. Without the variable the PostgreSQL suites
// are skipped with a message saying how to run them; with SVC_TEST_POSTGRES_REQUIRED=1
// (as in CI) a missing server fails instead.
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrate } from '../../src/store/migrate.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import { tempDir } from './db.ts';
import { connectPostgres, type SyncPostgresClient } from '../../src/store/postgres/sync-client.ts';
import { adminUrl, freshPostgresDatabase } from './engine.ts';

export { dropTestDatabase as dropPostgresDatabase, freshPostgresDatabase } from './engine.ts';

const ADMIN_URL = process.env.SVC_TEST_POSTGRES_URL;
const REQUIRED = process.env.SVC_TEST_POSTGRES_REQUIRED === '1';

let warned = false;

/** `describe` on PostgreSQL, or a skipped suite that says why and how to run it. */
export function describeOnPostgres(name: string, body: () => void): void {
  if (!ADMIN_URL) {
    if (REQUIRED) throw new Error('SVC_TEST_POSTGRES_REQUIRED=1 but SVC_TEST_POSTGRES_URL is not set: start PostgreSQL and name a server where tests may create databases');
    if (!warned) {
      warned = true;
      console.warn(
        'PostgreSQL suites skipped: set SVC_TEST_POSTGRES_URL=postgres://USER@HOST/postgres (a role that may create databases) to run them; .ci/run does this',
      );
    }
    // Skipped, not failed: a machine without a PostgreSQL server still runs every SQLite
    // suite (the reason is the warning above and the suite's name); CI sets REQUIRED.
    describe.skip(`${name} (PostgreSQL not configured)`, body);
    return;
  }
  describe(name, body);
}

/**
 * A fresh PostgreSQL database and a fresh SQLite file, both migrated to the newest schema,
 * for the tests of the describe block it is called in (set up before them, removed after).
 */
export function migratedOnBothEngines(): { readonly client: SyncPostgresClient; readonly sqlite: BetterSqlite3.Database } {
  let database: ReturnType<typeof freshPostgresDatabase> | undefined;
  let client: SyncPostgresClient | undefined;
  let sqlite: BetterSqlite3.Database | undefined;
  let cleanup: (() => void) | undefined;
  beforeAll(() => {
    database = freshPostgresDatabase();
    client = connectPostgres(database.url);
    migratePostgres(client, database.url);
    const temp = tempDir();
    cleanup = temp.cleanup;
    const path = join(temp.dir, 'svc.db');
    sqlite = new BetterSqlite3(path);
    migrate(sqlite, path);
  });
  afterAll(() => {
    sqlite?.close();
    cleanup?.();
    client?.close();
    database?.drop();
  });
  return {
    get client() {
      if (!client) throw new Error('the PostgreSQL database is set up before the tests');
      return client;
    },
    get sqlite() {
      if (!sqlite) throw new Error('the SQLite database is set up before the tests');
      return sqlite;
    },
  };
}

/** Runs statements on the test server as its administrator (or on the address given); each one's rows. */
export function adminQuery(statements: string[], url = adminUrl()): Array<Array<Record<string, unknown>>> {
  const client = connectPostgres(url);
  try {
    return statements.map((statement) => client.query(statement).rows);
  } finally {
    client.close();
  }
}

/** The address with another user and password. */
export function asRole(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}
