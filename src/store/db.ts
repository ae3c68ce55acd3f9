import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, statSync, accessSync, constants, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { ConflictError, CorruptDatabaseError, ValidationError, SvcError, ExitCode, errorCode } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { removeLeftovers } from './files.ts';
import { defaultMigrationsDir, listMigrations, migrate, refuseUnknownDatabase, type MigrationReport, type Pause } from './migrate.ts';

export type Db = Database.Database;
export type Statement = Database.Statement;

/**
 * An open SQLite connection: what the store's SQL modules work on. Use cases talk to the
 * Store (store.ts) built over it by sqlite-store.ts.
 */
export interface Connection {
  readonly db: Db;
  readonly path: string;
  /** What opening it did to the schema (pending migrations applied, backups written). */
  readonly migration: MigrationReport;
  /** Runs fn in a BEGIN IMMEDIATE transaction: it reads before it writes. */
  write<T>(fn: () => T): T;
  /** Called at the points a crash test stops at (see OpenOptions.pause); does nothing otherwise. */
  pause: Pause;
  close(): void;
}

export interface OpenOptions {
  /** Folder of NNNN_name.sql files; found beside the package by default. */
  migrationsDir?: string;
  /** Open without creating or migrating (for read-only inspection). */
  readonly?: boolean;
  /** For tests: caps the file at this many pages, so a full disk can be simulated anywhere. */
  maxPages?: number;
  /** For tests: called at each PausePoint, inside its transaction. */
  pause?: Pause;
  /** For tests: how long a write waits for another connection's lock before giving up (10 s otherwise). */
  busyTimeoutMs?: number;
}

const noPause: Pause = () => {};

/**
 * Whether the connection is PostgreSQL's (postgres/database.ts) rather than SQLite's. The
 * store modules ask it for the few statements that differ in kind between the engines
 * (full-text search, JSON tables, catalogue reads); everything else is one statement.
 */
export function isPostgres(db: Db): boolean {
  return (db as unknown as { engine?: string }).engine === 'postgres';
}

/** How long a write waits for another svc's transaction to end. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * The addon's path, given to better-sqlite3 directly: its own lookup (the `bindings`
 * package) probes many paths and cannot work once the JavaScript is bundled.
 */
function nativeBinding(): { nativeBinding?: string } {
  // Bundled as CommonJS (a test harness does), import.meta is empty and the package's own
  // lookup works, since better-sqlite3 is then loaded from node_modules as it is.
  const base = import.meta.url as string | undefined;
  return base ? { nativeBinding: createRequire(base).resolve('better-sqlite3/build/Release/better_sqlite3.node') } : {};
}

/**
 * Shrinks SQLite's page cache (16 MB by default here) for a connection that goes
 * through much data once (detection's aggregates, an import): a larger cache holds
 * pages that are never read again, and costs resident memory.
 */
export function useSmallPageCache(db: Db, kib = 2048): void {
  if (isPostgres(db)) return; // the server's buffers are shared, and not the command's to size
  db.pragma(`cache_size = -${kib}`);
}

/**
 * A table of the JSON array bound at this `?`, one row per element in column `value`
 * (SQLite's json_each). On PostgreSQL the elements are cast to what they are compared
 * with, ids or text, which it will not guess. Use it with an alias (`FROM ${jsonValues(db)} j`).
 */
export function jsonValues(db: Db, type: 'id' | 'text' = 'id'): string {
  if (!isPostgres(db)) return 'json_each(?)';
  return `(SELECT CAST(value AS ${type === 'id' ? 'bigint' : 'text'}) AS value FROM json_array_elements_text(CAST(? AS json)))`;
}

const statements = new WeakMap<Db, Map<string, Statement>>();

/** A statement prepared once per connection and reused. */
export function sql(db: Db, text: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.prepare(text)));
  return statement;
}

/** Creates the file with owner-only permissions, or checks why it can't be. */
function ensureFile(path: string): void {
  if (existsSync(path)) {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new ValidationError(messages.dbIsDirectory(path), messages.dbIsDirectoryHint);
    // An empty file (touched, or made by `: >`) becomes a database of every customer's details: owner-only, as one svc creates.
    // SQLite gives its -wal and -shm the file's own permissions.
    if (stat.isFile() && stat.size === 0 && (stat.mode & 0o077) !== 0) {
      try {
        chmodSync(path, 0o600);
      } catch {
        throw new ValidationError(messages.dbNotPrivate(path), messages.dbNotPrivateHint);
      }
    }
    return;
  }
  const dir = dirname(path);
  if (!existsSync(dir)) throw new ValidationError(messages.dbDirMissing(dir), messages.dbDirMissingHint(dir));
  try {
    accessSync(dir, constants.W_OK);
    closeSync(openSync(path, 'wx', 0o600));
    chmodSync(path, 0o600); // the umask may have taken bits away; never added any
  } catch (error) {
    if (isCode(error, 'EEXIST')) return; // another svc created it first
    if (['EACCES', 'EPERM', 'EROFS', 'ENOENT'].some((code) => isCode(error, code))) {
      throw new ValidationError(messages.dbNotWritable(path), messages.dbNotWritableHint);
    }
    throw error;
  }
}

function isCode(error: unknown, code: string): boolean {
  return errorCode(error) === code;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Maps SQLite's own failures to errors a person can act on. */
export function translateSqliteError(error: unknown, path: string): unknown {
  const code = errorCode(error);
  if (!code) return error;
  if (code.startsWith('SQLITE_CORRUPT')) return new CorruptDatabaseError(messages.dbCorrupt(path), messages.dbCorruptHint);
  if (code === 'SQLITE_NOTADB') return new SvcError(messages.notSqlite(path), ExitCode.usage, messages.notSqliteHint);
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
    // A writable file in a read-only folder: SQLite cannot create its -wal and -shm files there.
    if (writable(path) && !writable(dirname(path))) return new ConflictError(messages.dbFolderReadOnly(dirname(path)), messages.dbFolderReadOnlyHint);
    return new ConflictError(messages.dbReadOnly(path), messages.dbReadOnlyHint);
  }
  if (code === 'SQLITE_BUSY') return new ConflictError(messages.dbBusy, messages.dbBusyHint);
  if (code === 'SQLITE_FULL') return new SvcError(messages.diskFull, ExitCode.unexpected, messages.diskFullHint, error);
  // A full file system shows up as a failed write or a shared-memory file that cannot grow.
  if (code.startsWith('SQLITE_IOERR')) return new SvcError(messages.diskWriteFailed, ExitCode.unexpected, messages.diskWriteFailedHint, error);
  return error;
}

/** An existing SQLite file opened as it is: no pragmas, no migrations (checks and backup copies). */
export function openFile(path: string, options: { readonly: boolean }): Db {
  return new Database(path, { readonly: options.readonly, fileMustExist: true, ...nativeBinding() });
}

/** Opens (creating if needed) and migrates the database at path. */
export function openStore(path: string, options: OpenOptions = {}): Connection {
  if (!options.readonly) {
    ensureFile(path);
    // What a killed svc left half-written beside the database (pre-migration backups, exports).
    removeLeftovers(dirname(path));
  }
  let db: Db | undefined;
  try {
    db = openFile(path, { readonly: options.readonly ?? false });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    const migrationsDir = options.readonly ? '' : (options.migrationsDir ?? defaultMigrationsDir());
    const migrations = options.readonly ? [] : listMigrations(migrationsDir);
    if (!options.readonly) {
      // Checked before anything is written: a foreign or newer database is refused unchanged (even its journal mode).
      refuseUnknownDatabase(db, path, migrations);
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
    }
    if (options.maxPages !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPages)}`);
    const pause = options.pause ?? noPause;
    const migration = options.readonly ? { applied: [], backup: null } : migrate(db, path, migrationsDir, migrations, pause);
    const open = db;
    return {
      db: open,
      path,
      migration,
      write: <T>(fn: () => T): T => open.transaction(fn).immediate(),
      pause,
      close: () => open.close(),
    };
  } catch (error) {
    db?.close();
    throw translateSqliteError(error, path);
  }
}

/** A new database in memory, gone when closed (a scratch schema to compare another database with). */
export function openMemory(): Db {
  return new Database(':memory:', nativeBinding());
}
