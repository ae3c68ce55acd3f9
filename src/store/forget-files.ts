import { closeSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConflictError, ExitCode, SvcError, errorCode, isSvcError } from '../core/errors.ts';
import type { WrittenFile } from '../core/forget.ts';
import { messages } from '../core/messages.ts';
import { sql, translateSqliteError, type Db, type Connection } from './db.ts';
import { clearPendingForgets } from './forget.ts';

/*
 * What forget does to the files: svc's own copies beside the database are deleted, the
 * database is checkpointed and compacted once no reader pins its old pages, and the
 * files are scanned for the old values before the forget counts as finished.
 */

/** Remembers an export or backup svc writes, so forget can name it later. One call per file, before writing it. */
export function recordWrittenFile(db: Db, kind: WrittenFile['kind'], path: string | null, contacts: boolean, now: string): number {
  return Number(sql(db, 'INSERT INTO written_files (kind, path, contacts, written_at) VALUES (?, ?, ?, ?)').run(kind, path, contacts ? 1 : 0, now).lastInsertRowid);
}

/**
 * Runs write with the file recorded first (so that a forget running meanwhile lists it),
 * and takes the record back when writing fails, synchronously or not: nothing of it exists.
 */
export function recordingWrittenFile<T>(db: Db, kind: WrittenFile['kind'], path: string | null, contacts: boolean, now: string, write: () => T): T {
  const id = recordWrittenFile(db, kind, path, contacts, now);
  const drop = (error: unknown): never => {
    sql(db, 'DELETE FROM written_files WHERE id = ?').run(id);
    throw error;
  };
  try {
    const result = write();
    return (result instanceof Promise ? result.catch(drop) : result) as T;
  } catch (error) {
    return drop(error);
  }
}

/** The exports and backups svc wrote up to `until` that still exist (and those sent to standard output), oldest first. */
export function writtenFiles(db: Db, until: string): WrittenFile[] {
  const rows = sql(
    db,
    `SELECT kind, path, max(contacts) AS contacts, max(written_at) AS writtenAt FROM written_files
      WHERE written_at <= ? GROUP BY kind, coalesce(path, id) ORDER BY min(id)`,
  ).all(until) as Array<{ kind: WrittenFile['kind']; path: string | null; contacts: number; writtenAt: string }>;
  return rows.filter((row) => row.path === null || existsSync(row.path)).map((row) => ({ ...row, contacts: row.contacts === 1 }));
}

// PATH.backup-vN-YYYYMMDDTHHMMSSZ[-n], as migrate.ts names them.
const MIGRATION_BACKUP = /^\.backup-v\d+-\d{8}T\d{6}Z(-\d+)?$/u;
const PARTIAL = /^\.partial-(\d+)(-journal)?$/u;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Files named `base` + a suffix in base's folder whose suffix matches. */
function siblings(base: string, suffix: RegExp): string[] {
  const dir = dirname(base);
  const name = basename(base);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.startsWith(name) && suffix.test(file.slice(name.length)))
    .map((file) => join(dir, file));
}

/** svc's automatic pre-migration backups of this database. */
export function migrationBackups(path: string): string[] {
  return siblings(path, MIGRATION_BACKUP);
}

/**
 * Leftovers of exports and backups that never finished (`.NAME.partial-PID`) beside the
 * database and beside every file svc recorded writing, whose writer is gone.
 */
export function partialLeftovers(db: Db, path: string): string[] {
  const targets = (sql(db, 'SELECT DISTINCT path FROM written_files WHERE path IS NOT NULL').all() as Array<{ path: string }>).map((r) => r.path);
  // Written as .NAME.partial-PID (files.ts); older versions wrote NAME.partial-PID.
  const prefixes = [path, ...targets].flatMap((target) => [target, join(dirname(target), `.${basename(target)}`)]);
  return prefixes.flatMap((prefix) =>
    siblings(prefix, PARTIAL).filter((file) => !isRunning(Number(PARTIAL.exec(file.slice(prefix.length))?.[1]))),
  );
}

// Every row carries a random UUID, and a short trace (an external id "C-78", a phone's
// digits) turns up inside one by chance about once in a few thousand rows: a hit that lies
// wholly within a UUID-shaped run is not the customer's data.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gu;
const UUID_LENGTH = 36;

/** Whether the hit at start..end of window lies inside a UUID (window is ASCII-folded). */
function insideUuid(window: Buffer, start: number, end: number): boolean {
  const from = Math.max(0, start - UUID_LENGTH);
  const around = window.toString('latin1', from, Math.min(window.length, end + UUID_LENGTH));
  for (const match of around.matchAll(UUID)) {
    const at = from + (match.index ?? 0);
    if (at <= start && at + UUID_LENGTH >= end) return true;
  }
  return false;
}

/**
 * Whether a file holds any of the traces, compared case-insensitively for ASCII letters
 * and not counting chance hits inside UUIDs; read a megabyte at a time.
 */
export function fileHolds(file: string, traces: readonly string[]): boolean {
  if (!existsSync(file) || traces.length === 0) return false;
  const needles = traces.map((t) => foldAscii(Buffer.from(t, 'utf8'))).filter((n) => n.length > 0);
  const longest = Math.max(...needles.map((n) => n.length));
  // Windows overlap by enough that every hit is judged once with a UUID's length of context on both sides.
  const margin = UUID_LENGTH + 4;
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let carry: Buffer = Buffer.alloc(0);
    let first = true;
    for (let n = readSync(fd, chunk); n > 0; ) {
      const window = foldAscii(Buffer.concat([carry, chunk.subarray(0, n)]));
      n = readSync(fd, chunk);
      const last = n === 0;
      for (const needle of needles) {
        for (let at = window.indexOf(needle); at !== -1; at = window.indexOf(needle, at + 1)) {
          const end = at + needle.length;
          if (!first && at < margin) continue; // judged in the window before
          if (!last && end > window.length - margin) continue; // judged in the next window
          if (!insideUuid(window, at, end)) return true;
        }
      }
      carry = window.subarray(Math.max(0, window.length - longest - 2 * margin));
      first = false;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

function foldAscii(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) {
    const b = out[i] ?? 0;
    if (b >= 0x41 && b <= 0x5a) out[i] = b + 0x20;
  }
  return out;
}

/** What finishing a forget did to the files. */
export interface FinishReport {
  /** svc's own copies deleted: pre-migration backups and unfinished partial files. */
  removed: string[];
  /** Whether the files were scanned for the old values (only the run that erased them knows them). */
  scanned: boolean;
}

/**
 * Finishes forgets erased from the records: deletes svc's own copies beside the
 * database, waits up to waitMs for readers that pin old pages, compacts the file and
 * empties the write-ahead log, then scans the files for the old values. Only when all
 * of that succeeded are the forgets marked finished; otherwise the next forget resumes.
 */
export function finishForgets(
  store: Connection,
  ids: readonly number[],
  traces: readonly string[] | null,
  waitMs: number,
  onProgress: (done: number, total: number) => void = () => {},
): FinishReport {
  const { db, path } = store;
  // Four steps: copies removed, log emptied, file compacted, files checked.
  const step = (done: number) => onProgress(done, 4);
  // Known values: delete exactly the pre-migration backups that hold them. Unknown (a
  // resumed forget): any of them may, so all go.
  const backups = migrationBackups(path).filter((file) => traces === null || fileHolds(file, traces));
  const removed = [...backups, ...partialLeftovers(db, path)];
  for (const file of removed) rmSync(file, { force: true });
  step(1);

  try {
    checkpoint(db, waitMs, ids);
    step(2);
    db.exec('VACUUM');
    checkpoint(db, waitMs, ids);
    step(3);
  } catch (error) {
    if (isSvcError(error)) throw error;
    throw unfinished(ids, error, path);
  }
  const files = [path, `${path}-wal`, ...migrationBackups(path)];
  const holding = traces === null ? [] : files.filter((file) => fileHolds(file, traces));
  step(4);
  if (holding.length > 0) throw new SvcError(messages.forgetStillInFiles(ids, holding), ExitCode.unexpected, messages.forgetResumeHint(ids));
  if (traces === null && existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) {
    throw new SvcError(messages.forgetStillInFiles(ids, [`${path}-wal`]), ExitCode.unexpected, messages.forgetResumeHint(ids));
  }
  store.write(() => clearPendingForgets(db, ids));
  // The note above is the only page written since: empty the log once more, best effort.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { removed, scanned: traces !== null };
}

/** Copies the log into the file and truncates it, waiting up to waitMs for readers; refuses if one still pins old pages. */
function checkpoint(db: Db, waitMs: number, ids: readonly number[]): void {
  const timeout = Number(db.pragma('busy_timeout', { simple: true }));
  db.pragma(`busy_timeout = ${Math.max(0, Math.round(waitMs))}`);
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    if (result && result.busy !== 0) throw new ConflictError(messages.forgetPinned(ids), messages.forgetResumeHint(ids));
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/** A failure after the records were erased, said as such: never "nothing was saved". */
function unfinished(ids: readonly number[], error: unknown, path: string): SvcError {
  const code = errorCode(error);
  const cause = translateSqliteError(error, path);
  const reason = code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') ? messages.forgetDiskFull : cause instanceof Error ? cause.message : String(cause);
  return new SvcError(messages.forgetUnfinished(ids, reason), isSvcError(cause) ? cause.exitCode : ExitCode.unexpected, messages.forgetResumeHint(ids));
}
