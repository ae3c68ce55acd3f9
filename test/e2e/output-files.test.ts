import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, baseEnv, newerSvcIn } from '../helpers/cli.ts';
import { inProcessSandbox, runInProcess, type InProcessSandbox } from '../helpers/in-process.ts';
import { tempDir } from '../helpers/db.ts';
import { itOnSqlite } from '../helpers/engine.ts';
import { canChattr, canMount, immutable, mountTmpfs } from '../helpers/fs.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** Names in dir that svc wrote under a temporary name. */
const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.includes('.partial-'));

async function addStory(text = 'Ana called the customer back the same day') {
  const result = await svc.run(['story', 'add', text, '--staff', 'Ana']);
  expect(result.code, result.stderr).toBe(0);
}

/** A process id that belonged to a process which has ended. */
function deadPid(): number {
  const child = spawnSync('sh', ['-c', 'echo $$']);
  return Number(String(child.stdout).trim());
}



/** Fills the file system that holds dir. */
function fill(dir: string): void {
  const fd = openSync(join(dir, 'filler'), 'w');
  try {
    for (;;) writeSync(fd, Buffer.alloc(4096));
  } catch {
    // ENOSPC: full
  } finally {
    closeSync(fd);
  }
}

/** Whether this machine lets the tests make a device node (root with CAP_MKNOD) or a FIFO. */
function canMake(command: string, args: string[]): boolean {
  const { dir, cleanup } = tempDir();
  const ok = spawnSync(command, [join(dir, 'node'), ...args]).status === 0;
  cleanup();
  return ok;
}
const canMknod = canMake('mknod', ['c', '1', '3']);
const canMkfifo = canMake('mkfifo', []);

describe('--out never writes through a link, a folder or a device unasked', () => {
  it('ln -s victim link; svc report --format html --out link: refused (exit 4), the victim untouched', async () => {
    await addStory();
    const victim = join(svc.dir, 'victim');
    writeFileSync(victim, 'my own notes\n', { mode: 0o644 });
    const link = join(svc.dir, 'link');
    symlinkSync(victim, link);
    for (const args of [
      ['report', '--format', 'html', '--out', link],
      ['export', '--out', link],
      ['playbook', '--format', 'md', '--out', link],
    ]) {
      const result = await svc.run(args);
      expect(result.code, args.join(' ')).toBe(4);
      expect(result.stderr).toMatch(/^svc: .*link is a symbolic link; svc does not write through links unless asked\nhint: .*--force/);
      expect(result.stdout).toBe('');
    }
    expect(readFileSync(victim, 'utf8')).toBe('my own notes\n');
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(leftovers(svc.dir)).toEqual([]);
  });

  it('with --force the link is kept and the file it points to is replaced whole', async () => {
    await addStory();
    const victim = join(svc.dir, 'meeting.html');
    writeFileSync(victim, 'old');
    symlinkSync(victim, join(svc.dir, 'latest.html'));
    const result = await svc.run(['report', '--format', 'html', '--out', join(svc.dir, 'latest.html'), '--force']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Wrote the report to ${victim}`);
    expect(readFileSync(victim, 'utf8')).toMatch(/^<!doctype html>/);
    expect(lstatSync(join(svc.dir, 'latest.html')).isSymbolicLink()).toBe(true);
    expect(leftovers(svc.dir)).toEqual([]);
  });

  it('export --out DIR says it is a folder (exit 2), and writes nothing into it', async () => {
    await addStory();
    const folder = join(svc.dir, 'exports');
    mkdirSync(folder);
    const result = await svc.run(['export', '--out', folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`svc: ${folder} is a folder; svc writes a file\nhint: give a file name inside it, e.g. --out ${join(folder, 'export.jsonl')}\n`);
    expect(result.stderr).not.toContain('database');
    expect(readdirSync(folder)).toEqual([]);
  });

  it.each([
    [['train', 'plan', 'call', '--format', 'html'], 'training-plan.html'],
    [['train', 'plan', 'call'], 'training-plan.txt'],
    [['playbook', '--format', 'md'], 'playbook.md'],
    [['report', '--json'], 'report.json'],
    [['export', '--format', 'csv'], 'export.csv'],
  ])('%j --out DIR suggests a file named for what it writes', async (args, name) => {
    await addStory();
    expect((await svc.run(['practice', 'add', 'Call back the same day', '--tag', 'call-back'])).code).toBe(0);
    const folder = join(svc.dir, 'out');
    mkdirSync(folder);
    const result = await svc.run([...args, '--out', folder]);
    expect(result.code).toBe(2);
    // A training plan from little evidence warns first.
    expect(result.stderr).toMatch(new RegExp(`(^|\\n)svc: ${folder} is a folder; svc writes a file\\nhint: give a file name inside it, e.g. --out ${join(folder, name)}\\n$`));
    expect(readdirSync(folder)).toEqual([]);
  });

  // Skipped only where mknod is not allowed (a container without CAP_MKNOD): it needs a real device node.
  it.skipIf(!canMknod)('export --out onto a character device is refused and the node stays a device; --force writes through it', async () => {
    await addStory();
    const device = join(svc.dir, 'null');
    expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    const refused = await svc.run(['export', '--out', device]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^svc: .*null is a device, not a file; svc does not write to it unless asked\nhint: .*--force/);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    const forced = await svc.run(['export', '--out', device, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(leftovers(svc.dir)).toEqual([]);
  });

  // Skipped only where mkfifo cannot make a FIFO here.
  it.skipIf(!canMkfifo)('a FIFO is refused without --force; with it, the report streams to its reader', async () => {
    await addStory();
    const fifo = join(svc.dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const result = await svc.run(['report', '--format', 'md', '--out', fifo]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/is a FIFO, not a file/);

    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString('utf8')));
    const done = new Promise((resolve) => reader.on('close', resolve));
    const writer = spawn(process.execPath, [BIN, 'report', '--format', 'md', '--out', fifo, '--force'], { env: baseEnv(svc.db) });
    const code = await new Promise<number | null>((resolve) => writer.on('close', resolve));
    await done;
    expect(code).toBe(0);
    expect(read).toMatch(/^# /);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(leftovers(svc.dir)).toEqual([]);
  });

  it('a full device (/dev/full, written through with --force): exit 1 with a clear message, not "this is a bug"', async () => {
    await addStory();
    // The report brings the phrase cache up to date before it renders: built first, so
    // what is compared is what a failed write could have changed.
    expect((await svc.run(['reindex'])).code).toBe(0);
    const before = svc.snapshot();
    for (const args of [
      ['export', '--out', '/dev/full', '--force'],
      ['report', '--format', 'md', '--out', '/dev/full', '--force'],
    ]) {
      const result = await svc.run(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toBe('svc: no space left on /dev/full: what svc wrote there is incomplete\nhint: free some space, or write the file somewhere else, then try again\n');
    }
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('files are whole or absent', () => {
  // Skipped only where a tmpfs cannot be mounted (not root): a real full disk is the point.
  it.skipIf(!canMount)('on a full disk a good report stays as it was, and export and backup say the disk is full (exit 1)', async () => {
    const mountPoint = tempDir('svc-tmpfs-').dir;
    expect(mountTmpfs(mountPoint, '512k')).toBe(true);
    try {
      for (let i = 0; i < 5; i++) await addStory(`Story ${i}: Ana stayed on the line until the refund cleared. `.repeat(40));
      const meeting = join(mountPoint, 'meeting.html');
      expect((await svc.run(['report', '--format', 'html', '--out', meeting])).code).toBe(0);
      const good = fileHash(meeting);
      fill(mountPoint);
      await addStory('Bo rang back the next morning with the answer.');

      const report = await svc.run(['report', '--format', 'html', '--out', meeting]);
      expect(report.code).toBe(1);
      expect(report.stderr).toBe(`svc: the disk is full: ${meeting} was not written (a file already there is unchanged)\nhint: free some space, or write the file somewhere else, then try again\n`);
      expect(fileHash(meeting)).toBe(good);

      const exported = await svc.run(['export', '--out', join(mountPoint, 'all.jsonl')]);
      expect(exported.code).toBe(1);
      expect(exported.stderr).toMatch(/^svc: the disk is full: .*all\.jsonl was not written/);
      expect(existsSync(join(mountPoint, 'all.jsonl'))).toBe(false);

      const backup = await svc.run(['backup', join(mountPoint, 'copy.db')]);
      expect(backup.code).toBe(1);
      expect(backup.stderr).toMatch(/^svc: (the disk is full: .*copy\.db was not written|svc could not write .*copy\.db)/);
      expect(backup.stderr).not.toContain('this is a bug');
      expect(existsSync(join(mountPoint, 'copy.db'))).toBe(false);
      expect(leftovers(mountPoint)).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  }, 120_000);

  // Skipped only where chattr +i does not work: root ignores file permissions, so only an immutable folder refuses it.
  it.skipIf(!canChattr)('--out and backup into a folder nobody may write: exit 2 naming the folder, nothing made', async () => {
    await addStory();
    const folder = join(svc.dir, 'locked');
    mkdirSync(folder);
    expect(immutable(folder, true)).toBe(true);
    try {
      for (const [args, file] of [
        [['report', '--format', 'md', '--out', join(folder, 'r.md')], 'r.md'],
        [['export', '--out', join(folder, 'e.jsonl')], 'e.jsonl'],
        [['backup', join(folder, 'b.db')], 'b.db'],
      ] as const) {
        const result = await svc.run([...args]);
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr).toBe(`svc: cannot write ${join(folder, file)}: the folder ${folder} is not writable\nhint: choose a folder you can write, or - for stdout\n`);
      }
    } finally {
      immutable(folder, false);
    }
    expect(readdirSync(folder)).toEqual([]);
  });

  itOnSqlite('svc removes them when it opens the database file; a server database has no folder of its own')(
    'what a killed export or backup left behind (it may hold personal data) goes at the next start',
    async () => {
      await addStory();
      const dead = deadPid();
      const out = join(svc.dir, 'out');
      mkdirSync(out);
      const planted = [
        join(svc.dir, `.svc.db.backup-v5-20260318T100000Z.partial-${dead}`),
        join(svc.dir, `.svc.db.backup-v5-20260318T100000Z.partial-${dead}-journal`),
        join(svc.dir, `.copy.db.partial-${dead}`),
        // As svc backup and svc export named them before.
        join(svc.dir, `copy.db.partial-${dead}`),
        join(svc.dir, `copy.db.partial-${dead}-journal`),
        join(out, `.team.jsonl.partial-${dead}`),
      ];
      for (const file of planted) writeFileSync(file, 'half an export, with customers in it');
      // A file of a live process is left alone.
      const live = join(svc.dir, `.other.jsonl.partial-${process.pid}`);
      writeFileSync(live, 'being written');

      expect((await svc.run(['stories'])).code).toBe(0);
      expect(leftovers(svc.dir)).toEqual([`.other.jsonl.partial-${process.pid}`]);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(join(out, `.team.jsonl.partial-${dead}`))).toBe(true); // not beside the database: cleaned by the next write there
      expect((await svc.run(['export', '--out', join(out, 'team.jsonl')])).code).toBe(0);
      expect(readdirSync(out)).toEqual(['team.jsonl']);
    },
  );

  it('a refused newer or foreign database is not changed by a single byte (no switch to WAL)', async () => {
    const foreign = join(svc.dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');");
    other.close();
    const newer = join(svc.dir, 'newer.db');
    expect((await svc.run(['story', 'add', 'x', '--staff', 'Ana'], { env: { SVC_DB: newer } })).code).toBe(0);
    const upgraded = new Database(newer);
    upgraded.pragma('journal_mode = DELETE');
    upgraded.pragma('user_version = 999');
    upgraded.close();

    for (const db of [foreign, newer]) {
      const hash = fileHash(db);
      const result = await runInProcess(['stories'], db);
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/^svc: .*(is a SQLite database, but not one svc created|newer)/);
      expect(fileHash(db)).toBe(hash);
      expect(existsSync(`${db}-wal`)).toBe(false);
      expect(readFileSync(db)[18]).toBe(1); // the header's write version: 1 is rollback journal, 2 is WAL
    }
  });
});

describe('the pre-migration backup', () => {
  itOnSqlite('SQLite copies its file before a migration; PostgreSQL migrates in a transaction, and pg_dump is its backup')(
    'a kill while it is written leaves no file under its final name; the next start removes the remains and backs up whole',
    async () => {
      const { dir, cleanup } = tempDir();
      try {
        const newer = newerSvcIn(dir);
        await addStory();
        const before = svc.snapshot();

        const child = spawn(process.execPath, [newer, 'stories'], { env: baseEnv(svc.db, { SVC_TEST_PAUSE_AT: 'backup' }), stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        for (let i = 0; i < 400 && !stderr.includes('paused at backup'); i++) await new Promise((r) => setTimeout(r, 50));
        expect(stderr).toContain('paused at backup');
        child.kill('SIGKILL');
        await new Promise((r) => child.on('close', r));

        const named = () => readdirSync(svc.dir).filter((f) => f.startsWith('svc.db.backup-'));
        expect(named()).toEqual([]);
        expect(leftovers(svc.dir).length).toBeGreaterThan(0);
        expect(svc.snapshot()).toBe(before);

        const again = spawnSync(process.execPath, [newer, 'stories'], { env: baseEnv(svc.db), encoding: 'utf8' });
        expect(again.status, again.stderr).toBe(0);
        expect(leftovers(svc.dir)).toEqual([]);
        expect(named()).toHaveLength(1);
        const check = await runInProcess(['db', 'check', '--json'], join(svc.dir, named()[0] ?? ''));
        expect(check.code, check.stderr).toBe(0);
        expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, counts: { stories: 1 } });
      } finally {
        cleanup();
      }
    },
  );
});
