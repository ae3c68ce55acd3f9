import { closeSync, existsSync, openSync, readdirSync, readSync, realpathSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConflictError, ExitCode, SvcError, errorCode, isSvcError } from '../core/errors.ts';
import type { WrittenFile } from '../core/forget.ts';
import { messages } from '../core/messages.ts';
import { isPostgres, sql, translateSqliteError, type Db, type Connection } from './db.ts';
import { clearPendingForgets, quote } from './forget.ts';

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

/** A path with its links resolved, or as given when it cannot be (gone meanwhile). */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** The database file at path and the files SQLite keeps beside it, under every name they resolve to. */
function databaseFiles(path: string): Set<string> {
  const names = new Set([resolve(path), realPath(path)]);
  return new Set([...names].flatMap((name) => [name, `${name}-wal`, `${name}-shm`, `${name}-journal`]));
}

/**
 * The exports and backups svc wrote up to `until` that still exist (and those sent to
 * standard output, each its own), oldest first; never the database open at `database`
 * (null on a server) nor its -wal and -shm. A copy or backup carries the record of its
 * own writing: listed in it, "delete it" would have the user delete the database in use.
 */
export function writtenFiles(db: Db, until: string, database: string | null): WrittenFile[] {
  const rows = sql(
    db,
    `SELECT kind, max(path) AS path, max(contacts) AS contacts, max(written_at) AS writtenAt FROM written_files
      WHERE written_at <= ? GROUP BY kind, coalesce(path, '#' || id) ORDER BY min(id)`,
  ).all(until) as Array<{ kind: WrittenFile['kind']; path: string | null; contacts: number; writtenAt: string }>;
  const own = database === null ? new Set<string>() : databaseFiles(database);
  const elsewhere = (path: string) => !own.has(resolve(path)) && !own.has(realPath(path));
  return rows.filter((row) => row.path === null || (existsSync(row.path) && elsewhere(row.path))).map((row) => ({ ...row, contacts: row.contacts === 1 }));
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
export function partialLeftovers(db: Db, path: string | null): string[] {
  const targets = (sql(db, 'SELECT DISTINCT path FROM written_files WHERE path IS NOT NULL').all() as Array<{ path: string }>).map((r) => r.path);
  // Written as .NAME.partial-PID (files.ts); older versions wrote NAME.partial-PID.
  const prefixes = [...(path === null ? [] : [path]), ...targets].flatMap((target) => [target, join(dirname(target), `.${basename(target)}`)]);
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
 * Where a trace may stand in live text without being the customer's: glued to other
 * letters ("ana kowalczyk" in "dana kowalczyk") or inside a longer name of someone else
 * ("Ana Lopez Garcia"). The redactor leaves those alone, so their bytes stay in the file.
 */
export interface LiveContexts {
  /** Each such occurrence widened to its whole word (see contextAround), as ASCII-folded bytes read as latin1. */
  contexts: ReadonlySet<string>;
  /** Other people's names, ASCII-folded, longer than a trace they hold. */
  names: readonly Buffer[];
}

// A context longer than this is not judged: the hit counts. Windows overlap by more.
const MAX_CONTEXT = 256;
const WORD = /^[\p{L}\p{N}\p{M}]$/u;

/** The code point starting at byte i and its length, or null where no valid UTF-8 character starts. */
function charAt(bytes: Buffer, i: number): { char: string; length: number } | null {
  const lead = bytes[i];
  if (lead === undefined) return null;
  const length = lead < 0x80 ? 1 : lead >= 0xf0 && lead < 0xf8 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length === 0 || i + length > bytes.length) return null;
  for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return null;
  const char = bytes.toString('utf8', i, i + length);
  return char === '\ufffd' ? null : { char, length };
}

/** The character ending just before byte i, as charAt. */
function charBefore(bytes: Buffer, i: number): { char: string; length: number } | null {
  for (let length = 1; length <= 4 && i - length >= 0; length++) {
    if (((bytes[i - length] ?? 0) & 0xc0) === 0x80) continue;
    const found = charAt(bytes, i - length);
    return found && found.length === length ? found : null;
  }
  return null;
}

/**
 * The bytes around the hit at..end: widened to any of `names` that covers it, then over
 * letters, digits and marks on both sides (decoded as UTF-8), exactly as far as they go.
 * null when that is longer than MAX_CONTEXT.
 */
function contextAround(bytes: Buffer, at: number, end: number, names: readonly Buffer[]): string | null {
  let from = at;
  let to = end;
  for (const name of names) {
    for (let p = bytes.indexOf(name, Math.max(0, end - name.length)); p !== -1 && p <= at; p = bytes.indexOf(name, p + 1)) {
      from = Math.min(from, p);
      to = Math.max(to, p + name.length);
    }
  }
  for (let c = charBefore(bytes, from); c && WORD.test(c.char) && to - from <= MAX_CONTEXT; c = charBefore(bytes, from)) from -= c.length;
  for (let c = charAt(bytes, to); c && WORD.test(c.char) && to - from <= MAX_CONTEXT; c = charAt(bytes, to)) to += c.length;
  return to - from > MAX_CONTEXT ? null : bytes.toString('latin1', from, to);
}

function needlesOf(traces: readonly string[]): Buffer[] {
  return traces.map((t) => foldAscii(Buffer.from(t, 'utf8'))).filter((n) => n.length > 0);
}

/** A value's bytes as SQLite's record format stores them, so that neighbouring columns glue as they do in the file. */
function recordBytes(value: unknown): Buffer {
  if (value === null) return Buffer.alloc(0);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'bigint') {
    // 0 and 1 take no bytes (schema format 4); others the fewest of 1, 2, 3, 4, 6 or 8 big-endian bytes.
    if (value === 0n || value === 1n) return Buffer.alloc(0);
    const size = [1, 2, 3, 4, 6, 8].find((n) => value >= -(1n << BigInt(8 * n - 1)) && value < 1n << BigInt(8 * n - 1)) ?? 8;
    const out = Buffer.alloc(8);
    out.writeBigInt64BE(value);
    return out.subarray(8 - size);
  }
  const out = Buffer.alloc(8);
  out.writeDoubleBE(Number(value));
  return out;
}

/** Where a record's value comes from: a column of the row, the row's rowid, nothing (stored as NULL), or unknown. */
type Source = number | 'rowid' | 'none' | 'unknown';

/**
 * The records a table's rows are stored as, value by value in file order: the row
 * itself (a WITHOUT ROWID table puts its key first; a rowid alias is stored as NULL)
 * and one per index (its columns, then the rowid or key).
 */
function recordLayouts(db: Db, table: string, withoutRowid: boolean, info: Array<{ cid: number; name: string; type: string; pk: number }>): Source[][] {
  const keys = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const alias = !withoutRowid && keys.length === 1 && keys[0]?.type.toUpperCase() === 'INTEGER' ? keys[0].cid : -1;
  const row: Source[] = withoutRowid
    ? [...keys.map((c) => c.cid), ...info.filter((c) => c.pk === 0).map((c) => c.cid)]
    : info.map((c) => (c.cid === alias ? 'none' : c.cid));
  const indexes = (db.pragma(`index_list(${quote(table)})`) as Array<{ name: string }>).map((index) =>
    (db.pragma(`index_xinfo(${quote(index.name)})`) as Array<{ seqno: number; cid: number }>)
      .sort((a, b) => a.seqno - b.seqno)
      .map((c): Source => (c.cid === -1 || c.cid === alias ? 'rowid' : c.cid === -2 ? 'unknown' : c.cid)),
  );
  return [row, ...indexes];
}

// Stands where a value's bytes are not known: no letter, so nothing glues across it.
const UNKNOWN = Buffer.from([0]);

/** The names of the team and of the customers not forgotten, ASCII-folded, that hold a needle and are longer. */
function namesHolding(db: Db, needles: readonly Buffer[]): Buffer[] {
  const people = sql(db, 'SELECT name FROM people UNION SELECT name FROM customers WHERE forgotten_at IS NULL AND name IS NOT NULL').all() as Array<{ name: string }>;
  return people
    .map((row) => foldAscii(Buffer.from(row.name, 'utf8')))
    .filter((name) => needles.some((needle) => name.length > needle.length && name.includes(needle)));
}

/**
 * After a forget's writes: each occurrence of a trace in a live row that is not the
 * trace as a value's word of its own, with its whole word as the file stores it, in
 * the value alone and in each record the row is stored in (columns back to back, so a
 * context runs into a neighbour exactly as the file's bytes do). Allowed: a hit glued
 * to other letters inside its value or inside another person's longer name there, and
 * a hit that only two neighbouring values spell together ("Ana Whitfield" then
 * "ana whitfield" spells "dana whitfield"): no value holds it. A name that merely
 * follows a UUID or another column is still a word of its own. One pass over the rows
 * whose text holds a trace, filtered in SQLite.
 */
export function liveContexts(db: Db, traces: readonly string[]): LiveContexts {
  const needles = needlesOf(traces);
  const contexts = new Set<string>();
  if (needles.length === 0) return { contexts, names: [] };
  const names = namesHolding(db, needles);
  const tables = (db.pragma('table_list') as Array<{ schema: string; name: string; type: string; wr: number }>).filter(
    // The schema's own records too (names glued to names, CREATE TABLE … 'manual'): a short
    // name such as "Al" ends such words, and is no more the customer's there than in a story's.
    (t) => t.schema === 'main' && t.type === 'table' && (!t.name.startsWith('sqlite_') || t.name === 'sqlite_schema'),
  );
  for (const table of tables) {
    const info = db.pragma(`table_info(${quote(table.name)})`) as Array<{ cid: number; name: string; type: string; pk: number }>;
    const layouts = recordLayouts(db, table.name, table.wr === 1, info);
    const columns = info.map((c) => quote(c.name));
    // The row's text back to back in record order: holds every hit inside a value or across two neighbours.
    const text = (layouts[0] ?? []).flatMap((source) => (typeof source === 'number' ? [`iif(typeof(${columns[source]}) = 'text', ${columns[source]}, '')`] : []));
    if (text.length === 0) continue;
    const select = db
      .prepare(`SELECT ${[...columns, ...(table.wr ? [] : ['rowid'])].join(', ')} FROM ${quote(table.name)} WHERE instr(lower(${text.join(' || ')}), @needle) > 0`)
      .raw(true)
      .safeIntegers(true);
    for (const needle of needles) {
      for (const row of select.all({ needle: needle.toString('utf8') }) as unknown[][]) {
        const valueOf = (source: Source): Buffer =>
          source === 'none' ? Buffer.alloc(0) : source === 'unknown' ? UNKNOWN : foldAscii(recordBytes(row[source === 'rowid' ? info.length : source]));
        for (const layout of layouts) {
          const parts = layout.map(valueOf);
          const bytes = Buffer.concat(parts);
          const starts = parts.map((_part, i) => parts.slice(0, i).reduce((sum, part) => sum + part.length, 0));
          for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
            const end = at + needle.length;
            const inside = parts.findIndex((part, i) => (starts[i] ?? 0) <= at && end <= (starts[i] ?? 0) + part.length);
            if (inside !== -1) {
              const start = starts[inside] ?? 0;
              const own = contextAround(parts[inside] ?? bytes, at - start, end - start, names);
              if (own === null || own.length === needle.length) continue; // the trace as a word of its own: never allowed
              contexts.add(own);
            }
            const context = contextAround(bytes, at, end, names);
            if (context !== null) contexts.add(context);
          }
        }
      }
    }
  }
  return { contexts, names };
}

/**
 * Whether a file holds any of the traces, compared case-insensitively for ASCII letters,
 * read a megabyte at a time. Not counted: chance hits inside UUIDs, and hits whose whole
 * word (contextAround) spells exactly one of `live`'s contexts: those bytes are another
 * person's live text. The hit is judged with its neighbours, so a name right after a
 * UUID or another column's letters still counts.
 */
export function fileHolds(file: string, traces: readonly string[], live?: LiveContexts): boolean {
  if (!existsSync(file) || traces.length === 0) return false;
  const needles = needlesOf(traces);
  const longest = Math.max(...needles.map((n) => n.length));
  // Windows overlap by enough that every hit is judged once with its whole context on both sides.
  const margin = Math.max(UUID_LENGTH, MAX_CONTEXT) + 4;
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
          if (insideUuid(window, at, end)) continue;
          const context = live && live.contexts.size > 0 ? contextAround(window, at, end, live.names) : null;
          if (context === null || !live?.contexts.has(context)) return true;
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
  /** On PostgreSQL: the tables VACUUM ran on, and those the role may not vacuum (left to their owner). */
  vacuum?: { done: string[]; refused: string[] };
  /** Whether the forgets are marked finished; on a server not while a table stays unvacuumed (they stay pending for a role that may). */
  finished: boolean;
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
  if (isPostgres(store.db)) return finishForgetsOnServer(store, ids, traces, waitMs, onProgress);
  const { db, path } = store;
  // Four steps: copies removed, log emptied, file compacted, files checked.
  const step = (done: number) => onProgress(done, 4);
  // Read after the forget's writes: what stays is live text the redactor left alone.
  const live = traces === null ? undefined : liveContexts(db, traces);
  // Known values: delete exactly the pre-migration backups that hold them. Unknown (a
  // resumed forget): any of them may, so all go.
  const backups = migrationBackups(path).filter((file) => traces === null || fileHolds(file, traces, live));
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
  const holding = traces === null ? [] : files.filter((file) => fileHolds(file, traces, live));
  step(4);
  if (holding.length > 0) throw new SvcError(messages.forgetStillInFiles(ids, holding), ExitCode.unexpected, messages.forgetResumeHint(ids));
  if (traces === null && existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) {
    throw new SvcError(messages.forgetStillInFiles(ids, [`${path}-wal`]), ExitCode.unexpected, messages.forgetResumeHint(ids));
  }
  store.write(() => clearPendingForgets(db, ids));
  // The note above is the only page written since: empty the log once more, best effort.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { removed, scanned: traces !== null, finished: true };
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

/**
 * On a server, where svc can read no file of the database: every text column of every
 * table (the full-text vectors as text too) looked through for the traces, in SQL first,
 * then each hit judged as the file scan judges it. Allowed: a hit inside a UUID, glued to
 * other letters, or inside another person's longer name. Returns where a trace stands as
 * a word of its own, as table.column.
 */
export function serverHolds(db: Db, traces: readonly string[]): string[] {
  const needles = needlesOf(traces);
  if (needles.length === 0) return [];
  const names = namesHolding(db, needles);
  const columns = sql(
    db,
    `SELECT c.table_name AS "table", c.column_name AS "column"
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'tsvector')
      ORDER BY c.table_name, c.ordinal_position`,
  ).all() as Array<{ table: string; column: string }>;
  const found: string[] = [];
  for (const table of [...new Set(columns.map((c) => c.table))]) {
    const own = columns.filter((c) => c.table === table).map((c) => c.column);
    // One pass per table: its text values joined by a character no trace holds.
    const joined = `lower(concat_ws(chr(1), ${own.map((c) => `CAST(${quote(c)} AS text)`).join(', ')}))`;
    const rows = db
      .prepare(`SELECT ${own.map((c, i) => `CAST(${quote(c)} AS text) AS ${quote(`v${i}`)}`).join(', ')} FROM ${quote(table)} WHERE ${needles.map(() => `strpos(${joined}, ?) > 0`).join(' OR ')}`)
      .raw(true)
      .all(...needles.map((needle) => needle.toString('utf8'))) as Array<Array<string | null>>;
    own.forEach((column, i) => {
      if (rows.some((row) => typeof row[i] === 'string' && holdsAsWord(foldAscii(Buffer.from(row[i], 'utf8')), needles, names))) found.push(`${table}.${column}`);
    });
  }
  return found;
}

/** Whether a value holds a needle as the customer's own word: not inside a UUID, not glued to letters, not inside a longer name. */
function holdsAsWord(value: Buffer, needles: readonly Buffer[], names: readonly Buffer[]): boolean {
  for (const needle of needles) {
    for (let at = value.indexOf(needle); at !== -1; at = value.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (insideUuid(value, at, end)) continue;
      const context = contextAround(value, at, end, names);
      if (context === null || context.length === needle.length) return true;
    }
  }
  return false;
}

/** How often the server is asked whether older snapshots have ended. */
const SNAPSHOT_POLL_MS = 100;

/**
 * Waits up to waitMs for the other sessions on this database that hold a snapshot taken
 * before now (a long export, a report) to end: VACUUM keeps every row version such a
 * snapshot may still read, the forgotten values included. Refuses (the forget stays
 * pending) if one still holds it. Sessions of roles whose activity this role may not
 * see are not counted (README: Forget on a server).
 */
function awaitOlderSnapshots(db: Db, ids: readonly number[], waitMs: number): void {
  const since = (db.prepare('SELECT CAST(now() AS text) AS at').get() as { at: string }).at;
  const older = db.prepare(
    `SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL AND xact_start < CAST(? AS timestamptz)`,
  );
  const deadline = Date.now() + Math.max(0, waitMs);
  while (Number((older.get(since) as { n: number }).n) > 0) {
    if (Date.now() >= deadline) throw new ConflictError(messages.forgetPinned(ids), messages.forgetResumeHint(ids, true));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SNAPSHOT_POLL_MS);
  }
}

/**
 * Finishing forgets on PostgreSQL: the unfinished exports svc left on this machine are
 * deleted, snapshots older than the forget are waited for (up to waitMs), VACUUM runs on
 * every table of svc's schema the role may vacuum (the old row versions and their index
 * entries go), and every text column is checked for the old
 * values. What the server keeps beyond that (freed space, the write-ahead log and its
 * archives, replicas, backups) is the operator's: README, "Forget on a server".
 */
function finishForgetsOnServer(
  store: Connection,
  ids: readonly number[],
  traces: readonly string[] | null,
  waitMs: number,
  onProgress: (done: number, total: number) => void,
): FinishReport {
  const { db } = store;
  const step = (done: number) => onProgress(done, 3);
  const removed = partialLeftovers(db, null);
  for (const file of removed) rmSync(file, { force: true });
  step(1);
  awaitOlderSnapshots(db, ids, waitMs);
  const tables = sql(
    db,
    `SELECT c.relname AS name, pg_has_role(c.relowner, 'USAGE') OR pg_has_role(d.datdba, 'USAGE') AS allowed
       FROM pg_class c JOIN pg_database d ON d.datname = current_database()
      WHERE c.relnamespace = CAST(current_schema() AS regnamespace) AND c.relkind = 'r'
      ORDER BY c.relname`,
  ).all() as Array<{ name: string; allowed: boolean }>;
  // PostgreSQL vacuums what the table's or the database's owner asks; for anyone else it skips the table with a warning only.
  const vacuumed = tables.filter((t) => t.allowed).map((t) => t.name);
  const refused = tables.filter((t) => !t.allowed).map((t) => t.name);
  try {
    if (vacuumed.length > 0) db.exec(`VACUUM ${vacuumed.map(quote).join(', ')}`);
  } catch (error) {
    if (isSvcError(error)) throw error;
    throw new SvcError(messages.forgetUnfinished(ids, error instanceof Error ? error.message : String(error), true), ExitCode.unexpected, messages.forgetResumeHint(ids, true));
  }
  step(2);
  const holding = traces === null ? [] : serverHolds(db, traces);
  step(3);
  if (holding.length > 0) throw new SvcError(messages.forgetStillInFiles(ids, holding), ExitCode.unexpected, messages.forgetResumeHint(ids, true));
  // A table left unvacuumed still holds the old row versions: the forget stays pending until a role that may vacuum it runs it.
  const finished = refused.length === 0;
  if (finished) store.write(() => clearPendingForgets(db, ids));
  return { removed, scanned: traces !== null, vacuum: { done: vacuumed, refused }, finished };
}
