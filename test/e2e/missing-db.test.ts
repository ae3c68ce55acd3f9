import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb } from '../helpers/cli.ts';
import { itOnSqlite, testEngine, urlWithDatabase } from '../helpers/engine.ts';
import { inProcessSandbox, runInProcess, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

// The commands that only read, each once.
const READS: Array<[string, string[]]> = [
  ['stories', ['stories']],
  ['practices', ['practices']],
  ['people', ['people']],
  ['tags', ['tags']],
  ['a report', ['report']],
  ['a search', ['search', 'called']],
  ['story show', ['story', 'show', '1']],
  ['a rename', ['people', 'rename', 'Ana', 'Anna']],
];

describe('a missing database', () => {
  // On a server, svc makes no database: one that does not exist is refused by every command alike.
  // Each engine's own way of a missing database: a server's database that does not exist (skipped on SQLite),
  // a file that is not there (skipped on PostgreSQL, where the sandbox's database always exists).
  it.skipIf(testEngine !== 'postgres').each(READS)('on PostgreSQL is refused by %s: exit 3 naming the address, the password hidden', async (_name, args) => {
    const missing = urlWithDatabase(svc.db, 'svc_no_such_database');
    const result = await runInProcess(args, missing);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, /^svc: there is no such database at postgres:\/\/[^:]+:\*\*\*@[^/]+\/svc_no_such_database$/);
  });

  it.skipIf(testEngine !== 'sqlite').each(READS)('is not created by %s: exit 3 naming the path and svc init', async (_name, args) => {
    const result = await svc.run(args);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, new RegExp(`^svc: there is no svc database at ${svc.db.replace(/[.]/g, '\\.')}$`));
    expect(result.stderr).toContain('hint: create it with: svc init');
    expect(existsSync(svc.db)).toBe(false);
  });

  itOnSqlite('a file that does not exist')('is not created by a mistyped --db or SVC_DB either', async () => {
    const typo = join(svc.dir, 'scv.db');
    expect((await runInProcess(['--db', typo, 'stories'], svc.db)).code).toBe(3);
    expect((await runInProcess(['stories'], typo)).code).toBe(3);
    expect(existsSync(typo)).toBe(false);
  });

  itOnSqlite('a file that does not exist')('is created by a command that saves, which says where, once', async () => {
    const first = await svc.run(['story', 'add', 'Ana called back', '--staff', 'Ana']);
    expect(first.code).toBe(0);
    expect(first.stderr.split('\n')[0]).toBe(`Created a new svc database at ${svc.db}`);
    const second = await svc.run(['story', 'add', 'Bo called back', '--staff', 'Bo']);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('Created');
  });

  itOnSqlite('a file that does not exist')('is created by svc init, which says so once', async () => {
    const result = await svc.run(['init']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(svc.db);
    expect(result.stderr.match(/Created/g)).toHaveLength(1);
    expect((await svc.run(['stories'])).code).toBe(0);
  });
});

describe('"-" is standard input', () => {
  it('as the text of story add', async () => {
    expect((await svc.run(['story', 'add', '-', '--staff', 'Jo'], { input: 'Jo rang the customer back\n' })).code).toBe(0);
    expect(queryDb(svc.db, 'SELECT text FROM stories')).toEqual([{ text: 'Jo rang the customer back' }]);
  });

  it('as the file of svc import', async () => {
    const other = inProcessSandbox();
    try {
      expect((await other.run(['story', 'add', 'Cy remembered her order', '--staff', 'Cy'])).code).toBe(0);
      const exported = await other.run(['export']);
      expect(exported.code).toBe(0);
      const imported = await svc.run(['import', '-'], { input: exported.stdout });
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stderr).toMatch(/Imported stdin: /);
      expect(queryDb(svc.db, 'SELECT text FROM stories')).toEqual([{ text: 'Cy remembered her order' }]);
    } finally {
      other.cleanup();
    }
  });

  it('as the file of svc stories import', async () => {
    const csv = 'What happened?,Who helped?\nDee explained the bill line by line,Dee\n';
    const result = await svc.run(['stories', 'import', '-', '--map', 'text=What happened?,staff=Who helped?'], { input: csv });
    expect(result.code, result.stderr).toBe(0);
    expect(queryDb(svc.db, 'SELECT text FROM stories')).toEqual([{ text: 'Dee explained the bill line by line' }]);
  });
});
