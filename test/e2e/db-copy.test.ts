import { chmodSync, existsSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { shownAddress } from '../../src/store/address.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { isPostgresAddress } from '../../src/store/address.ts';
import { BIN, baseEnv, expectCleanError, queryDb, runSvc, sandbox, snapshotDb, type SvcSandbox } from '../helpers/cli.ts';
import { openSandboxStore } from '../helpers/db.ts';
import { itOnSqlite, testEngine } from '../helpers/engine.ts';
import { describeOnPostgres, freshPostgresDatabase } from '../helpers/postgres.ts';
import { seedEverything } from '../helpers/seed.ts';

const sandboxes: SvcSandbox[] = [];
const databases: Array<{ drop: () => void }> = [];
function person(): SvcSandbox {
  const svc = sandbox();
  sandboxes.push(svc);
  return svc;
}
afterEach(() => {
  for (const svc of sandboxes.splice(0)) svc.cleanup();
  for (const database of databases.splice(0)) database.drop();
});

/** A new, empty PostgreSQL database (svc migrates it), dropped after the test. */
function emptyPostgres(): string {
  const database = freshPostgresDatabase();
  databases.push(database);
  return database.url;
}

/** A database with a row in every table, a story added by hand and the newest one deleted (so its number must not come back). */
function seeded(svc: SvcSandbox, prefix = 'a'): void {
  const store = openSandboxStore(svc.db);
  try {
    seedEverything(store.db, prefix);
    // What an export leaves out, a copy carries: the phrase index, the encoder's vectors (bytes), the files svc wrote.
    const first = (store.db.prepare('SELECT min(id) AS id FROM stories').get() as { id: number }).id;
    store.db.prepare("INSERT INTO story_phrases (story_id, kind, key, detail, span_start, span_end, occurred_on, qualifiers) VALUES (?, 'practice', 'call back', 'customer', 4, 13, '2026-02-21', 'timing')").run(first);
    store.db.prepare('INSERT INTO story_phrase_index (story_id, version) VALUES (?, 7)').run(first);
    store.db.prepare('INSERT INTO story_vectors (story_id, version, vector) VALUES (?, 1, ?)').run(first, Buffer.from(new Float32Array([0.25, -1.5, 3]).buffer));
    store.db.prepare("INSERT INTO written_files (kind, path, contacts, written_at) VALUES ('export', '/home/ana/team.jsonl', 1, '2026-03-01T09:00:00.000Z')").run();
  } finally {
    store.close();
  }
  expect(svc.run(['story', 'add', 'Cy rang the customer back the next morning #call-back', '--staff', 'Cy', '--customer', 'Dee']).code).toBe(0);
  const added = svc.json<{ id: number }>(['story', 'add', 'Dee explained the bill in plain words', '--staff', 'Dee']);
  expect(svc.run(['story', 'rm', String(added.id), '--yes']).code).toBe(0);
}

/** Every table's rows (but the full-text index and the migration record), read directly from either engine. */
function contentOf(address: string): Record<string, unknown[]> {
  const store = openSandboxStore(address);
  try {
    const tables = (
      store.db.prepare(
        isPostgresAddress(address)
          ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
          : "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
      ).all() as Array<{ name: string }>
    )
      .map((t) => t.name)
      .filter((name) => !name.startsWith('stories_fts') && !['schema_migrations', 'forget_pending'].includes(name));
    const content: Record<string, unknown[]> = {};
    for (const name of tables) {
      const width = (store.db.prepare(`SELECT * FROM "${name}" LIMIT 1`).get() as object | undefined) ?? {};
      const order = Object.keys(width).map((_, i) => String(i + 1)).join(', ') || '1';
      // Bytes as hex: SQLite's driver hands a BLOB over as a Buffer, PostgreSQL's (from its worker thread) as a Uint8Array.
      const rows = store.db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).all() as Array<Record<string, unknown>>;
      content[name] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value])));
    }
    return content;
  } finally {
    store.close();
  }
}

interface CopyJson {
  from: string;
  to: string;
  merged: boolean;
  tables: Array<{ table: string; rows: number }>;
  total: number;
}

const copy = (svc: SvcSandbox, to: string, ...flags: string[]) => svc.run(['db', 'copy', '--to', to, ...flags]);
const copyFrom = (from: string, to: string, ...flags: string[]) => runSvc(['db', 'copy', '--to', to, ...flags], from);

describeOnPostgres('svc db copy between a file and PostgreSQL', () => {
  it(`copies ${testEngine === 'sqlite' ? 'SQLite → PostgreSQL → SQLite' : 'PostgreSQL → SQLite → PostgreSQL'} with every table's rows, ids and uuids equal, and the numbering where it stood`, () => {
    const svc = person();
    seeded(svc);
    const other = testEngine === 'sqlite' ? emptyPostgres() : join(svc.dir, 'copy.db');
    const back = testEngine === 'sqlite' ? join(svc.dir, 'back.db') : emptyPostgres();

    const there = copy(svc, other, '--json');
    expect(there.stderr).toMatch(/^Copied 3 stories and \d+ other records to .*; every table's count checked\.\n$/);
    expect(there.code).toBe(0);
    const report = JSON.parse(there.stdout) as CopyJson;
    expect(report).toMatchObject({ from: shownAddress(svc.db), merged: false });
    expect(report.tables.find((t) => t.table === 'stories')).toEqual({ table: 'stories', rows: 3 });
    expect(report.total).toBe(report.tables.reduce((sum, t) => sum + t.rows, 0));
    const original = contentOf(svc.db);
    expect(Object.keys(original).length).toBeGreaterThan(30);
    expect(original.stories).toHaveLength(3);
    expect(contentOf(other)).toEqual(original);

    expect(copyFrom(other, back).code).toBe(0);
    // The server's planner knows what came in (ANALYZE after the load): a table never analyzed counts -1 rows.
    const onServer = testEngine === 'sqlite' ? other : back;
    expect(queryDb(onServer, "SELECT reltuples AS rows FROM pg_class WHERE relname = 'stories' AND relnamespace = current_schema()::regnamespace")).toEqual([{ rows: 3 }]);
    const middle = contentOf(other);
    expect(contentOf(back)).toEqual(middle);
    // The hop into a file is recorded where it came from, before the copy: a customer forget there names the file.
    const file = testEngine === 'sqlite' ? back : other;
    expect([...(original.written_files ?? []), ...(middle.written_files ?? [])]).toContainEqual(expect.objectContaining({ kind: 'backup', path: file, contacts: 1 }));
    const withoutRecord = (content: Record<string, unknown[]>) => ({ ...content, written_files: content.written_files?.filter((row) => (row as { path: string }).path !== file) });
    expect(withoutRecord(middle)).toEqual(withoutRecord(original));
    // The deleted newest story's number is given to nobody, in the copies as in the original.
    const next = (address: string) => (JSON.parse(runSvc(['story', 'add', 'Eve stayed on the line until it worked', '--staff', 'Eve', '--json'], address).stdout) as { id: number }).id;
    const expected = next(svc.db);
    expect(expected).toBe(5);
    expect(next(other)).toBe(expected);
    expect(next(back)).toBe(expected);
    // Found by search in the copy: the full-text index was built as the rows came in.
    expect((JSON.parse(runSvc(['search', 'Finance', '--json'], back).stdout) as unknown[]).length).toBe(1);
  });
});

describe('svc db copy --merge', () => {
  it('merges into a database that holds data only with --merge: nothing there is lost, and a second merge adds nothing', () => {
    const ana = person();
    const bo = person();
    seeded(ana, 'a');
    const target = bo.db;
    expect(runSvc(['story', 'add', 'Bo lent the customer a laptop in the meantime', '--staff', 'Bo'], target).code).toBe(0);
    const before = snapshotDb(target);
    const refused = copy(ana, target);
    expect(refused.code).toBe(4);
    expect(refused.stdout).toBe('');
    expectCleanError(refused.stderr, /already holds svc data \(in people\); a copy never replaces it/);
    expect(snapshotDb(target)).toBe(before);

    const merged = copy(ana, target, '--merge', '--json');
    expect(merged.code).toBe(0);
    const result = JSON.parse(merged.stdout) as { merged: boolean; tables: Array<{ table: string; added: number }>; totals: { added: number } };
    expect(result.merged).toBe(true);
    expect(result.tables.find((t) => t.table === 'stories')).toMatchObject({ added: 3 });
    const texts = (address: string) => (JSON.parse(runSvc(['stories', '--limit', '0', '--json'], address).stdout) as Array<{ text: string }>).map((s) => s.text).sort();
    expect(texts(target)).toEqual([...texts(ana.db), 'Bo lent the customer a laptop in the meantime'].sort());
    const again = JSON.parse(copy(ana, target, '--merge', '--json').stdout) as { totals: { added: number; updated: number } };
    expect(again.totals).toMatchObject({ added: 0, updated: 0 });
  });
});

describe('svc db copy refuses, and changes neither side', () => {
  /** The command's exit code and one clean error; source and target as they were. */
  function expectRefusedCopy(svc: SvcSandbox, to: string, code: number, message: RegExp, flags: string[] = []): void {
    const before = [svc.snapshot(), snapshotDb(to)];
    const result = copy(svc, to, ...flags);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, message);
    expect([svc.snapshot(), snapshotDb(to)]).toEqual(before);
  }

  it('a target that holds svc data (exit 4)', () => {
    const svc = person();
    seeded(svc);
    const other = person();
    seeded(other, 'b');
    expectRefusedCopy(svc, other.db, 4, /already holds svc data \(in people\); a copy never replaces it/);
  });

  it('the database itself, under another address too (exit 2)', () => {
    const svc = person();
    seeded(svc);
    expectRefusedCopy(svc, svc.db, 2, /is the database being copied: a copy needs another one/);
    if (isPostgresAddress(svc.db)) {
      expectRefusedCopy(svc, svc.db.replace('@127.0.0.1/', '@localhost/'), 2, /is the database being copied/);
    } else {
      const link = join(svc.dir, 'link.db');
      symlinkSync(svc.db, link);
      expectRefusedCopy(svc, link, 2, /is the database being copied/);
    }
  });

  it('a target of a newer schema than this svc (exit 4)', () => {
    const svc = person();
    seeded(svc);
    const other = person();
    const store = openSandboxStore(other.db);
    try {
      store.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'extra', '2026-03-18T10:00:00.000Z')").run();
      if (!isPostgresAddress(other.db)) store.db.pragma('user_version = 999');
    } finally {
      store.close();
    }
    expectRefusedCopy(svc, other.db, 4, /newer/);
  });

  it('a server that does not answer (exit 1), its password never shown', () => {
    const svc = person();
    seeded(svc);
    const before = svc.snapshot();
    const result = copy(svc, 'postgres://svc:s3cret@127.0.0.1:1/team');
    expect(result.code).toBe(1);
    expectCleanError(result.stderr, /^svc: cannot reach PostgreSQL at postgres:\/\/svc:\*\*\*@127\.0\.0\.1:1\/team/);
    expect(result.stderr).not.toContain('s3cret');
    expect(svc.snapshot()).toBe(before);
  });

  it('a new file in a folder that does not exist (exit 2), and a source that does not exist (exit 3): no file made', () => {
    const svc = person();
    seeded(svc);
    expectRefusedCopy(svc, join(svc.dir, 'missing', 'copy.db'), 2, /the directory .*missing does not exist/);
    const target = join(svc.dir, 'copy.db');
    const missing = runSvc(['db', 'copy', '--to', target], join(svc.dir, 'nobody.db'));
    expect(missing.code).toBe(3);
    expectCleanError(missing.stderr, /there is no svc database at .*nobody\.db/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(svc.dir).filter((name) => name.includes('copy.db'))).toEqual([]);
  });

  it('without --to, with the usage and examples in --help', () => {
    const svc = person();
    const result = svc.run(['db', 'copy']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--to <address>/);
    const help = svc.run(['db', 'copy', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n(\s+\$ .*svc db copy --to .*\n){3}/);
  });
});

describe('svc backup', () => {
  it('writes a whole SQLite database any svc opens: checked, and copied back with the same content', () => {
    const svc = person();
    seeded(svc);
    const file = join(svc.dir, 'backup.db');
    const result = svc.run(['backup', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Backed up 3 stories to .*backup\.db/);
    const check = runSvc(['db', 'check', '--json'], file);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true });
    expect(contentOf(file)).toEqual(contentOf(svc.db));
  });
});

describe('a copy or backup forgetting a customer in itself', () => {
  // A copy carries the record of its own writing (written_files travels, so the copy knows
  // the other copies): "delete it" would have its user delete the very database they use.
  it('lists every other copy svc made, never the database in use', () => {
    const svc = person();
    expect(svc.run(['story', 'add', 'Ana rang Maria Zyx back', '--staff', 'Ana', '--customer', 'Maria Zyx']).code).toBe(0);
    const exported = join(svc.dir, 'team.jsonl');
    expect(svc.run(['export', '--out', exported]).code).toBe(0);
    const copy = join(svc.dir, 'team-copy.db');
    const backup = join(svc.dir, 'team-backup.db');
    expect(svc.run(['db', 'copy', '--to', copy]).code).toBe(0);
    expect(svc.run(['backup', backup]).code).toBe(0);
    const link = join(svc.dir, 'link.db');
    symlinkSync(copy, link);

    for (const [file, other] of [[copy, backup], [link, backup], [backup, copy]] as const) {
      const before = snapshotDb(file);
      const dry = runSvc(['customer', 'forget', 'Maria Zyx', '--dry-run', '--json'], file);
      expect(dry.code, dry.stderr).toBe(0);
      const paths = (JSON.parse(dry.stdout) as { copies: Array<{ path: string }> }).copies.map((c) => c.path);
      expect(paths).toContain(exported);
      // The backup is made after the copy: only the backup knows of the copy.
      if (file === backup) expect(paths).toContain(other);
      expect(paths).not.toContain(file);
      expect(paths).not.toContain(copy === file || link === file ? copy : backup);
      expect(dry.stderr).not.toContain(` ${file} (`);
      expect(snapshotDb(file)).toBe(before);
    }
    const forget = runSvc(['customer', 'forget', 'Maria Zyx', '--yes', '--json'], copy);
    expect(forget.code, forget.stderr).toBe(0);
    expect((JSON.parse(forget.stdout) as { copies: Array<{ path: string }> }).copies.map((c) => c.path)).toEqual([exported]);
    expect(forget.stderr).toContain(`delete it or export again:\n  export ${exported} (`);
    expect(forget.stderr).not.toContain(copy);
  });
});

describe('an existing empty file that becomes a database', () => {
  /** An empty file as `: > FILE` leaves it under a usual umask: readable by everyone. */
  function emptyFile(path: string): string {
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    return path;
  }
  const modes = (path: string) => [path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file)).map((file) => [file, statSync(file).mode & 0o777]);

  it('is made readable by its owner only, its -wal and -shm too, by db copy --to and by init', () => {
    const svc = person();
    expect(svc.run(['story', 'add', 'Ana rang Maria Zyx back', '--staff', 'Ana', '--customer', 'Maria Zyx']).code).toBe(0);
    const target = emptyFile(join(svc.dir, 'empty.db'));
    const copy = svc.run(['db', 'copy', '--to', target]);
    expect(copy.code, copy.stderr).toBe(0);
    expect(modes(target)).toEqual(modes(target).map(([file]) => [file, 0o600]));
    expect(queryDb(target, 'SELECT count(*) AS n FROM customers')).toEqual([{ n: 1 }]);

    const touched = emptyFile(join(svc.dir, 't2.db'));
    const init = runSvc(['init'], touched);
    expect(init.code, init.stderr).toBe(0);
    expect(statSync(touched).mode & 0o777).toBe(0o600);
    expect(modes(touched)).toEqual(modes(touched).map(([file]) => [file, 0o600]));
  });

  it('keeps the permissions of a database that holds data: sharing one with a group is its owner\'s choice', () => {
    const svc = person();
    const own = join(svc.dir, 'shared.db');
    expect(runSvc(['init'], own).code).toBe(0);
    chmodSync(own, 0o640);
    expect(runSvc(['story', 'add', 'Bo wrapped the gift', '--staff', 'Bo'], own).code).toBe(0);
    expect(statSync(own).mode & 0o777).toBe(0o640);
  });
});

describe('svc db copy --to FILE interrupted', () => {
  // A partial copy holds every customer's contact details: it must not wait beside the
  // target for the next svc that happens to open a database in that folder.
  itOnSqlite('a large database is filled here through SQLite in a moment; the copy loop is the same from a server')(
    'removes the partial file on Ctrl-C and on a kill, before svc ends by that signal',
    async () => {
      const svc = person();
      const store = openSandboxStore(svc.db);
      try {
        store.db.prepare(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
           INSERT INTO stories (uuid, text, occurred_on, created_at, updated_at)
           SELECT 'story-' || i, 'Ana rang Maria Zyx back at +44 20 7946 0958 the next morning, story ' || i || ' ' || hex(randomblob(150)), '2026-03-01', '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z' FROM n`,
        ).run();
      } finally {
        store.close();
      }
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        const target = join(svc.dir, `copy-${signal}.db`);
        const child = spawn(process.execPath, [BIN, 'db', 'copy', '--to', target], { env: baseEnv(svc.db), stdio: ['ignore', 'ignore', 'pipe'] });
        const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, by) => resolve({ code, signal: by })));
        const partial = () => readdirSync(svc.dir).filter((name) => name.startsWith(`.copy-${signal}.db.partial-`));
        // Stopped once rows are going into the partial file (its log grows), well before the copy ends.
        const growing = () => partial().some((name) => name.endsWith('-wal') && statSync(join(svc.dir, name)).size > 1_000_000);
        for (let i = 0; i < 600 && !growing(); i++) await new Promise((r) => setTimeout(r, 10));
        expect(growing(), signal).toBe(true);
        child.kill(signal);
        expect(await ended).toEqual({ code: null, signal });
        expect(partial(), signal).toEqual([]);
        expect(existsSync(target), signal).toBe(false);
      }
    },
    60_000,
  );
});
