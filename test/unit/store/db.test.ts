import Database from 'better-sqlite3';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/core/errors.ts';
import { testSwitches } from '../../../src/cli/test-switches.ts';
import { openStore } from '../../../src/store/db.ts';
import { defaultMigrationsDir, listMigrations } from '../../../src/store/migrate.ts';
import { tempDir } from '../../helpers/db.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

describe('openStore', () => {
  it('creates an owner-only file in WAL mode with foreign keys, secure delete and a busy timeout', () => {
    const path = join(dir, 'svc.db');
    const store = openStore(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(Number(store.db.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    store.close();
  });

  it('waits as long for a lock as the SVC_TEST_BUSY_TIMEOUT_MS switch says, and only a number counts', () => {
    const path = join(dir, 'svc.db');
    const waits = (env: NodeJS.ProcessEnv) => {
      const store = openStore(path, testSwitches(env));
      try {
        return Number(store.db.pragma('busy_timeout', { simple: true }));
      } finally {
        store.close();
      }
    };
    expect(waits({ SVC_TEST_BUSY_TIMEOUT_MS: '250' })).toBe(250);
    expect(waits({ SVC_TEST_BUSY_TIMEOUT_MS: 'soon' })).toBe(10_000);
    expect(waits({})).toBe(10_000);
  });

  it('applies every migration once and records it', () => {
    const path = join(dir, 'svc.db');
    const first = openStore(path);
    const known = listMigrations(defaultMigrationsDir());
    expect(first.migration.applied).toHaveLength(known.length);
    const rows = first.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
    expect(rows.map((r) => r.version)).toEqual(known.map((m) => m.version));
    first.close();
    const again = openStore(path);
    expect(again.migration.applied).toEqual([]);
    again.close();
  });

  it('refuses a database written by a newer svc, and leaves its bytes alone', () => {
    const path = join(dir, 'svc.db');
    openStore(path).close();
    const raw = new Database(path);
    raw.pragma('user_version = 9999');
    raw.close();
    const before = readFileSync(path);
    expect(() => openStore(path)).toThrow(ConflictError);
    expect(() => openStore(path)).toThrow(/newer svc/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses another program\'s SQLite database', () => {
    const path = join(dir, 'other.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    raw.close();
    expect(() => openStore(path)).toThrow(/not one svc created/);
    const check = new Database(path);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'stories'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('refuses a file that is not SQLite', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'this is not a database, just some notes\n'.repeat(50));
    expect(() => openStore(path)).toThrow(/not an svc database/);
    expect(readFileSync(path, 'utf8').startsWith('this is not')).toBe(true);
  });

  it('refuses a path in a missing directory', () => {
    expect(() => openStore(join(dir, 'missing', 'svc.db'))).toThrow(/does not exist/);
  });
});
