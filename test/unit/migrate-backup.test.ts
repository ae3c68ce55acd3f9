import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFile, openStore } from '../../src/store/db.ts';
import { defaultMigrationsDir, listMigrations } from '../../src/store/migrate.ts';
import { draftStory } from '../../src/core/story.ts';
import { insertStory } from '../../src/store/stories.ts';
import { NOW, NOW_ISO, tempDir } from '../helpers/db.ts';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A migrations folder with the real migrations and one more, so there is something pending. */
function migrationsPlusOne(dir: string): { oldDir: string; newDir: string } {
  const oldDir = join(dir, 'old');
  const newDir = join(dir, 'new');
  mkdirSync(oldDir);
  mkdirSync(newDir);
  const real = listMigrations(defaultMigrationsDir());
  for (const m of real) {
    copyFileSync(m.file, join(oldDir, `${String(m.version).padStart(4, '0')}_${m.name}.sql`));
    copyFileSync(m.file, join(newDir, `${String(m.version).padStart(4, '0')}_${m.name}.sql`));
  }
  const next = (real.at(-1)?.version ?? 0) + 1;
  writeFileSync(join(newDir, `${String(next).padStart(4, '0')}_extra.sql`), 'CREATE TABLE extra_things (id INTEGER PRIMARY KEY);');
  return { oldDir, newDir };
}

/** A database at the older schema holding one story (and `damage` run on it, if given), with the migrations before and after. */
function databaseWithAStory(damage?: string): { dir: string; path: string; newDir: string } {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const { oldDir, newDir } = migrationsPlusOne(dir);
  const path = join(dir, 'svc.db');
  const before = openStore(path, { migrationsDir: oldDir });
  before.write(() => insertStory(before.db, draftStory({ text: 'Ana called back', staff: ['Ana'] }, NOW), NOW_ISO));
  if (damage) before.db.exec(damage);
  before.close();
  return { dir, path, newDir };
}

describe('backup before a migration', () => {
  it('copies a database that holds data beside it, owner-only, before changing its schema', () => {
    const { dir, path, newDir } = databaseWithAStory();

    const after = openStore(path, { migrationsDir: newDir });
    after.close();
    expect(after.migration.applied).toHaveLength(1);
    const backup = after.migration.backup;
    expect(backup).toMatch(/svc\.db\.backup-v\d+-\d{8}T\d{6}Z$/);
    expect(readdirSync(dir)).toContain(backup?.split('/').at(-1));
    expect(statSync(backup ?? '').mode & 0o777).toBe(0o600);
    const copy = openFile(backup ?? '', { readonly: true });
    expect(copy.prepare('SELECT text FROM stories').all()).toEqual([{ text: 'Ana called back' }]);
    expect(copy.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'extra_things'").get()).toBeUndefined();
    copy.close();
  });

  it('writes no backup for a new or empty database, nor when nothing is pending', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const { oldDir, newDir } = migrationsPlusOne(dir);
    const path = join(dir, 'svc.db');
    const fresh = openStore(path, { migrationsDir: oldDir });
    fresh.close();
    expect(fresh.migration.backup).toBeNull();
    const upgraded = openStore(path, { migrationsDir: newDir });
    upgraded.close();
    expect(upgraded.migration).toMatchObject({ backup: null, applied: [expect.stringMatching(/_extra$/)] });
    const again = openStore(path, { migrationsDir: newDir });
    again.close();
    expect(again.migration).toEqual({ applied: [], backup: null });
    expect(readdirSync(dir).filter((f) => f.includes('.backup-'))).toEqual([]);
  });

  it('leaves no backup behind when the migration fails before changing anything: each failed try would add a full copy', () => {
    // A damaged schema: the table the pending migration creates is there already.
    const { dir, path, newDir } = databaseWithAStory('CREATE TABLE extra_things (id INTEGER PRIMARY KEY)');
    for (let attempt = 0; attempt < 2; attempt++) expect(() => openStore(path, { migrationsDir: newDir })).toThrow(/already exists/u);
    expect(readdirSync(dir).filter((f) => f.includes('.backup-'))).toEqual([]);
    const still = openFile(path, { readonly: true });
    expect(still.prepare('SELECT text FROM stories').all()).toEqual([{ text: 'Ana called back' }]);
    still.close();
  });
});

