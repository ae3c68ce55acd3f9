import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConflictError, SvcError, ExitCode, ValidationError, errorCode } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { openFile, type Store } from './db.ts';

export interface BackupResult {
  path: string;
  bytes: number;
  stories: number;
}

/**
 * Copies the open database to a new file with SQLite's online backup, which stays
 * consistent while other svc processes write. The copy is owner-only, a single file
 * (no -wal beside it), verified, and appears under its name only when complete.
 */
export async function backupTo(store: Store, target: string): Promise<BackupResult> {
  const path = checkBackupTarget(target);
  const partial = `${path}.partial-${process.pid}`;
  closeSync(openSync(partial, 'wx', 0o600));
  try {
    chmodSync(partial, 0o600);
    await store.db.backup(partial);
    const stories = verify(partial);
    const fd = openSync(partial, 'r');
    fsyncSync(fd);
    closeSync(fd);
    // link() fails if the name was taken meanwhile: a backup never overwrites a file.
    try {
      linkSync(partial, path);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') throw new ConflictError(messages.backupExists(path), messages.backupExistsHint);
      throw error;
    }
    return { path, bytes: statSync(path).size, stories };
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
}

/** The absolute path of a new backup file, refused if it exists or its folder does not. */
export function checkBackupTarget(target: string): string {
  const path = resolve(target);
  if (existsSync(path)) throw new ConflictError(messages.backupExists(path), messages.backupExistsHint);
  if (!existsSync(dirname(path))) throw new ValidationError(messages.exportDirMissing(dirname(path)), messages.exportDirMissingHint);
  return path;
}

/** Makes the copy one self-contained file and checks it reads back whole; returns its story count. */
function verify(file: string): number {
  const copy = openFile(file, { readonly: false });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new SvcError(messages.backupFailed(file, String(check)), ExitCode.unexpected, messages.backupFailedHint);
    const hasStories = copy.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'stories'").get() !== undefined;
    return hasStories ? (copy.prepare('SELECT count(*) AS n FROM stories').get() as { n: number }).n : 0;
  } finally {
    copy.close();
  }
}
