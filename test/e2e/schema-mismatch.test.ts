// A database whose recorded schema version does not match its tables (no released svc
// leaves one, but a copied-over file or a hand edit can): svc says so, as damage to
// restore from a backup, not as a bug of its own, and changes nothing.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { expectCleanError } from '../helpers/cli.ts';
import { tempDir } from '../helpers/db.ts';
import { runInProcess } from '../helpers/in-process.ts';

let temp: ReturnType<typeof tempDir>;
let db: string;

beforeEach(async () => {
  temp = tempDir();
  db = join(temp.dir, 'svc.db');
  expect((await runInProcess(['story', 'add', 'Ana rang the customer back', '--staff', 'Ana'], db)).code).toBe(0);
});
afterEach(() => temp.cleanup());

it('refuses a database that says it is older than its tables, naming the migration, and leaves it as it was', async () => {
  const raw = new Database(db);
  const version = Number(raw.pragma('user_version', { simple: true }));
  // The record says the newest migration was never applied; what it added (a column, a table) is there all the same.
  raw.prepare('DELETE FROM schema_migrations WHERE version = ?').run(version);
  raw.pragma(`user_version = ${version - 1}`);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  const before = readFileSync(db);
  const result = await runInProcess(['stories'], db);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expectCleanError(result.stderr, new RegExp(`says its schema is version ${version - 1}, but it is not: migration 00\\d\\d_\\w+ failed \\((?:duplicate column name: \\w+|table \\w+ already exists)\\); nothing was changed`));
  expect(result.stderr).toMatch(/hint: no released svc leaves a database like this: restore a backup/);
  // The migration's transaction rolled back: the file is byte for byte what it was.
  expect(readFileSync(db).equals(before)).toBe(true);
});
