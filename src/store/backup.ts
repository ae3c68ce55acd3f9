import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConflictError, SvcError, ExitCode, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { openFile, type Connection } from './db.ts';
import { fileError, pendingFile } from './files.ts';

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
export async function backupTo(store: Connection, target: string): Promise<BackupResult> {
  const path = checkBackupTarget(target);
  const file = pendingFile(path, { exclusive: true });
  try {
    await store.db.backup(file.temp);
    const stories = verify(file.temp);
    file.commit();
    return { path, bytes: statSync(path).size, stories };
  } catch (error) {
    file.discard();
    throw fileError(error, path);
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
