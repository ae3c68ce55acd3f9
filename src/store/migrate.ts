import type Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConflictError, CorruptDatabaseError, errorCode } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { fileError, pendingFile } from './files.ts';

type Db = Database.Database;

/** Where a crash test can stop svc inside an open transaction, to kill it exactly there. */
export type PausePoint = 'import' | 'migration' | 'backup';
export type Pause = (point: PausePoint) => void;

export interface Migration {
  version: number;
  name: string;
  file: string;
}

export interface MigrationReport {
  applied: string[];
  /** Where a backup was written before migrating a database that held data. */
  backup: string | null;
}

/** The migrations folder shipped beside the program (dist/ and src/store/ both find it). */
export function defaultMigrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'migrations');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('svc cannot find its migrations folder; the installation is incomplete');
}

/** How a migration is named in reports: its file name without `.sql`. */
export function migrationLabel(migration: Migration): string {
  return `${String(migration.version).padStart(4, '0')}_${migration.name}`;
}

/** The NNNN_name.sql files in order. */
export function listMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d{4})_([\w-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2] ?? '', file: join(dir, m[0]) }))
    .sort((a, b) => a.version - b.version);
}

function userTables(db: Db): number {
  const row = db
    .prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .get() as { n: number };
  return row.n;
}

/**
 * Applies pending migrations, each in its own IMMEDIATE transaction, and records them.
 * PRAGMA user_version mirrors the newest applied version, so the usual case (nothing
 * to do) costs one pragma read and a directory listing.
 */
export function migrate(db: Db, path: string, dir = defaultMigrationsDir(), migrations = listMigrations(dir), pause: Pause = () => {}): MigrationReport {
  const current = refuseUnknownDatabase(db, path, migrations);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current === newest) return { applied: [], backup: null };

  const backup = current > 0 && hasUserData(db) ? backupBeforeMigration(db, path, current, pause) : null;
  const applied: string[] = [];
  // Rebuilding a table (SQLite's 12-step procedure) needs foreign keys off: with them on,
  // dropping the old copy would cascade-delete its children. They are checked before each commit.
  const foreignKeys = Number(db.pragma('foreign_keys', { simple: true }));
  db.pragma('foreign_keys = OFF');
  try {
    applyPending(db, path, migrations, current, applied, pause);
  } catch (error) {
    // Nothing applied: the database is exactly what the backup holds. Kept, every failed
    // try (a damaged schema refuses every time) would leave one more full copy beside it.
    if (backup && applied.length === 0) rmSync(backup, { force: true });
    throw error;
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys}`);
  }
  return { applied, backup };
}

/**
 * A migration that SQLite refused for want of a table or column the recorded version
 * promises (or one already there that it adds): the schema is not what its version says,
 * which no released svc leaves behind. Said as that, not as a bug in svc; the migration's
 * transaction rolled back, so the database is as it was.
 */
function schemaMismatch(error: unknown, path: string, current: number, migration: Migration): unknown {
  const message = error instanceof Error ? error.message : '';
  if (errorCode(error) !== 'SQLITE_ERROR' || !/^(no such (column|table|index)|duplicate column name|table \S+ already exists|index \S+ already exists)/u.test(message)) return error;
  return new CorruptDatabaseError(messages.schemaMismatch(path, current, migrationLabel(migration), message), messages.schemaMismatchHint);
}

function applyPending(db: Db, path: string, migrations: Migration[], current: number, applied: string[], pause: Pause): void {
  for (const migration of migrations) {
    const run = db.transaction(() => {
      // Re-read inside the lock: another svc may have migrated meanwhile.
      if (Number(db.pragma('user_version', { simple: true })) >= migration.version) return;
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      db.exec(readFileSync(migration.file, 'utf8'));
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`migration ${migration.name} broke ${broken.length} references; nothing was changed`);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${migration.version}`);
      pause('migration');
      applied.push(migrationLabel(migration));
    });
    if (migration.version > current) {
      try {
        run.immediate();
      } catch (error) {
        throw schemaMismatch(error, path, current, migration);
      }
      // Each migration's pages go into the file at once: left in the WAL, a new database's
      // migrations take 650 KB there beside a 360 KB file, and a small disk fills up.
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }
}

/**
 * Refuses a database newer than this program or made by another program, by reading
 * alone: nothing in the file changes. Returns its schema version.
 */
export function refuseUnknownDatabase(db: Db, path: string, migrations: Migration[]): number {
  const newest = migrations.at(-1)?.version ?? 0;
  const current = Number(db.pragma('user_version', { simple: true }));
  refuseNewerSchema(path, current, migrations);
  if (current === 0 && current !== newest && userTables(db) > 0 && !hasMigrationTable(db)) {
    throw new ConflictError(messages.foreignSqlite(path), messages.foreignSqliteHint);
  }
  return current;
}

/** Refuses a schema version this program does not know, on either engine; `address` is shown as given. */
export function refuseNewerSchema(address: string, current: number, migrations: Migration[]): void {
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) throw new ConflictError(messages.dbNewer(address, current, newest), messages.dbNewerHint);
}

function hasMigrationTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
}

/** Rows of these tables ship with every database (the default tags), so they are not a person's data. */
const SEEDED_TABLES: readonly string[] = ['tags', 'settings', 'schema_migrations'];
/** Tables a migration seeds with some rows: only the rows this says are a person's count. */
const SEEDED_ROWS: Readonly<Record<string, string>> = { assessment_questions: 'built_in = 0' };

/** Whether the database holds anything a person put there. */
export function hasUserData(db: Db): boolean {
  const tables = db
    .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as Array<{ name: string }>;
  return tables
    .filter((t) => !SEEDED_TABLES.includes(t.name))
    .some((t) => {
      const own = SEEDED_ROWS[t.name];
      return db.prepare(`SELECT 1 FROM "${t.name.replaceAll('"', '""')}"${own ? ` WHERE ${own}` : ''} LIMIT 1`).get() !== undefined;
    });
}

/**
 * Copies the database beside itself (PATH.backup-vN-YYYYMMDDTHHMMSSZ, owner-only) before
 * its schema changes, so an upgrade can always be undone. VACUUM INTO writes a
 * consistent copy even while another svc is writing.
 */
function backupBeforeMigration(db: Db, path: string, version: number, pause: Pause): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  for (let n = 0; ; n++) {
    const target = `${path}.backup-v${version}-${stamp}${n ? `-${n}` : ''}`;
    if (existsSync(target)) continue;
    // Written under a temporary name and linked into place whole: a kill midway never
    // leaves a half-written backup under the name the damaged-database hint points at.
    const file = pendingFile(target, { exclusive: true });
    try {
      db.prepare('VACUUM INTO ?').run(file.temp);
      pause('backup');
      file.commit();
      return target;
    } catch (error) {
      file.discard();
      if (error instanceof ConflictError) continue; // the name was taken meanwhile
      throw fileError(error, target);
    }
  }
}
