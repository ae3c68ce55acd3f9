import { ConflictError, ValidationError, errorCode } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportHeader, type ExportRow, type ExportStream, type ExportValue } from '../core/transfer.ts';
import { sql, useSmallPageCache, type Db, type Store } from './db.ts';
import { linkMatchesForPractice } from './matching.ts';
import { pauseForTest } from './test-pause.ts';

/*
 * Export and import copy every table of the schema generically: columns are read from
 * the database, rows are matched by UUID (or another unique key), and references travel
 * as the UUID of the row they point to. A table or column a later migration adds
 * therefore travels without changes here. What does NOT travel, and the few rules no
 * schema can tell, are the lists just below: check them when a migration adds a table.
 */

/** Tables never exported: this file's bookkeeping, and data derived from other tables (rebuilt on import). */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  schema_migrations: 'which migrations this file has had',
  story_phrases: 'derived from story text; rebuilt by the next command that reads phrases',
  story_phrase_index: 'which stories have their phrases cached; rebuilt likewise',
  story_vectors: 'derived from story text by the sentence encoder; made again by the next practice suggest',
  practice_vectors: 'derived from practice names likewise',
  // Full-text indexes (virtual tables) and their shadow tables are skipped automatically.
};

/** Columns left out unless --include-contacts: personal contact data (DESIGN.md, Privacy). */
export const CONTACT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  customers: ['email', 'phone'],
};

/**
 * Ways to recognise the same row besides its uuid and unique keys: for a table that has
 * neither, and where svc itself takes two rows to be the same (it finds a customer by
 * name and kind, so two people's "Acme" is one customer).
 */
export const MATCH_ALSO_BY: Readonly<Record<string, readonly string[]>> = {
  practice_status_changes: ['practice_id', 'to_status', 'changed_at'],
  customers: ['name_key', 'kind'],
};

/**
 * Link tables whose rows belong to one parent row: when a newer version of the parent
 * is imported, its links are replaced by the file's; when ours is newer, ours stay.
 */
export const OWNED_BY: Readonly<Record<string, string>> = {
  story_people: 'stories',
  story_tags: 'stories',
  training_attendees: 'trainings',
  procedure_sources: 'procedures',
};

interface Reference {
  table: string;
  /** The referenced column (the parent's id). */
  to: string;
}

/** What export and import need to know about one table, read from the schema. */
export interface TableShape {
  name: string;
  columns: string[];
  /** The local integer key (rowid alias), never exported: ids differ between databases. */
  localId: string | null;
  refs: Map<string, Reference>;
  /** Ways to find the same row in another database, best first (uuid first). */
  keys: string[][];
  /** The column a reference to this table carries in a file (uuid, or e.g. a tag's name). */
  refKey: string | null;
  newerWins: boolean;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Every table that travels in an export, parents before the tables that refer to them. */
export function exportedTables(db: Db): TableShape[] {
  const list = db.prepare('PRAGMA table_list').all() as Array<{ schema: string; name: string; type: string }>;
  const virtual = list.filter((t) => t.schema === 'main' && t.type === 'virtual').map((t) => t.name);
  const names = list
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .filter((name) => !(name in NOT_EXPORTED) && !virtual.some((v) => name.startsWith(`${v}_`)))
    .sort();
  const shapes = new Map(names.map((name) => [name, tableShape(db, name)]));
  const ordered: TableShape[] = [];
  const visit = (name: string, path: string[]) => {
    const shape = shapes.get(name);
    if (!shape || ordered.includes(shape) || path.includes(name)) return;
    for (const ref of shape.refs.values()) if (ref.table !== name) visit(ref.table, [...path, name]);
    ordered.push(shape);
  };
  for (const name of names) visit(name, []);
  return ordered;
}

function tableShape(db: Db, name: string): TableShape {
  const info = db.prepare(`PRAGMA table_xinfo(${quote(name)})`).all() as Array<{ name: string; type: string; pk: number; hidden: number }>;
  const columns = info.filter((c) => c.hidden === 0).map((c) => c.name);
  const pk = info.filter((c) => c.pk > 0);
  const withoutRowid = (db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(name) as { wr: number }).wr === 1;
  const localId = !withoutRowid && pk.length === 1 && pk[0]?.type.toUpperCase() === 'INTEGER' ? (pk[0]?.name ?? null) : null;

  const refs = new Map<string, Reference>();
  for (const fk of db.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as Array<{ table: string; from: string; to: string | null }>) {
    refs.set(fk.from, { table: fk.table, to: fk.to ?? 'id' });
  }

  const keys: string[][] = [];
  for (const index of db.prepare(`PRAGMA index_list(${quote(name)})`).all() as Array<{ name: string; unique: number }>) {
    if (index.unique !== 1) continue;
    const cols = (db.prepare(`PRAGMA index_info(${quote(index.name)})`).all() as Array<{ name: string | null }>).map((c) => c.name);
    if (cols.every((c): c is string => c !== null && c !== localId)) keys.push(cols);
  }
  const also = MATCH_ALSO_BY[name];
  if (also) keys.push([...also]);
  keys.sort((a, b) => Number(b.join() === 'uuid') - Number(a.join() === 'uuid'));

  const single = keys.find((k) => k.length === 1 && !refs.has(k[0] ?? ''));
  return {
    name,
    columns,
    localId,
    refs,
    keys,
    refKey: columns.includes('uuid') ? 'uuid' : (single?.[0] ?? null),
    newerWins: columns.includes('updated_at'),
  };
}

/** The header of an export of this database: row counts per table, in one read snapshot. */
export function exportHeader(db: Db, tables: TableShape[], contacts: boolean, now: string): ExportHeader {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table.name] = (db.prepare(`SELECT count(*) AS n FROM ${quote(table.name)}`).get() as { n: number }).n;
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now, schema: Number(db.pragma('user_version', { simple: true })), contacts, counts };
}

/**
 * Every row of one table as it travels: no local ids, references as the referenced
 * row's uuid (or name), contact columns only when asked. Streams; call inside readSnapshot.
 */
export function* exportRows(db: Db, table: TableShape, shapes: TableShape[], contacts: boolean): Generator<ExportRow> {
  const left = contacts ? [] : (CONTACT_COLUMNS[table.name] ?? []);
  const columns = table.columns.filter((c) => c !== table.localId && !left.includes(c));
  const select = columns.map((column) => {
    const ref = table.refs.get(column);
    if (!ref) return `t.${quote(column)}`;
    const target = shapes.find((s) => s.name === ref.table);
    if (!target?.refKey) throw new Error(`the export cannot refer to rows of ${ref.table}: give it a uuid or a unique key`);
    return `(SELECT r.${quote(target.refKey)} FROM ${quote(ref.table)} r WHERE r.${quote(ref.to)} = t.${quote(column)}) AS ${quote(column)}`;
  });
  const order = table.localId ? quote(table.localId) : columns.map(quote).join(', ');
  for (const row of db.prepare(`SELECT ${select.join(', ')} FROM ${quote(table.name)} t ORDER BY ${order}`).iterate()) {
    yield row as ExportRow;
  }
}

/** Runs fn on one consistent read snapshot of the database. */
export function readSnapshot<T>(db: Db, fn: () => T): T {
  db.exec('BEGIN');
  try {
    return fn();
  } finally {
    db.exec('COMMIT');
  }
}

export interface ImportCounts {
  added: number;
  updated: number;
  skipped: number;
}

export interface ImportResult {
  /** Per table, in the order they were imported; tables with no rows in the file are left out. */
  tables: Array<{ table: string } & ImportCounts>;
  /** How many stories were added or updated (derived data such as links follows them). */
  storiesChanged: number;
  /** Tables and table.column names in the file that this database does not have. */
  ignored: string[];
}

type Decision = 'added' | 'updated' | 'kept';

/**
 * Merges an export into the database: rows are matched by uuid (or another unique key);
 * new ones are added; existing ones are replaced only when the file's updated_at is newer.
 * Importing the same file twice changes nothing. Call inside store.write(): any error
 * leaves the database as it was.
 */
export function importData(db: Db, stream: ExportStream, fileName: string): ImportResult {
  const shapes = exportedTables(db);
  const byName = new Map(shapes.map((s) => [s.name, s]));
  // Incoming reference value → local id, only for rows matched by another key than their
  // uuid (a person matched by name): every other reference is found by its uuid in SQL.
  // What is kept per row must stay small: a file can hold a million stories.
  const mapped = new Map<string, Map<string, number>>();
  // Per table: the local ids of rows kept as they were here, whose links stay too.
  const tables = new Map<string, { counts: ImportCounts; kept: Set<number>; unknown: Set<string> }>();
  const ignoredTables = new Set<string>();
  let storiesChanged = 0;

  for (const { table, row: incoming, where } of stream.rows) {
    const shape = byName.get(table);
    if (!shape) {
      ignoredTables.add(table);
      continue;
    }
    let state = tables.get(table);
    if (!state) tables.set(table, (state = { counts: { added: 0, updated: 0, skipped: 0 }, kept: new Set(), unknown: new Set() }));
    const { counts, kept, unknown } = state;
    const values: Record<string, ExportValue> = {};
    for (const [column, value] of Object.entries(incoming)) {
      if (column === shape.localId) continue;
      if (!shape.columns.includes(column)) {
        unknown.add(column);
        continue;
      }
      const ref = shape.refs.get(column);
      values[column] = ref && value !== null ? resolveRef(db, shapes, mapped, ref, String(value), { fileName, table, where, column }) : value;
    }

    // Links of a parent whose local copy is newer stay as they are here.
    const owner = OWNED_BY[table];
    const ownerColumn = owner ? ownerColumnOf(shape, owner) : undefined;
    if (owner && ownerColumn && tables.get(owner)?.kept.has(Number(values[ownerColumn]))) {
      counts.skipped++;
      continue;
    }
    const found = findRow(db, shape, values);
    let localId: number | undefined;
    let decision: Decision;
    if (!found) {
      localId = guard(() => insertRow(db, shape, values), fileName, table, where);
      decision = 'added';
      counts.added++;
    } else {
      localId = shape.localId ? Number(found.row[shape.localId]) : undefined;
      if (isNewer(shape, values, found.row) && !keepsForgotten(shape, values, found.row)) {
        guard(() => updateRow(db, shape, values, found.key, found.row), fileName, table, where);
        // Its links are replaced by the file's, which follow it.
        if (localId !== undefined) clearOwnedLinks(db, byName, table, localId);
        decision = 'updated';
        counts.updated++;
      } else {
        decision = 'kept';
        counts.skipped++;
      }
    }
    if (localId === undefined) continue;
    if (decision === 'kept') kept.add(localId);
    const refValue = shape.refKey ? incoming[shape.refKey] : undefined;
    const localRef = found && shape.refKey ? found.row[shape.refKey] : refValue;
    if (refValue !== undefined && refValue !== null && String(localRef) !== String(refValue)) {
      let map = mapped.get(table);
      if (!map) mapped.set(table, (map = new Map()));
      map.set(String(refValue), localId);
    }
    if (table === 'stories' && decision !== 'kept') storiesChanged++;
  }

  const ordered = shapes.filter((s) => tables.has(s.name));
  return {
    tables: ordered.map((s) => ({ table: s.name, ...(tables.get(s.name)?.counts ?? { added: 0, updated: 0, skipped: 0 }) })),
    storiesChanged,
    ignored: [...ignoredTables, ...ordered.flatMap((s) => [...(tables.get(s.name)?.unknown ?? [])].map((c) => `${s.name}.${c}`))],
  };
}

function ownerColumnOf(shape: TableShape, owner: string): string | undefined {
  return [...shape.refs].find(([, ref]) => ref.table === owner)?.[0];
}

function clearOwnedLinks(db: Db, byName: Map<string, TableShape>, owner: string, id: number): void {
  for (const [table, parent] of Object.entries(OWNED_BY)) {
    const shape = byName.get(table);
    const column = parent === owner && shape ? ownerColumnOf(shape, owner) : undefined;
    if (column) sql(db, `DELETE FROM ${quote(table)} WHERE ${quote(column)} = ?`).run(id);
  }
}

function resolveRef(
  db: Db,
  shapes: TableShape[],
  mapped: Map<string, Map<string, number>>,
  ref: Reference,
  value: string,
  at: { fileName: string; table: string; where: string; column: string },
): number {
  const local = mapped.get(ref.table)?.get(value);
  if (local !== undefined) return local;
  const target = shapes.find((s) => s.name === ref.table);
  const row = target?.refKey
    ? (sql(db, `SELECT ${quote(ref.to)} AS id FROM ${quote(ref.table)} WHERE ${quote(target.refKey)} = ?`).get(value) as { id: number } | undefined)
    : undefined;
  if (!row) throw new ValidationError(messages.importDangling(at.fileName, at.table, at.where, at.column, value), messages.importBadFileHint);
  return row.id;
}

function findRow(db: Db, shape: TableShape, values: Record<string, ExportValue>): { key: string[]; row: Record<string, unknown> } | undefined {
  for (const key of shape.keys) {
    if (!key.every((c) => values[c] !== undefined && values[c] !== null)) continue;
    const order = shape.localId ? ` ORDER BY ${quote(shape.localId)} LIMIT 1` : '';
    const row = sql(db, `SELECT * FROM ${quote(shape.name)} WHERE ${key.map((c) => `${quote(c)} = ?`).join(' AND ')}${order}`).get(
      ...key.map((c) => values[c]),
    ) as Record<string, unknown> | undefined;
    if (row) return { key, row };
  }
  return undefined;
}

function isNewer(shape: TableShape, values: Record<string, ExportValue>, local: Record<string, unknown>): boolean {
  if (!shape.newerWins) return false;
  const theirs = values.updated_at;
  return typeof theirs === 'string' && theirs > String(local.updated_at ?? '');
}

/** A customer forgotten here is never brought back by an older copy of their data. */
function keepsForgotten(shape: TableShape, values: Record<string, ExportValue>, local: Record<string, unknown>): boolean {
  return shape.columns.includes('forgotten_at') && local.forgotten_at != null && values.forgotten_at == null;
}

function insertRow(db: Db, shape: TableShape, values: Record<string, ExportValue>): number | undefined {
  const columns = Object.keys(values);
  const result = sql(db, `INSERT INTO ${quote(shape.name)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
    ...columns.map((c) => values[c]),
  );
  return shape.localId ? Number(result.lastInsertRowid) : undefined;
}

function updateRow(db: Db, shape: TableShape, values: Record<string, ExportValue>, key: string[], local: Record<string, unknown>): void {
  // The local uuid stays: other databases may already know this row by it.
  const columns = Object.keys(values).filter((c) => c !== shape.refKey && !key.includes(c));
  if (columns.length === 0) return;
  // Exactly the row that was found, even when the key it was found by is not unique.
  const where = shape.localId ? [shape.localId] : key;
  sql(db, `UPDATE ${quote(shape.name)} SET ${columns.map((c) => `${quote(c)} = ?`).join(', ')} WHERE ${where.map((c) => `${quote(c)} = ?`).join(' AND ')}`).run(
    ...columns.map((c) => values[c]),
    ...where.map((c) => local[c]),
  );
}

/** SQLite's constraint failures on a row from the file, as errors that name the row. */
function guard<T>(fn: () => T, fileName: string, table: string, where: string): T {
  try {
    return fn();
  } catch (error) {
    const code = errorCode(error);
    if (!code.startsWith('SQLITE_CONSTRAINT')) throw error;
    const reason = error instanceof Error ? error.message : code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new ConflictError(messages.importConflict(table, where, reason), messages.importConflictHint);
    throw new ValidationError(messages.importInvalidRow(fileName, table, where, reason), messages.importBadFileHint);
  }
}

class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Imports in one IMMEDIATE transaction: all of the file or nothing. Stories that came in
 * are linked to the practices whose matchers they carry; a dry run does everything,
 * then rolls it back, so its counts are exact.
 */
export function importExport(store: Store, data: ExportStream, fileName: string, options: { dryRun: boolean; now: string }): ImportResult {
  // One long transaction that touches each page about once: a large cache only holds memory.
  useSmallPageCache(store.db);
  try {
    return store.write(() => {
      const result = importData(store.db, data, fileName);
      if (result.storiesChanged > 0) {
        const practices = sql(store.db, "SELECT id FROM practices WHERE status <> 'retired'").all() as Array<{ id: number }>;
        for (const { id } of practices) linkMatchesForPractice(store.db, id, options.now);
      }
      pauseForTest('import');
      if (options.dryRun) throw new DryRun(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw error;
  }
}
