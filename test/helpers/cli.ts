import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { tempDir } from './db.ts';
import { databaseBytes } from './fs.ts';
import { testEngine, freshMigratedPostgres } from './engine.ts';
import { isPostgresAddress } from '../../src/store/address.ts';
import { openPostgresDatabase } from '../../src/store/postgres/database.ts';
import { connectPostgres } from '../../src/store/postgres/sync-client.ts';
import { openPostgresStore } from '../../src/store/postgres/store.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import { expect } from 'vitest';

export const BIN = fileURLToPath(new URL('../../bin/svc.cjs', import.meta.url));

// The built svc's code cache, kept for the tests in the checkout: never the user's own
// (~/.cache/svc), which their installed svc uses.
const TEST_CODE_CACHE = fileURLToPath(new URL('../../node_modules/.cache/svc-tests', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  /** How long the command may run before it is killed (30 s unless given): a test of a large import on a loaded machine gives more. */
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** A temporary database for one end-to-end test, and a way to run svc against it. */
export interface SvcSandbox {
  dir: string;
  db: string;
  run(args: string[], options?: RunOptions): RunResult;
  /** Runs and parses stdout as JSON, failing loudly if the command failed. */
  json<T = unknown>(args: string[], options?: RunOptions): T;
  /** A digest of everything stored, to prove a refused command changed nothing. */
  snapshot(): string;
  cleanup(): void;
}

/** Environment for the built binary: no colour, a pinned clock, no CI prompt guard surprises. */
export function baseEnv(db: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SVC_DB: db, NO_COLOR: '1', SVC_NOW: '2026-03-18T10:00:00', XDG_CACHE_HOME: TEST_CODE_CACHE };
  delete env.SVC_DEBUG;
  delete env.FORCE_COLOR;
  // CI servers set CI, which turns svc's prompts off; a test that wants that says so.
  delete env.CI;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs the built svc binary as a user would: stdin closed unless input is given. */
export function runSvc(args: string[], db: string, options: RunOptions = {}): RunResult {
  const spawnOptions: SpawnSyncOptions = {
    env: baseEnv(db, options.env),
    encoding: 'utf8',
    input: options.input ?? '',
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 30_000,
    // Long lists and exports run to megabytes; the default 1 MB would kill the child.
    maxBuffer: 256 * 1024 * 1024,
  };
  const result = spawnSync(process.execPath, [BIN, ...args], spawnOptions);
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/**
 * A sandbox's own data folder unless a test names one: drafts live there, and a forget
 * rewrites the drafts it finds, which must never be those of the person running the tests.
 */
export function withOwnDataHome<T extends { env?: Record<string, string | undefined> }>(dir: string, options: T = {} as T): T {
  return { ...options, env: { ...ownDataEnv(dir), ...options.env } };
}

/** The environment that gives svc the data folder of the sandbox in dir (for a Terminal, or a process spawned by hand). */
export function ownDataEnv(dir: string): { XDG_DATA_HOME: string } {
  return { XDG_DATA_HOME: join(dir, 'data') };
}

/** Where svc keeps the drafts of the sandbox in dir. */
export function draftsFolder(dir: string): string {
  return join(ownDataEnv(dir).XDG_DATA_HOME, 'svc', 'drafts');
}

/**
 * Where a sandbox's database is: a file in its folder, or on PostgreSQL (engine.ts) a
 * database of its own, migrated as `svc db init` would, dropped with the folder.
 */
export function sandboxDatabase(dir: string): { db: string; drop: () => void } {
  if (testEngine === 'sqlite') return { db: join(dir, 'svc.db'), drop: () => {} };
  const database = freshMigratedPostgres();
  return { db: database.url, drop: database.drop };
}

/** A sandbox's folder and database, and what removes both. */
export function sandboxPlace(prefix: string): { dir: string; db: string; cleanup: () => void } {
  const temp = tempDir(prefix);
  const { db, drop } = sandboxDatabase(temp.dir);
  return {
    dir: temp.dir,
    db,
    cleanup: () => {
      drop();
      temp.cleanup();
    },
  };
}

export function sandbox(): SvcSandbox {
  const { dir, db, cleanup } = sandboxPlace('svc-e2e-');
  const run = (args: string[], options?: RunOptions) => runSvc(args, db, withOwnDataHome(dir, options));
  return {
    dir,
    db,
    run,
    json<T>(args: string[], options?: RunOptions): T {
      const result = run([...args, '--json'], options);
      if (result.code !== 0) throw new Error(`svc ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return JSON.parse(result.stdout) as T;
    },
    snapshot: () => snapshotDb(db),
    cleanup,
  };
}

/**
 * A digest of the database's logical content (every table's rows but the full-text
 * index's own), or "absent" when there is no file. Read-only: it changes nothing.
 */
export function snapshotDb(db: string): string {
  if (isPostgresAddress(db)) return snapshotPostgres(db);
  if (!existsSync(db)) return 'absent';
  let conn: Database.Database | undefined;
  try {
    conn = new Database(db, { readonly: true, fileMustExist: true });
    const tables = conn
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name")
      .all() as Array<{ name: string }>;
    const content: Record<string, unknown> = { userVersion: conn.pragma('user_version', { simple: true }) };
    for (const { name } of tables) content[name] = conn.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all();
    return createHash('sha256').update(JSON.stringify(content)).digest('hex');
  } catch {
    return `unreadable: ${createHash('sha256').update(readFileSync(db)).digest('hex')}`;
  } finally {
    conn?.close();
  }
}

/** The same digest of a PostgreSQL database: every table's rows but the full-text index's, and the schema version. */
function snapshotPostgres(url: string): string {
  const client = connectPostgres(url);
  try {
    const tables = client
      .query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '%_fts%' ORDER BY 1")
      .rows.map((row) => String(row.name));
    const content: Record<string, unknown> = {};
    // Rows sorted whole: ORDER BY 1 leaves ties (a link table's first column) in the order
    // PostgreSQL happens to read them, which an autovacuum or an unrelated update changes.
    for (const name of tables) content[name] = client.query(`SELECT * FROM "${name}"`).rows.map((row) => JSON.stringify(row)).sort();
    return createHash('sha256').update(JSON.stringify(content)).digest('hex');
  } finally {
    client.close();
  }
}

/**
 * Everything a sandbox's database stores, lower-cased, to look for a forgotten customer
 * in: on SQLite every byte of its files (free pages and the log too), on PostgreSQL
 * every row of every table as text, the full-text vectors included (a server's pages
 * and log are not the test's to read; forget's own check there is the same row scan).
 */
export function storedText(svc: { dir: string; db: string }): string {
  if (!isPostgresAddress(svc.db)) return databaseBytes(svc.dir);
  const client = connectPostgres(svc.db);
  try {
    return rowsAsText((text) => client.query(text).rows);
  } finally {
    client.close();
  }
}

/** Every row of every table of a PostgreSQL database as text, lower-cased, read with query. */
export function rowsAsText(query: (text: string) => Array<Record<string, unknown>>): string {
  const tables = query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1").map((row) =>
    String(row.name),
  );
  return tables
    .flatMap((name) => query(`SELECT CAST(t AS text) AS row FROM "${name}" t`).map((row) => String(row.row)))
    .join('\n')
    .toLowerCase();
}

/** One line "svc: …", one line "hint: …", no stack trace. */
export function expectCleanError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^svc: /);
  expect(lines[0]).toMatch(pattern);
  expect(lines[1]).toMatch(/^hint: /);
  expect(lines).toHaveLength(2);
}

/** A sandbox of either kind: this file's, spawning the binary, or in-process.ts's. */
interface AnySandbox {
  run(args: string[]): RunResult | Promise<RunResult>;
  snapshot(): string;
}

/** A refused command: its exit code, nothing on stdout, one clean error, and the database as it was. */
export async function expectRefused(svc: AnySandbox, args: string[], code: number, message: RegExp): Promise<void> {
  const before = svc.snapshot();
  const result = await svc.run(args);
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expectCleanError(result.stderr, message);
  expect(svc.snapshot()).toBe(before);
}

/**
 * A copy of the built svc in dir with one more migration than this one, as after an
 * upgrade; returns the path of its launcher.
 */
export function newerSvcIn(dir: string): string {
  const root = join(BIN, '..', '..');
  for (const folder of ['bin', 'dist', 'migrations']) cpSync(join(root, folder), join(dir, folder), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'migrations', '0999_extra.sql'), 'ALTER TABLE stories ADD COLUMN mood TEXT;');
  return join(dir, 'bin', 'svc.cjs');
}

/**
 * A copy of the built svc in dir installed without one package (a broken or foreign
 * install: every other package of the checkout is linked in); returns its launcher.
 */
export function svcWithoutPackageIn(dir: string, missing: string): string {
  const root = join(BIN, '..', '..');
  for (const folder of ['bin', 'dist', 'migrations']) cpSync(join(root, folder), join(dir, folder), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name !== missing) symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return join(dir, 'bin', 'svc.cjs');
}

/**
 * Rows of a query on a sandbox's database, read directly and read-only. On PostgreSQL the
 * query is SQLite's, read through the store's own translation (postgres/database.ts).
 */
export function queryDb(db: string, text: string, ...params: unknown[]): unknown[] {
  const conn = isPostgresAddress(db) ? openPostgresDatabase(db) : new Database(db, { readonly: true });
  try {
    return conn.prepare(text).all(...params);
  } finally {
    conn.close();
  }
}

/** Six stories: three people call back, three explain the options. */
export const CALL_BACK_AND_EXPLAIN: ReadonlyArray<readonly [text: string, staff: string]> = [
  ['Ana called the customer back within the hour.', 'Ana'],
  ['Bo calls back every customer who waited.', 'Bo'],
  ['Cy called back the caller the same day and was lovely.', 'Cy'],
  ['Ana explained the options slowly to a worried client.', 'Ana'],
  ['Bo explained the options on the phone.', 'Bo'],
  ['Dee explained the options twice.', 'Dee'],
];
