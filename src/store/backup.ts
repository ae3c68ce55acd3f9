import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConflictError, SvcError, ExitCode, ValidationError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { dumpDatabase, loadDumpYielding } from './copy.ts';
import { isPostgres, openFile, openStore, type Connection } from './db.ts';
import { fileError, pendingFile } from './files.ts';
import { readSnapshotAsync } from './transfer.ts';

export interface BackupResult {
  path: string;
  bytes: number;
  stories: number;
}

export interface FileCopyResult extends BackupResult {
  /** Rows per table in the new file, checked against the source's. */
  counts: Record<string, number>;
}

/**
 * Copies the open database to a new file, consistent while other svc processes write.
 * The copy is owner-only, a single file (no -wal beside it), verified, and appears under
 * its name only when complete. SQLite's file is copied page by page (its online
 * backup); a PostgreSQL database becomes a SQLite file with every row, as
 * `svc db copy --to FILE.db` makes it: one any svc opens, checks and copies back.
 */
export async function backupTo(store: Connection, target: string): Promise<BackupResult> {
  if (isPostgres(store.db)) {
    const { counts: _counts, ...result } = await copyToNewFile(store, target);
    return result;
  }
  return writeNewFile(target, async (temp) => {
    await store.db.backup(temp);
  });
}

/**
 * Copies every row of the open database (either engine) into a new SQLite file of the
 * same schema, ids kept and counts checked table by table, from one read snapshot.
 */
export async function copyToNewFile(store: Connection, target: string, onProgress?: (done: number, total: number) => void): Promise<FileCopyResult> {
  let counts: Record<string, number> = {};
  const result = await writeNewFile(target, async (temp) => {
    const copy = openStore(temp);
    try {
      // One transaction on the new file, as copy.write() would run it, but one that lets a signal in between batches.
      counts = await readSnapshotAsync(store.db, async () => {
        copy.db.exec('BEGIN IMMEDIATE');
        try {
          const loaded = await loadDumpYielding(copy.db, dumpDatabase(store.db), onProgress);
          copy.db.exec('COMMIT');
          return loaded;
        } catch (error) {
          if (copy.db.inTransaction) copy.db.exec('ROLLBACK');
          throw error;
        }
      });
    } finally {
      copy.close();
    }
  });
  return { ...result, counts };
}

/**
 * Writes a new database file through fill (under a temporary name), verifies it, and puts
 * it in place. The temporary file holds every customer's details: it goes on any failure,
 * and on Ctrl-C or a kill too, before svc ends.
 */
async function writeNewFile(target: string, fill: (temp: string) => void | Promise<void>): Promise<BackupResult> {
  const path = checkBackupTarget(target);
  const file = pendingFile(path, { exclusive: true, removeOnSignal: true });
  try {
    await fill(file.temp);
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
