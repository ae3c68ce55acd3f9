import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import { defaultMigrationsDir, listMigrations } from '../../src/store/migrate.ts';
import { isPostgres } from '../../src/store/db.ts';
import { defaultPostgresMigrationsDir } from '../../src/store/postgres/migrate.ts';
import { openPostgresStore } from '../../src/store/postgres/store.ts';
import { isPostgresAddress } from '../../src/store/address.ts';
import { freshMigratedPostgres, freshPostgresDatabase, testEngine } from './engine.ts';

/** A fresh directory under the system temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'svc-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A new database with the real migrations applied, on the engine the suite runs on
 * (engine.ts), and a temp dir of its own for files beside it.
 */
export function tempStore(): SqliteStore & { dir: string; dispose: () => void; connectAgain: () => SqliteStore } {
  const { dir, cleanup } = tempDir();
  const database = testEngine === 'postgres' ? freshMigratedPostgres() : undefined;
  const open = () => (database ? openPostgresStore(database.url) : openSqliteStore(join(dir, 'svc.db')));
  const store = open();
  return Object.assign(store, {
    dir,
    /** A second connection to the same database, as another svc has (the caller closes it). */
    connectAgain: open,
    dispose: () => {
      store.close();
      database?.drop();
      cleanup();
    },
  });
}

/** A fixed clock for tests: 2026-03-18 (a Wednesday), mid-morning. */
export const NOW = new Date('2026-03-18T10:00:00');
export const NOW_ISO = NOW.toISOString();

/**
 * Turns a database of the current schema back into one of an older version, as an
 * older svc left it: the tables and columns later migrations added are dropped, and
 * the version is set back. Data in the older tables stays, so an upgrade can be tested
 * on real rows.
 */
export function rewindSchema(db: BetterSqlite3.Database, version: number): void {
  if (isPostgres(db)) return rewindPostgresSchema(db, version);
  const older = new BetterSqlite3(':memory:');
  try {
    for (const migration of listMigrations(defaultMigrationsDir()).filter((m) => m.version <= version)) {
      older.exec(readFileSync(migration.file, 'utf8'));
    }
    const tables = (d: BetterSqlite3.Database) =>
      (d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((r) => r.name);
    const columns = (d: BetterSqlite3.Database, table: string) => (d.pragma(`table_info("${table}")`) as Array<{ name: string }>).map((c) => c.name);
    const keep = new Set([...tables(older), 'schema_migrations']);
    db.pragma('foreign_keys = OFF');
    // Triggers, indexes and views later migrations added go first: a trigger may name a table that goes.
    const objects = (d: BetterSqlite3.Database) =>
      d.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index', 'view') AND sql IS NOT NULL").all() as Array<{ type: string; name: string }>;
    const olderObjects = new Set(objects(older).map((o) => `${o.type}:${o.name}`));
    for (const o of objects(db)) if (!olderObjects.has(`${o.type}:${o.name}`)) db.exec(`DROP ${o.type.toUpperCase()} IF EXISTS "${o.name}"`);
    for (const table of tables(db)) {
      if (!keep.has(table)) {
        // A virtual table's shadow tables go with it.
        if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(table)) db.exec(`DROP TABLE "${table}"`);
        continue;
      }
      if (table === 'schema_migrations') continue;
      const wanted = columns(older, table);
      const have = columns(db, table);
      if (have.every((column) => wanted.includes(column))) continue;
      try {
        for (const column of have) if (!wanted.includes(column)) db.exec(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
        continue;
      } catch {
        // A column in a UNIQUE key a later migration made (DROP COLUMN cannot undo that):
        // the table is rebuilt as it was, with the rows' common columns.
      }
      const older_ = older.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string };
      const left = columns(db, table);
      const common = wanted.filter((column) => left.includes(column)).map((column) => `"${column}"`).join(', ');
      db.exec(older_.sql.replace(/^CREATE TABLE "?[\w]+"?/u, `CREATE TABLE "${table}_rewound"`));
      db.exec(`INSERT INTO "${table}_rewound" (${common}) SELECT ${common} FROM "${table}"`);
      db.exec(`DROP TABLE "${table}"`);
      db.exec(`ALTER TABLE "${table}_rewound" RENAME TO "${table}"`);
      const indexes = older.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as Array<{ sql: string }>;
      for (const index of indexes) db.exec(index.sql);
    }
    db.prepare('DELETE FROM schema_migrations WHERE version > ?').run(version);
    db.pragma(`user_version = ${version}`);
    db.pragma('foreign_keys = ON');
  } finally {
    older.close();
  }
}

/**
 * The store of a sandbox's database (`svc.db`: a file, or a postgres:// address when the
 * suite runs on PostgreSQL), opened as svc opens it, for tests that seed it directly.
 */
export function openSandboxStore(db: string): SqliteStore {
  return isPostgresAddress(db) ? openPostgresStore(db) : openSqliteStore(db);
}

/**
 * What a sandbox's snapshot() is when no command wrote to it: no file at all on SQLite;
 * on PostgreSQL the database the sandbox made before any command, as it was (`before`).
 */
export function untouchedSnapshot(before: string): string {
  return testEngine === 'sqlite' ? 'absent' : before;
}

/** A catalogue of the schema a connection sees: what rewindPostgresSchema compares. */
function postgresCatalogue(query: (text: string) => Array<Record<string, unknown>>) {
  const rows = (text: string) => query(text).map((row) => Object.values(row).map(String));
  return {
    tables: new Set(rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").map(([t]) => t)),
    columns: new Set(rows('SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()').map(([t, c]) => `${t}.${c}`)),
    triggers: new Map(rows("SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace").map(([n, t]) => [n, t])),
    functions: new Set(rows("SELECT p.proname FROM pg_proc p LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e' WHERE p.pronamespace = current_schema()::regnamespace AND d.objid IS NULL").map(([n]) => n)),
    constraints: new Map(
      rows("SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE k.connamespace = current_schema()::regnamespace").map(([t, n, d]) => [`${t}.${n}`, d]),
    ),
    // Indexes of their own, not those a key or a UNIQUE constraint keeps.
    indexes: new Map(
      rows(
        'SELECT i.indexname, i.tablename, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)',
      ).map(([n, t, d]) => [n, { table: t, definition: d }]),
    ),
  };
}

/**
 * rewindSchema on PostgreSQL: the same comparison with a database migrated only up to the
 * version, through PostgreSQL's catalogue. What a later migration added goes (triggers,
 * functions, tables, columns, keys and indexes); what it dropped or replaced comes back.
 */
function rewindPostgresSchema(db: BetterSqlite3.Database, version: number): void {
  const dir = tempDir('svc-rewind-');
  const scratch = freshPostgresDatabase();
  try {
    for (const migration of listMigrations(defaultPostgresMigrationsDir()).filter((m) => m.version <= version)) {
      copyFileSync(migration.file, join(dir.dir, basename(migration.file)));
    }
    const olderStore = openPostgresStore(scratch.url, { migrationsDir: dir.dir });
    const older = postgresCatalogue((text) => olderStore.db.prepare(text).all() as Array<Record<string, unknown>>);
    olderStore.close();
    const now = postgresCatalogue((text) => db.prepare(text).all() as Array<Record<string, unknown>>);
    const run = (text: string) => db.exec(text);
    for (const [name, table] of now.triggers) if (older.triggers.get(name) !== table && now.tables.has(table)) run(`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`);
    for (const table of now.tables) if (!older.tables.has(table) && table !== 'schema_migrations') run(`DROP TABLE IF EXISTS "${table}" CASCADE`);
    for (const column of now.columns) {
      const [table, name] = column.split('.');
      if (older.tables.has(table ?? '') && !older.columns.has(column)) run(`ALTER TABLE "${table}" DROP COLUMN IF EXISTS "${name}" CASCADE`);
    }
    for (const name of now.functions) if (!older.functions.has(name)) run(`DROP FUNCTION IF EXISTS "${name}" CASCADE`);
    const left = postgresCatalogue((text) => db.prepare(text).all() as Array<Record<string, unknown>>);
    for (const [key, definition] of left.constraints) {
      const [table, name] = key.split('.');
      if (older.constraints.get(key) !== definition) run(`ALTER TABLE "${table}" DROP CONSTRAINT IF EXISTS "${name}"`);
    }
    for (const [key, definition] of older.constraints) {
      const [table, name] = key.split('.');
      if (left.constraints.get(key) !== definition) run(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" ${definition}`);
    }
    for (const [name, index] of left.indexes) if (older.indexes.get(name)?.definition !== index.definition) run(`DROP INDEX IF EXISTS "${name}"`);
    for (const [name, index] of older.indexes) if (left.indexes.get(name)?.definition !== index.definition) run(index.definition ?? '');
    db.prepare('DELETE FROM schema_migrations WHERE version > ?').run(version);
  } finally {
    scratch.drop();
    dir.cleanup();
  }
}
