import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSvcError } from '../../../src/core/errors.ts';
import { openOutput, partialPath, pendingFile, removeLeftovers, writeOutputFile } from '../../../src/store/files.ts';
import { tempDir } from '../../helpers/db.ts';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function folder(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}
const exitCodeOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (error) {
    return isSvcError(error) ? error.exitCode : -1;
  }
  return undefined;
};

describe('a file written whole or not at all', () => {
  it('is invisible under its name until committed, then owner-only', () => {
    const dir = folder();
    const target = join(dir, 'report.md');
    const file = openOutput(target);
    file.write('# half');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([`.report.md.partial-${process.pid}`]);
    file.write(' and the rest\n');
    file.commit();
    expect(readFileSync(target, 'utf8')).toBe('# half and the rest\n');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('discarded, leaves the old file exactly as it was', () => {
    const dir = folder();
    const target = join(dir, 'meeting.html');
    writeFileSync(target, 'the good one');
    const file = openOutput(target);
    file.write('a truncated new one');
    file.discard();
    expect(readFileSync(target, 'utf8')).toBe('the good one');
    expect(readdirSync(dir)).toEqual(['meeting.html']);
  });

  it('replaces a temporary file a killed svc with the same process id left', () => {
    const dir = folder();
    const target = join(dir, 'plan.md');
    writeFileSync(partialPath(target), 'stale, from a process long gone');
    expect(writeOutputFile(target, 'fresh')).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('fresh');
    expect(readdirSync(dir)).toEqual(['plan.md']);
  });

  it('exclusive: never replaces a file that appeared meanwhile (exit 4)', () => {
    const dir = folder();
    const target = join(dir, 'copy.db');
    const file = pendingFile(target, { exclusive: true, keepOpen: true });
    file.write('backup');
    writeFileSync(target, 'someone else');
    expect(exitCodeOf(() => file.commit())).toBe(4);
    expect(readFileSync(target, 'utf8')).toBe('someone else');
    expect(readdirSync(dir)).toEqual(['copy.db']);
  });

  it('refuses links, folders and devices unless forced; a forced device is written, never replaced', () => {
    const dir = folder();
    writeFileSync(join(dir, 'victim'), 'keep');
    symlinkSync(join(dir, 'victim'), join(dir, 'link'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    mkdirSync(join(dir, 'sub'));
    expect(exitCodeOf(() => openOutput(join(dir, 'link')))).toBe(4);
    expect(exitCodeOf(() => openOutput(join(dir, 'dangling'), { force: true }))).toBe(4);
    expect(exitCodeOf(() => openOutput(join(dir, 'sub')))).toBe(2);
    expect(exitCodeOf(() => openOutput(join(dir, 'missing', 'x.md')))).toBe(2);
    expect(exitCodeOf(() => openOutput('/dev/null'))).toBe(4);
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('keep');
    expect(writeOutputFile('/dev/null', 'gone', { force: true })).toBe('/dev/null');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(writeOutputFile(join(dir, 'link'), 'new', { force: true })).toBe(join(dir, 'victim'));
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('new');
  });

  it('a full device: exit 1, not an unexpected error', () => {
    expect(exitCodeOf(() => writeOutputFile('/dev/full', 'x'.repeat(10_000), { force: true }))).toBe(1);
  });
});

describe('leftovers of killed writers', () => {
  it('are removed when their process is gone, kept while it lives', () => {
    const dir = folder();
    const dead = Number(String(spawnSync('sh', ['-c', 'echo $$']).stdout).trim());
    const names = [`.a.jsonl.partial-${dead}`, `.svc.db.backup-v5-x.partial-${dead}-journal`, `old.jsonl.partial-${dead}`, `.b.md.partial-${process.pid}`, 'c.partial-1', 'notes.txt', 'd.partial-x'];
    for (const name of names) writeFileSync(join(dir, name), 'x');
    expect(removeLeftovers(dir).sort()).toEqual([`.a.jsonl.partial-${dead}`, `.svc.db.backup-v5-x.partial-${dead}-journal`, `old.jsonl.partial-${dead}`]);
    expect(readdirSync(dir).sort()).toEqual([`.b.md.partial-${process.pid}`, 'c.partial-1', 'd.partial-x', 'notes.txt']);
    expect(partialPath(join(dir, 'b.md'))).toBe(join(dir, `.b.md.partial-${process.pid}`));
  });
});
