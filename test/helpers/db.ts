import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import { defaultMigrationsDir, listMigrations } from '../../src/store/migrate.ts';
import { openPostgresStore } from '../../src/store/postgres/store.ts';
import { freshMigratedPostgres, testEngine } from './engine.ts';

/** A fresh directory under the system temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'svc-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A new database with the real migrations applied, on the engine the suite runs on
 * (engine.ts), and a temp dir of its own for files beside it.
 */
export function tempStore(): SqliteStore & { dir: string; dispose: () => void } {
  const { dir, cleanup } = tempDir();
  const database = testEngine === 'postgres' ? freshMigratedPostgres() : undefined;
  const store = database ? openPostgresStore(database.url) : openSqliteStore(join(dir, 'svc.db'));
  return Object.assign(store, {
    dir,
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
