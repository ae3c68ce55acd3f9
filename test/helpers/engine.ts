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
import { errorCode } from '../../src/core/errors.ts';

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

/**
 * A database with svc's schema, as `svc init` leaves it. Creating a database takes half
 * a second here (PostgreSQL copies its catalogues and writes them through the WAL), too
 * slow for a thousand tests; so each test process keeps the databases its tests are done
 * with and puts them back as new: every table emptied and refilled with what the
 * migrations put there, every id counter set back (resetScript). A database that cannot
 * be put back is dropped, and the next test gets a new copy of the migrated template.
 */
export function freshMigratedPostgres(): { url: string; drop: () => void } {
  if (!template) {
    const name = databaseName('template');
    admin((query) => query(`CREATE DATABASE ${name}`));
    const url = urlWithDatabase(adminUrl(), name);
    openPostgresStore(url).close();
    resetSql = resetScript(url);
    templateSchema = schemaFingerprint(url);
    template = name;
  }
  const source = template;
  const reused = idle.pop();
  const name = reused ?? databaseName('db');
  if (!reused) admin((query) => query(`CREATE DATABASE ${name} TEMPLATE ${source}`));
  const url = urlWithDatabase(adminUrl(), name);
  let given = false;
  return {
    url,
    drop: () => {
      // Once only: a database given back twice would be handed to two sandboxes at once.
      if (given) return;
      given = true;
      try {
        putBack(url);
        idle.push(name);
      } catch {
        dropTestDatabase(name);
      }
    },
  };
}

/** This process's databases that a test is done with, put back as new. */
const idle: string[] = [];
let resetSql = '';
let templateSchema = '';

/**
 * Everything about a database that emptying its tables does not undo: its tables, columns,
 * indexes, triggers, constraints, functions and sequences, and every grant on them, on
 * the schema and on the database. A test that dropped a trigger (db check) or granted a
 * role leaves a database that would fail the next test given it.
 */
const SCHEMA_FINGERPRINT = `
  SELECT md5(coalesce(string_agg(line, E'\n' ORDER BY line), '')) AS fingerprint FROM (
    SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' ' || coalesce(c.relacl::text, '') || ' ' || pg_get_userbyid(c.relowner) AS line
      FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace
    UNION ALL SELECT 'column ' || a.attrelid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' || coalesce(a.attacl::text, '')
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = current_schema()::regnamespace
    UNION ALL SELECT 'trigger ' || t.tgrelid::regclass || ' ' || pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
    UNION ALL SELECT 'constraint ' || k.conrelid::regclass || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) || ' ' || k.convalidated
      FROM pg_constraint k WHERE k.connamespace = current_schema()::regnamespace
    UNION ALL SELECT 'function ' || p.oid::regprocedure || ' ' || md5(p.prosrc) || ' ' || coalesce(p.proacl::text, '') FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace
    UNION ALL SELECT 'schema ' || coalesce(n.nspacl::text, '') FROM pg_namespace n WHERE n.oid = current_schema()::regnamespace
    UNION ALL SELECT 'database ' || coalesce(d.datacl::text, '') FROM pg_database d WHERE d.datname = current_database()
    UNION ALL SELECT 'default privileges ' || coalesce(a.defaclacl::text, '') FROM pg_default_acl a
    UNION ALL SELECT 'settings ' || array_to_string(s.setconfig, ',') FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = current_database()
  ) lines`;

function schemaFingerprint(url: string): string {
  const client = connectPostgres(url);
  try {
    return String(client.query(SCHEMA_FINGERPRINT).rows[0]?.fingerprint);
  } finally {
    client.close();
  }
}

/**
 * What puts a database back as the migrations left it: one TRUNCATE of every table,
 * each table's rows from the template written back (json_populate_recordset keeps every
 * column's type), and each id sequence set past the largest id, as after the migrations.
 */
function resetScript(url: string): string {
  const client = connectPostgres(url);
  try {
    const tables = client.query("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1").rows.map((row) => String(row.name));
    const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
    const refill = tables.flatMap((table) => {
      const rows = client.query(`SELECT coalesce(json_agg(t), '[]')::text AS rows FROM ${quote(table)} t`).rows[0]?.rows as string;
      return rows === '[]' ? [] : [`INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, ${literal(rows)})`];
    });
    const sequences = client
      .query(
        `SELECT c.relname AS "table", a.attname AS "column", pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS sequence
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attidentity <> ''`,
      )
      .rows.map((row) => ({ table: String(row.table), column: String(row.column), sequence: String(row.sequence) }));
    const counters = sequences.map(
      ({ table, column, sequence }) =>
        `SELECT setval(${literal(sequence)}, coalesce((SELECT max(${quote(column)}) FROM ${quote(table)}), 0) + 1, false)`,
    );
    const references = client
      .query(
        `SELECT DISTINCT k.conrelid::regclass::text AS "from", k.confrelid::regclass::text AS "to"
           FROM pg_constraint k WHERE k.connamespace = current_schema()::regnamespace AND k.contype = 'f' AND k.conrelid <> k.confrelid`,
      )
      .rows.map((row) => ({ from: unquoted(String(row.from)), to: unquoted(String(row.to)) }));
    return [...emptyingStatements(tables, references, quote), ...refill, ...counters].join(';\n');
  } finally {
    client.close();
  }
}

/** A table's name as regclass prints it, without the quotes it adds to some. */
function unquoted(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;
}

/**
 * DELETE from every table, each before the tables it references: for a test's few rows it
 * takes a tenth of what TRUNCATE takes (which makes new files for all 45 tables, some
 * 0.6 s a test). Tables that reference each other in a cycle cannot be ordered, and then
 * one TRUNCATE … CASCADE empties everything instead.
 */
function emptyingStatements(tables: readonly string[], references: ReadonlyArray<{ from: string; to: string }>, quote: (name: string) => string): string[] {
  const left = new Set(tables);
  const order: string[] = [];
  while (left.size > 0) {
    const unreferenced = [...left].filter((table) => !references.some((r) => r.to === table && left.has(r.from)));
    if (unreferenced.length === 0) return [`TRUNCATE ${tables.map(quote).join(', ')} RESTART IDENTITY CASCADE`];
    for (const table of unreferenced) {
      order.push(table);
      left.delete(table);
    }
  }
  return order.map((table) => `DELETE FROM ${quote(table)}`);
}

/**
 * Ends what is still connected to the database (a killed command), then puts it back as
 * new; throws (and the database is dropped) when a test changed more than its rows.
 */
function putBack(url: string): void {
  const client = connectPostgres(url);
  try {
    client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    if (String(client.query(SCHEMA_FINGERPRINT).rows[0]?.fingerprint) !== templateSchema) throw new Error('the test changed the schema or its grants');
    // A test's rows are thrown away: no need to wait for them to reach the disk.
    client.query(`BEGIN; SET LOCAL synchronous_commit = off; ${resetSql}; COMMIT`);
  } finally {
    client.close();
  }
}

/** Drops a test database, ending any session still connected to it. */
export function dropTestDatabase(name: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      admin((query) => query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch (error) {
      // A session of another role still on it (one a test logged in as, ending) cannot be
      // ended by this role (42501): it is gone a moment later.
      if (errorCode(error) !== '42501' || attempt >= 20) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
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
