import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPostgresAddress } from '../../src/store/address.ts';
import { openStore } from '../../src/store/db.ts';
import { openPostgresStore } from '../../src/store/postgres/store.ts';
import { BIN, baseEnv, newerSvcIn, runSvc, sandbox, type SvcSandbox } from '../helpers/cli.ts';
import { draftStory } from '../../src/core/story.ts';
import { insertStory } from '../../src/store/stories.ts';
import { NOW, NOW_ISO, tempDir } from '../helpers/db.ts';
import { itOnSqlite, testEngine } from '../helpers/engine.ts';
import { canChattr, canMount, immutable, mountTmpfs } from '../helpers/fs.ts';
import { seedEverything } from '../helpers/seed.ts';
import { Terminal } from '../helpers/terminal.ts';

let svc: SvcSandbox;
beforeEach(() => {
  svc = sandbox();
});
afterEach(() => svc.cleanup());

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** svc started in the background, to be killed or awaited. */
function start(args: string[], db: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(db, env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    exited,
    stderr: () => stderr,
    async waitFor(text: string): Promise<void> {
      for (let i = 0; i < 600 && !stderr.includes(text); i++) {
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!stderr.includes(text)) throw new Error(`svc never printed "${text}"; stderr:\n${stderr}`);
    },
  };
}

function seed(db: string, prefix = 'a'): void {
  const store = isPostgresAddress(db) ? openPostgresStore(db) : openStore(db);
  seedEverything(store.db, prefix);
  store.close();
}

describe('many svc processes at once', () => {
  /** Runs a shell loop of `svc story add` in the background; resolves with anything it printed. */
  function adderLoop(worker: number, count: number): Promise<string> {
    return new Promise((resolve) => {
      const script = `for i in $(seq 1 ${count}); do "${process.execPath}" "${BIN}" story add "process ${worker} story $i" --staff "P${worker}" >/dev/null 2>&1 || echo "failed $i"; done`;
      const child = spawn('sh', ['-c', script], { env: baseEnv(svc.db), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('close', () => resolve(out));
    });
  }

  /** Runs svc's own main() `count` times in one process: many adds, densely, as 8 people at once would. */
  function adderProcess(worker: number, count: number): Promise<string> {
    const script = `
      const { main } = require(${JSON.stringify(fileURLToPath(new URL('../../dist/svc.cjs', import.meta.url)))});
      for (let i = 1; i <= ${count}; i++) {
        await main(['node', 'svc', 'story', 'add', 'worker ${worker} called back customer ' + i, '--staff', 'W${worker}']);
        if (process.exitCode) { console.error('failed ' + i); process.exitCode = 0; }
      }`;
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\n${script}`], { env: baseEnv(svc.db), stdio: ['ignore', 'ignore', 'pipe'] });
      let out = '';
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('close', (code) => resolve(code === 0 ? out.replace(/^Saved story.*\n|^hint: svc story show.*\n|^new person: W\d.*\n/gm, '') : `exit ${code}: ${out}`));
    });
  }

  // On PostgreSQL each add starts its connection's worker and signs in: about 0.3 s of work
  // here against SQLite's 0.06 s, and over 1 s each with the whole suite running, so the
  // server gets fewer adds per process (many-writers.test.ts adds contention on shared rows).
  const EACH = testEngine === 'postgres' ? 15 : 50;

  it(`8 processes × ${EACH} story adds at once: all ${8 * EACH} stories are there, none lost`, async () => {
    svc.run(['init']);
    const outputs = await Promise.all(Array.from({ length: 8 }, (_, w) => adderProcess(w, EACH)));
    expect(outputs.join('')).toBe('');
    const stories = svc.json<Array<{ text: string }>>(['stories', '--limit', '0']);
    expect(stories).toHaveLength(8 * EACH);
    const texts = new Set(stories.map((s) => s.text));
    for (let w = 0; w < 8; w++) for (let i = 1; i <= EACH; i++) expect(texts.has(`worker ${w} called back customer ${i}`)).toBe(true);
    expect(svc.run(['db', 'check']).code).toBe(0);
  }, testEngine === 'postgres' ? 300_000 : 120_000);

  it('8 shells each running svc story add 5 times at once: all 40 saved', async () => {
    svc.run(['init']);
    const outputs = await Promise.all(Array.from({ length: 8 }, (_, w) => adderLoop(w, 5)));
    expect(outputs.join('')).toBe('');
    expect(svc.json<unknown[]>(['stories', '--limit', '0'])).toHaveLength(40);
  }, 120_000);

  itOnSqlite('svc backup copies a SQLite file; a server is backed up with pg_dump')('svc backup makes a whole, verified copy while another svc writes', async () => {
    seed(svc.db);
    const writer = new Promise<void>((resolve) => {
      void adderLoop(9, 15).then(() => resolve());
    });
    await new Promise((r) => setTimeout(r, 300));
    const target = join(svc.dir, 'copy.db');
    const result = runSvc(['backup', target, '--json'], svc.db);
    await writer;
    expect(result.code).toBe(0);
    const backup = JSON.parse(result.stdout) as { path: string; stories: number };
    expect(backup.path).toBe(target);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(readdirSync(svc.dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    const check = runSvc(['db', 'check', '--json'], target);
    expect(check.code).toBe(0);
    const counts = (JSON.parse(check.stdout) as { counts: { stories: number } }).counts;
    expect(counts.stories).toBe(backup.stories);
    expect(backup.stories).toBeGreaterThanOrEqual(2);
    expect(backup.stories).toBeLessThanOrEqual(17);
    // A backup never overwrites a file.
    const again = runSvc(['backup', target], svc.db);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^svc: .*copy\.db already exists/);
  });
});

describe('a process killed in the middle', () => {
  itOnSqlite('stops inside a SQLite transaction at a pause point (SVC_TEST_PAUSE_AT)')('SIGKILL during svc import leaves the database as it was; the next import works', async () => {
    const source = sandbox();
    try {
      seed(source.db, 'b');
      const file = join(source.dir, 'b.jsonl');
      source.run(['export', '-o', file]);
      seed(svc.db, 'a');
      const before = svc.snapshot();
      const importer = start(['import', file], svc.db, { SVC_TEST_PAUSE_AT: 'import' });
      await importer.waitFor('paused at import');
      importer.child.kill('SIGKILL');
      expect(await importer.exited).toBe(null);
      expect(svc.snapshot()).toBe(before);
      expect(svc.run(['db', 'check']).code).toBe(0);
      const result = svc.run(['import', file]);
      expect(result.code).toBe(0);
      expect(svc.json<unknown[]>(['stories'])).toHaveLength(4);
    } finally {
      source.cleanup();
    }
  });

  itOnSqlite('reads the schema with the sqlite3 shell')('SIGKILL during the first migration leaves no half-made schema; the next command works', async () => {
    const adder = start(['story', 'add', 'first story', '--staff', 'Ana'], svc.db, { SVC_TEST_PAUSE_AT: 'migration' });
    await adder.waitFor('paused at migration');
    adder.child.kill('SIGKILL');
    await adder.exited;
    const tables = spawnSync('sqlite3', [svc.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'stories'"], { encoding: 'utf8' });
    if (tables.status === 0) expect(tables.stdout.trim()).toBe('0');
    const result = svc.run(['story', 'add', 'first story', '--staff', 'Ana']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('1\n');
    expect(svc.run(['db', 'check']).code).toBe(0);
  });

  itOnSqlite('a pre-migration backup is a copy of the file beside it')('SIGKILL while migrating a database with data: the data and old schema stay, the backup is beside it', async () => {
    // A small program that opens the database with one more migration than svc has.
    const { dir, cleanup } = tempDir();
    try {
      const { build } = await import('esbuild');
      const entry = join(dir, 'open.ts');
      const src = join(BIN, '..', '..', 'src');
      writeFileSync(
        entry,
        `import { openStore } from ${JSON.stringify(join(src, 'store', 'db.ts'))};\n` +
          `import { testSwitches } from ${JSON.stringify(join(src, 'cli', 'test-switches.ts'))};\n` +
          `openStore(process.argv[2], { migrationsDir: process.argv[3], ...testSwitches(process.env) }).close();\n`,
      );
      const program = join(dir, 'open.cjs');
      await build({ entryPoints: [entry], outfile: program, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], logLevel: 'silent' });
      const migrations = join(dir, 'migrations');
      mkdirSync(migrations);
      const real = join(BIN, '..', '..', 'migrations');
      for (const f of readdirSync(real).filter((name) => name.endsWith('.sql'))) writeFileSync(join(migrations, f), readFileSync(join(real, f)));
      writeFileSync(join(migrations, '0999_extra.sql'), 'CREATE TABLE extra_things (id INTEGER PRIMARY KEY); ALTER TABLE stories ADD COLUMN mood TEXT;');

      seed(svc.db);
      const before = svc.snapshot();
      const child = spawn(process.execPath, [program, svc.db, migrations], {
        env: { ...baseEnv(svc.db, { SVC_TEST_PAUSE_AT: 'migration' }), NODE_PATH: join(BIN, '..', '..', 'node_modules') },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      for (let i = 0; i < 400 && !stderr.includes('paused at migration'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toContain('paused at migration');
      child.kill('SIGKILL');
      await new Promise((r) => child.on('close', r));

      expect(svc.snapshot()).toBe(before);
      const backups = readdirSync(svc.dir).filter((f) => f.startsWith('svc.db.backup-v'));
      expect(backups).toHaveLength(1);
      expect(runSvc(['db', 'check'], join(svc.dir, backups[0] ?? '')).code).toBe(0);
      expect(svc.json<unknown[]>(['stories'])).toHaveLength(2);
    } finally {
      cleanup();
    }
  });
});

describe('upgrading a database that holds data', () => {
  itOnSqlite('a pre-migration backup is a copy of the file beside it')('a newer svc backs the database up beside it before migrating, and says where', () => {
    // A copy of the built svc with one more migration than this one, as after an upgrade.
    const { dir, cleanup } = tempDir();
    try {
      const newer = newerSvcIn(dir);

      svc.run(['story', 'add', 'Ana called back', '--staff', 'Ana']);
      const version = (db: string) => (JSON.parse(runSvc(['db', 'check', '--json'], db).stdout) as { schema: { version: number } }).schema.version;
      const before = version(svc.db);
      const upgraded = spawnSync(process.execPath, [newer, 'stories'], { env: baseEnv(svc.db), encoding: 'utf8' });
      expect(upgraded.status).toBe(0);
      const backup = /^Backed up the database to (.+) before upgrading its schema\.$/m.exec(upgraded.stderr)?.[1] ?? '';
      expect(backup).toMatch(new RegExp(`svc\\.db\\.backup-v${before}-\\d{8}T\\d{6}Z$`));
      expect(upgraded.stdout).toContain('Ana called back');
      expect(statSync(backup).mode & 0o777).toBe(0o600);
      // The backup is the database as it was: the old schema, the story, and this svc reads it.
      expect(version(backup)).toBe(before);
      expect(version(svc.db)).toBe(999);
      expect(JSON.parse(runSvc(['stories', '--json'], backup).stdout)).toHaveLength(1);
      // Once upgraded, no further backups.
      const again = spawnSync(process.execPath, [newer, 'stories'], { env: baseEnv(svc.db), encoding: 'utf8' });
      expect(again.stderr).not.toContain('Backed up');
    } finally {
      cleanup();
    }
  });
});

describe('a damaged or foreign database file', () => {
  itOnSqlite('damages a SQLite file')('a file that is not SQLite: refused, untouched; db check says how to restore', () => {
    writeFileSync(svc.db, 'these are my notes, not a database\n'.repeat(200));
    const hash = fileHash(svc.db);
    const list = svc.run(['stories']);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/^svc: .*svc\.db is not an svc database.*\nhint: .*backup/);
    const check = svc.run(['db', 'check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^svc: the database .*svc\.db is damaged\nhint: restore a backup: stop every svc, move .* copy the backup to/);
    expect(fileHash(svc.db)).toBe(hash);
  });

  itOnSqlite('damages a SQLite file')('a truncated database: commands fail with exit 1 and a way out, the file is untouched', () => {
    const store = openStore(svc.db);
    store.write(() => {
      for (let i = 0; i < 40; i++) insertStory(store.db, draftStory({ text: `story ${i} ${'words about service '.repeat(40)}`, staff: [`P${i % 5}`] }, NOW), NOW_ISO);
    });
    store.close();
    expect(existsSync(`${svc.db}-wal`)).toBe(false); // closing checkpointed it into the file
    truncateSync(svc.db, Math.floor(statSync(svc.db).size / 2));
    const hash = fileHash(svc.db);
    const check = svc.run(['db', 'check']);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^svc: the database .* is damaged\nhint: restore a backup/);
    const list = svc.run(['stories', '--limit', '0']);
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/^svc: the database .* is damaged\nhint: run svc db check/);
    expect(list.stderr).not.toContain('this is a bug');
    expect(fileHash(svc.db)).toBe(hash);
  });

  it('db check on a healthy database: integrity, schema and counts', () => {
    seed(svc.db);
    const text = svc.run(['db', 'check']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^integrity\s+ok$/m);
    expect(text.stdout).toMatch(/^stories\t2$/m);
    const json = svc.json<{ ok: boolean; schema: { version: number; pending: string[] }; counts: Record<string, number> }>(['db', 'check']);
    expect(json).toMatchObject({ ok: true, schema: { pending: [] }, counts: { stories: 2, people: 2 } });
    expect(svc.run(['--db', join(svc.dir, 'none.db'), 'db', 'check']).code).toBe(3);
    expect(existsSync(join(svc.dir, 'none.db'))).toBe(false);
  });
});


describe('read-only places (chattr +i: we may run as root, whom file permissions do not stop)', () => {
  // Skipped where chattr +i does not work, and on PostgreSQL (a SQLite file's permissions).
  (testEngine === 'sqlite' ? it.skipIf(!canChattr) : itOnSqlite('makes a SQLite file read-only'))('a read-only database file: writes refused with exit 4, reads still work', () => {
    seed(svc.db);
    svc.run(['stories']);
    const hash = fileHash(svc.db);
    immutable(svc.db, true);
    try {
      const add = svc.run(['story', 'add', 'more', '--staff', 'Ana']);
      expect(add.code).toBe(4);
      expect(add.stderr).toMatch(/^svc: the database .* is read-only\nhint: /);
      expect(svc.json<unknown[]>(['stories'])).toHaveLength(2);
    } finally {
      immutable(svc.db, false);
    }
    expect(fileHash(svc.db)).toBe(hash);
  });

  // Skipped only where chattr +i does not work: root ignores file permissions, so only an immutable folder refuses it.
  it.skipIf(!canChattr)('a read-only directory: no new database is made there, an existing one is not changed', () => {
    const folder = join(svc.dir, 'locked');
    mkdirSync(folder);
    seed(join(folder, 'team.db'));
    const hash = fileHash(join(folder, 'team.db'));
    immutable(folder, true);
    try {
      const create = runSvc(['story', 'add', 'x', '--staff', 'A'], join(folder, 'new.db'));
      expect(create.code).toBe(2);
      expect(create.stderr).toMatch(/^svc: cannot write the database at .*new\.db: permission denied\nhint: /);
      const add = runSvc(['story', 'add', 'x', '--staff', 'A'], join(folder, 'team.db'));
      expect(add.code).toBe(4);
      // The file's own permissions are fine: the folder is what blocks its -wal and -shm files.
      expect(add.stderr).toMatch(/^svc: the folder .*locked is read-only, and svc keeps its journal files \(-wal, -shm\) beside the database\nhint: make the folder writable/);
    } finally {
      immutable(folder, false);
    }
    expect(existsSync(join(folder, 'new.db'))).toBe(false);
    expect(fileHash(join(folder, 'team.db'))).toBe(hash);
  });
});

describe('a full disk', () => {
  const bigStory = 'Ana stayed on the line until the refund cleared. '.repeat(350);

  itOnSqlite('caps the pages of a SQLite file')('SQLite reports the file full (SVC_TEST_MAX_PAGES caps it): exit 1, nothing saved', () => {
    seed(svc.db);
    const before = svc.snapshot();
    const pages = spawnSync('sqlite3', [svc.db, 'PRAGMA page_count'], { encoding: 'utf8' }).stdout.trim();
    const cap = /^\d+$/.test(pages) ? pages : '60';
    const result = svc.run(['story', 'add', bigStory, '--staff', 'Ana'], { env: { SVC_TEST_MAX_PAGES: cap } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^svc: the disk is full: nothing was saved\nhint: free some space/);
    expect(svc.snapshot()).toBe(before);
    expect(svc.run(['story', 'add', bigStory, '--staff', 'Ana']).code).toBe(0);
  });

  // Skipped only where a tmpfs cannot be mounted (not root): a real full disk is the point.
  it.skipIf(!canMount)('a real full file system (a 2 MB tmpfs): exit 1, nothing saved, fine once there is room', () => {
    const mountPoint = tempDir('svc-tmpfs-').dir;
    // Room for a new database: its migrations' write-ahead log (~620 KB) and the file it is folded into (~380 KB).
    expect(mountTmpfs(mountPoint, '2m')).toBe(true);
    try {
      const db = join(mountPoint, 'svc.db');
      expect(runSvc(['story', 'add', 'first', '--staff', 'Ana'], db).code).toBe(0);
      // Fill what is left of the file system.
      const filler = join(mountPoint, 'filler');
      const fd = openSync(filler, 'w');
      try {
        for (;;) writeSync(fd, Buffer.alloc(16 * 1024));
      } catch {
        // ENOSPC: full
      } finally {
        closeSync(fd);
      }
      const result = runSvc(['story', 'add', bigStory, '--staff', 'Ana'], db);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^svc: (the disk is full|svc could not write to the disk \(it may be full, or failing\)): nothing was saved\nhint: free some space/);
      rmSync(filler);
      const list = runSvc(['stories', '--json'], db);
      expect((JSON.parse(list.stdout) as unknown[]).length).toBe(1);
      expect(runSvc(['story', 'add', bigStory, '--staff', 'Ana'], db).code).toBe(0);
    } finally {
      spawnSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });
});

describe('hostile story text', () => {
  const hostile = 'Ana \u001b[2J\u001b[31mred\u001b[0m \u001b]0;owned\u0007 bell\u0007 csi\u009b31m back\bspace <script>alert(1)</script> end';

  it('escape sequences are stored as given but never reach the terminal raw', () => {
    // A name never holds control characters: refused outright (exit 2), nothing saved.
    expect(svc.run(['story', 'add', hostile, '--staff', 'Eve\u001b[8m']).code).toBe(2);
    svc.run(['story', 'add', hostile, '--staff', 'Eve', '--title', 'T\u001b[1mitle']);
    expect(svc.json(['story', 'show', '1'])).toMatchObject({ text: hostile });
    for (const args of [['stories'], ['story', 'show', '1'], ['search', 'bell']]) {
      const result = svc.run(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
      expect(result.stdout, args.join(' ')).toMatch(/\\x1b/);
    }
    expect(svc.run(['story', 'show', '1']).stdout).toContain('<script>alert(1)</script>');
  });

  it('in a real terminal, a story cannot clear the screen or set the title', async () => {
    svc.run(['story', 'add', hostile, '--staff', 'Eve']);
    for (const args of [['stories'], ['story', 'show', '1'], ['search', 'bell']]) {
      const term = new Terminal(args, svc.db);
      expect(await term.exitCode()).toBe(0);
      const raw = (term as unknown as { raw: string }).raw;
      expect(raw).toContain('\\x1b');
      expect(raw).not.toContain('\u001b[2J');
      expect(raw).not.toContain('\u001b]0;owned');
      expect(raw).not.toContain('\u0007');
    }
  });

  it('invalid UTF-8 on stdin is refused at its first bad byte; in arguments it becomes replacement characters', () => {
    const before = svc.snapshot();
    const stdin = spawnSync(process.execPath, [BIN, 'story', 'add', '--staff', 'Ana'], { env: baseEnv(svc.db), input: Buffer.from([0x63, 0x61, 0x66, 0xc3, 0x20, 0x6f, 0x6b, 0xff, 0xfe]) });
    expect(stdin.status).toBe(2);
    expect(String(stdin.stderr)).toBe(
      'svc: the text on stdin is not valid UTF-8 text (byte 3)\nhint: save or convert it as UTF-8 (e.g. iconv -t UTF-8) and try again; nothing was saved\n',
    );
    expect(svc.snapshot()).toBe(before);
    // Node has already decoded the arguments, with U+FFFD for what was not UTF-8.
    const arg = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" story add "$(printf 'bad \\377\\300 byte')" --staff Bo`], { env: baseEnv(svc.db) });
    expect(arg.status).toBe(0);
    const texts = svc.json<Array<{ text: string }>>(['stories']).map((s) => s.text).sort();
    expect(texts).toEqual(['bad \uFFFD\uFFFD byte']);
    expect(svc.run(['search', 'byte']).stdout).toContain('bad');
  });
});
