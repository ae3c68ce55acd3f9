import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, expectRefused } from '../helpers/cli.ts';
import { itOnSqlite } from '../helpers/engine.ts';
import { inProcessSandbox, runInProcess, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
beforeEach(async () => {
  svc = inProcessSandbox();
  expect((await svc.run(['story', 'add', 'Ana called the customer back', '--staff', 'Ana'])).code).toBe(0);
});
afterEach(() => svc.cleanup());

describe('bad input is refused clearly and changes nothing', () => {
  it.each([
    ['empty text', ['story', 'add', '', '--staff', 'Bo'], 2, /empty/],
    ['whitespace-only text', ['story', 'add', '   ', '--staff', 'Bo'], 2, /empty/],
    ['text over 20,000 characters', ['story', 'add', 'x'.repeat(20_001)], 2, /20001 characters long; the limit is 20000/],
    ['an unparseable --when', ['story', 'add', 'ok', '--when', 'the other day'], 2, /--when "the other day" is not a date/],
    ['a date in the future', ['story', 'add', 'ok', '--when', '2026-03-19'], 2, /in the future/],
    ['an unknown channel', ['story', 'add', 'ok', '--channel', 'fax'], 2, /--channel "fax" is not one of/],
    ['an unknown source', ['story', 'add', 'ok', '--source', 'rumour'], 2, /--source "rumour" is not one of/],
    ['an unknown trigger', ['story', 'add', 'ok', '--trigger', 'luck'], 2, /--trigger "luck" is not one of/],
    ['--internal with --external', ['story', 'add', 'ok', '--internal', '--external'], 2, /cannot both be given/],
    ['story show 99999', ['story', 'show', '99999'], 3, /story #99999 does not exist/],
    ['a non-numeric id', ['story', 'show', 'abc'], 2, /"abc" is not a story id/],
    ['story edit of a missing story', ['story', 'edit', '424242', '--staff', 'Bo'], 3, /does not exist/],
    ['story edit with nothing to change, no terminal', ['story', 'edit', '1'], 2, /no changes given/],
    ['story edit with empty text', ['story', 'edit', '1', '--text', ' '], 2, /empty/],
    ['story rm without --yes and no terminal', ['story', 'rm', '1'], 2, /needs confirmation/],
    ['story rm of a missing story', ['story', 'rm', '77', '--yes'], 3, /does not exist/],
    ['a bad --since', ['stories', '--since', 'someday'], 2, /--since "someday"/],
    ['a bad --limit', ['stories', '--limit', 'lots'], 2, /--limit "lots" is not a whole number/],
    ['a search with no words', ['search', '!!!'], 2, /no words/],
    ['an unknown option', ['story', 'add', 'ok', '--colour', 'red'], 2, /unknown option '--colour'/],
    // commander's suggestion joins svc's one line.
    ['a mistyped option', ['story', 'add', 'ok', '--staf', 'Ana'], 2, /^svc: unknown option '--staf' \(did you mean --staff\?\)$/],
    ['a mistyped subcommand', ['story', 'ad', 'ok'], 2, /^svc: unknown command 'ad' \(did you mean add\?\)$/],
    // Saved as is, it would credit nobody.
    ['a --staff that names nobody', ['story', 'add', 'Ana rang back', '--staff', ' , '], 2, /^svc: option '-s, --staff <names>' argument ' , ' is invalid: it names nothing/],
  ])('%s', async (_name, args, code, message) => {
    await expectRefused(svc, args, code, message);
  });

  it('shows the stack only with SVC_DEBUG=1', async () => {
    const result = await svc.run(['story', 'show', '99999'], { env: { SVC_DEBUG: '1' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe('database problems', () => {
  it('refuses a --db in a missing directory and creates nothing', async () => {
    const db = join(svc.dir, 'no', 'such', 'dir', 'svc.db');
    const result = await runInProcess(['--db', db, 'stories'], svc.db);
    expect(result.code).toBe(2);
    expectCleanError(result.stderr, /directory .*no\/such\/dir does not exist/);
    expect((await svc.run(['--db', db, 'db', 'path'])).stdout.trim()).toBe(db);
  });

  it('refuses a --db in a directory that cannot be written', async () => {
    const result = await runInProcess(['--db', '/proc/svc-test.db', 'init'], svc.db);
    expect(result.code).toBe(2);
    expectCleanError(result.stderr, /cannot write the database at \/proc\/svc-test\.db/);
  });

  it('refuses a file that is not a SQLite database, leaving it as it was', async () => {
    const notes = join(svc.dir, 'notes.db');
    writeFileSync(notes, 'shopping list: milk, eggs\n'.repeat(100));
    const result = await runInProcess(['--db', notes, 'story', 'add', 'hello'], svc.db);
    expect(result.code).toBe(2);
    expectCleanError(result.stderr, /not an svc database/);
    expect(readFileSync(notes, 'utf8').startsWith('shopping list')).toBe(true);
  });

  // On PostgreSQL: test/unit/postgres-migrate.test.ts refuses a newer schema with the same message, changing nothing.
  itOnSqlite('compares the bytes of the database file')('refuses (exit 4) a database created by a newer svc, byte for byte untouched', async () => {
    const raw = new Database(svc.db);
    raw.pragma('user_version = 999');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = readFileSync(svc.db);
    const result = await svc.run(['story', 'add', 'hello', '--staff', 'Ana']);
    expect(result.code).toBe(4);
    expectCleanError(result.stderr, /written by a newer svc \(schema 999; this svc knows up to \d+\); it was not touched/);
    expect(readFileSync(svc.db).equals(before)).toBe(true);
  });

  it('says that a directory is not a database file', async () => {
    const dir = join(svc.dir, 'adir');
    mkdirSync(dir);
    const result = await runInProcess(['--db', dir, 'stories'], svc.db);
    expect(result.code).toBe(2);
    expectCleanError(result.stderr, /is a directory/);
  });

  it('--help and --version work even when SVC_DB cannot be opened', async () => {
    const locked = join(svc.dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    for (const args of [['--help'], ['--version'], ['story', 'add', '--help']]) {
      const result = await runInProcess(args, join(locked, 'x', 'svc.db'));
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    }
    chmodSync(locked, 0o700);
  });
});
