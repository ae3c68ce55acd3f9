import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './db.ts';

// Tests run as root here, whom file permissions do not stop: read-only places and full
// disks are made with chattr and a small tmpfs, where the machine allows them.

/** chattr +i makes a file or folder unchangeable even for root; false where it is not allowed. */
export function immutable(path: string, on: boolean): boolean {
  return spawnSync('chattr', [on ? '+i' : '-i', path]).status === 0;
}

/** Mounts a tmpfs of size (such as '512k') on dir; false where it is not allowed. */
export function mountTmpfs(dir: string, size: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

function canIn(prefix: string, tryIt: (dir: string) => boolean): boolean {
  const probe = tempDir(prefix);
  try {
    return tryIt(probe.dir);
  } finally {
    probe.cleanup();
  }
}

/** Whether chattr +i works here. */
export const canChattr = canIn('svc-chattr-', (dir) => immutable(dir, true) && immutable(dir, false));
/** Whether a tmpfs can be mounted here. */
export const canMount = canIn('svc-tmpfs-', (dir) => mountTmpfs(dir, '64k') && spawnSync('umount', [dir]).status === 0);

/** Every byte of the database files in dir (svc.db, its -wal, its backups), lower-cased, to look for a forgotten customer. */
export function databaseBytes(dir: string): string {
  return readdirSync(dir)
    .filter((name) => name.startsWith('svc.db'))
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n')
    .toLowerCase();
}
