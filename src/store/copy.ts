import { realpathSync } from 'node:fs';
import { ExitCode, SvcError } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { parentsFirst, readCatalogue } from './catalogue.ts';
import { isPostgres, sql, useSmallPageCache, type Connection, type Db } from './db.ts';

/*
 * `svc db copy` (and a backup of a PostgreSQL database): every row of every table, ids
 * and uuids as they are, from one database into another of the same schema version, on
 * either engine. Unlike an export, nothing is left out and nothing is matched: the
 * target starts empty and ends a copy, so story #12 is #12 there too.
 */

/** Tables a copy leaves out, with the reason: the target's own bookkeeping. */
export const NOT_COPIED: Readonly<Record<string, string>> = {
  schema_migrations: 'the target records the migrations it had itself',
  forget_pending: "forgets whose old values this database's files may still hold: the target never held them",
};

/**
 * Rows a new database starts with (the migrations write them): a target holding only
 * these is empty, and they are replaced by the source's own.
 */
const BUILT_IN: Readonly<Record<string, string>> = {
  tags: 'builtin = 1',
  assessment_questions: 'built_in = 1',
};

/** One table as it is copied: its columns, and the integer key its rows are numbered by. */
export interface CopiedTable {
  name: string;
  columns: string[];
  rowKey: string | null;
}

/** A database's content as a copy carries it: plain data, so it may cross from one engine (and bundle) to another. */
export interface DatabaseDump {
  /** Parents before the tables that refer to them. */
  tables: CopiedTable[];
  /** Rows per table, read in the same snapshot as the rows. */
  counts: Record<string, number>;
  /** Per table numbered by a sequence, the next id it gives: ids deleted at the end are never given again. */
  nextIds: Record<string, number>;
  /** The rows of one table, as arrays in the order of its columns. */
  rows(table: CopiedTable): Iterable<unknown[]>;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The tables a copy carries, parents first. */
export function copiedTables(db: Db): CopiedTable[] {
  const catalogue = readCatalogue(db);
  const tables = catalogue.tables.filter((name) => !(name in NOT_COPIED)).map((name) => catalogue.table(name));
  return parentsFirst(tables).map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name), rowKey: t.rowKey }));
}

/** Rows per copied table. */
export function copyCounts(db: Db, tables: CopiedTable[] = copiedTables(db)): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table.name] = (sql(db, `SELECT count(*) AS n FROM ${quote(table.name)}`).get() as { n: number }).n;
  return counts;
}

/** The first table (parents first) holding rows a new database does not start with, or undefined when it is empty. */
export function firstTableWithData(db: Db): string | undefined {
  for (const table of copiedTables(db)) {
    const own = BUILT_IN[table.name];
    const row = sql(db, `SELECT 1 AS found FROM ${quote(table.name)}${own ? ` WHERE NOT (${own})` : ''} LIMIT 1`).get();
    if (row !== undefined) return table.name;
  }
  return undefined;
}

/**
 * What tells two open databases apart, whatever the address they were opened by: the
 * file itself, or on PostgreSQL the database on that server (its port and start time
 * tell one server on this machine from another).
 */
export function databaseIdentity(connection: Connection): string {
  const { db } = connection;
  if (!isPostgres(db)) return `file:${realpathSync(connection.path)}`;
  const row = sql(
    db,
    "SELECT current_database() AS name, current_setting('port') AS port, CAST(pg_postmaster_start_time() AS text) AS started",
  ).get() as { name: string; port: string; started: string };
  return `postgres:${row.name}@${row.port}@${row.started}`;
}

/** Rows a copy reads at a time from PostgreSQL, through a cursor: a large table never sits in memory whole. */
const FETCH_ROWS = 2_000;

function* tableRows(db: Db, table: CopiedTable): Generator<unknown[]> {
  const select = `SELECT ${table.columns.map(quote).join(', ')} FROM ${quote(table.name)}${table.rowKey ? ` ORDER BY ${quote(table.rowKey)}` : ''}`;
  if (!isPostgres(db)) {
    yield* sql(db, select).raw(true).iterate() as Iterable<unknown[]>;
    return;
  }
  // Inside the snapshot's transaction, as a cursor needs.
  db.exec(`DECLARE svc_copy NO SCROLL CURSOR FOR ${select}`);
  try {
    for (;;) {
      const rows = sql(db, `FETCH FORWARD ${FETCH_ROWS} FROM svc_copy`).raw(true).all() as unknown[][];
      yield* rows;
      if (rows.length < FETCH_ROWS) return;
    }
  } finally {
    db.exec('CLOSE svc_copy');
  }
}

/** The next id each table's sequence gives (a PostgreSQL sequence, SQLite's AUTOINCREMENT record, or the largest id). */
function nextIds(db: Db, tables: CopiedTable[]): Record<string, number> {
  const next: Record<string, number> = {};
  for (const table of tables) {
    if (!table.rowKey) continue;
    const largest = (sql(db, `SELECT coalesce(max(${quote(table.rowKey)}), 0) AS n FROM ${quote(table.name)}`).get() as { n: number }).n;
    const issued = isPostgres(db)
      ? (sql(db, 'SELECT pg_sequence_last_value(CAST(pg_get_serial_sequence(?, ?) AS regclass)) AS n').get(table.name, table.rowKey) as { n: number | null }).n
      : (sql(db, 'SELECT seq AS n FROM sqlite_sequence WHERE name = ?').get(table.name) as { n: number } | undefined)?.n;
    next[table.name] = Math.max(largest, issued ?? 0) + 1;
  }
  return next;
}

/** The whole database as a copy reads it. Call inside a read snapshot (Store.read), and read its rows there. */
export function dumpDatabase(db: Db): DatabaseDump {
  // A copy reads each page once: a large cache only holds memory.
  if (!isPostgres(db)) useSmallPageCache(db);
  const tables = copiedTables(db);
  return { tables, counts: copyCounts(db, tables), nextIds: nextIds(db, tables), rows: (table) => tableRows(db, table) };
}

/**
 * Values per INSERT (rows × columns), under both engines' limits on parameters (32,766
 * and 65,535): one statement per row would cost a round trip each on PostgreSQL.
 */
const INSERT_VALUES = 20_000;

/**
 * Replaces the (empty) database's rows with the dump's: the rows a new database starts
 * with go, every row of the dump comes in with its id, the sequences continue where the
 * source's stood, and the counts are checked table by table (a difference names the
 * table and undoes it all). Call inside the target's transaction: all of it or nothing.
 */
export function loadDump(db: Db, dump: DatabaseDump, onProgress: (done: number, total: number) => void = () => {}): Record<string, number> {
  const steps = loadSteps(db, dump, onProgress);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * loadDump that lets the event loop turn after each batch: a signal's handler runs
 * there (files.ts removes the partial file on Ctrl-C), where a copy loaded in one go
 * would hold it off until the copy had finished. Same transaction rules as loadDump.
 */
export async function loadDumpYielding(db: Db, dump: DatabaseDump, onProgress: (done: number, total: number) => void = () => {}): Promise<Record<string, number>> {
  const steps = loadSteps(db, dump, onProgress);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** loadDump's work, pausing after every batch of rows it inserts. */
function* loadSteps(db: Db, dump: DatabaseDump, onProgress: (done: number, total: number) => void): Generator<void, Record<string, number>> {
  const postgres = isPostgres(db);
  const tables = copiedTables(db);
  const known = new Map(tables.map((t) => [t.name, t]));
  if (!postgres) {
    // SQLite checks references at the commit, whatever order the rows come in; pages written once need no large cache.
    db.pragma('defer_foreign_keys = ON');
    useSmallPageCache(db);
  }
  for (const table of [...tables].reverse()) sql(db, `DELETE FROM ${quote(table.name)}`).run();

  const total = Object.values(dump.counts).reduce((a, b) => a + b, 0);
  let done = 0;
  for (const table of dump.tables) {
    const here = known.get(table.name);
    if (!here) throw new SvcError(messages.copyTableMissing(table.name), ExitCode.unexpected, messages.copyTableMissingHint);
    const insert = (count: number) =>
      sql(db, `INSERT INTO ${quote(table.name)} (${table.columns.map(quote).join(', ')}) VALUES ${Array.from({ length: count }, () => `(${table.columns.map(() => '?').join(', ')})`).join(', ')}`);
    const rowsPerInsert = Math.max(1, Math.floor(INSERT_VALUES / table.columns.length));
    let batch: unknown[][] = [];
    const flush = () => {
      if (batch.length === 0) return;
      insert(batch.length).run(batch.flat());
      done += batch.length;
      batch = [];
      onProgress(done, total);
    };
    for (const row of dump.rows(table)) {
      batch.push(row);
      if (batch.length < rowsPerInsert) continue;
      flush();
      yield;
    }
    flush();
    yield;
  }
  continueSequences(db, dump.nextIds);

  const counts = copyCounts(db, tables);
  for (const table of dump.tables) {
    if (counts[table.name] !== dump.counts[table.name]) {
      throw new SvcError(messages.copyCountDiffers(table.name, dump.counts[table.name] ?? 0, counts[table.name] ?? 0), ExitCode.unexpected, messages.copyCountDiffersHint);
    }
  }
  return counts;
}

/**
 * On a server, ANALYZE of every table svc copied: until autovacuum gets to them (a minute
 * or more), the planner takes a freshly filled table for empty and picks nested loops;
 * measured at 100,000 stories, detect took 3.6–4.4 s right after a copy and 2.7 s once
 * analyzed. A table the role does not own is skipped by PostgreSQL with a notice.
 */
export function refreshStatistics(db: Db): void {
  if (!isPostgres(db)) return;
  // Every table of svc's schema, the search index's included: its trigger filled it too.
  const tables = sql(db, 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1').all() as Array<{ name: string }>;
  if (tables.length > 0) sql(db, `ANALYZE ${tables.map((t) => `"${t.name.replaceAll('"', '""')}"`).join(', ')}`).run();
}

/** Sets each sequence to give next what the source's would have. */
function continueSequences(db: Db, next: Record<string, number>): void {
  if (isPostgres(db)) {
    for (const table of copiedTables(db)) {
      const id = next[table.name];
      if (!table.rowKey || id === undefined) continue;
      // Marked as given (is_called), so the source's last id reads back as such from this copy too; a new sequence gives 1 anyway.
      if (id <= 1) continue;
      sql(db, 'SELECT setval(CAST(q.seq AS regclass), ?, true) FROM (SELECT pg_get_serial_sequence(?, ?) AS seq) q WHERE q.seq IS NOT NULL').get(id - 1, table.name, table.rowKey);
    }
    return;
  }
  // Only AUTOINCREMENT tables keep a record; the others number from their largest id anyway.
  const counting = new Set((sql(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'").all() as Array<{ name: string }>).map((r) => r.name));
  for (const [table, id] of Object.entries(next)) {
    if (!counting.has(table)) continue;
    sql(db, 'DELETE FROM sqlite_sequence WHERE name = ?').run(table);
    if (id > 1) sql(db, 'INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, id - 1);
  }
}
