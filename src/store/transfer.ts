import type { ContactDetails } from '../core/forget.ts';
import { ConflictError, SvcError, ValidationError, errorCode, isSvcError } from '../core/errors.ts';
import { checkImportedRow } from '../core/import-rules.ts';
import { messages } from '../core/messages.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportEntry, type ExportHeader, type ExportRow, type ExportStream, type ExportValue } from '../core/transfer.ts';
import { parentsFirst, readCatalogue, schemaVersion, type CatalogueTable } from './catalogue.ts';
import { customerReferences, isCustomerForgotten, mergeCustomers, removeCustomer } from './customers.ts';
import { isPostgres, sql, useSmallPageCache, type Db, type Connection } from './db.ts';
import { applyImportedForget, eraseReturnedDetails, type ImportedForget } from './forget.ts';
import { dropMatcher, linkMatchesForPractice } from './matching.ts';
import { mergePeople, personEvidence, personFacilitated, removePerson } from './people.ts';
import { mergeTags } from './tags.ts';
import { recordTombstone, tombstoneFor, type Tombstone } from './tombstones.ts';

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
  forget_pending: "forgets whose files this database has not verified clean yet",
  written_files: 'the exports and backups svc wrote from this file',
  story_vectors: 'derived from story text by the sentence encoder; made again by the next practice suggest',
  practice_vectors: 'derived from practice names likewise',
  // In a round few people answered, the counts and notes are their answers: they never leave the database.
  assessment_tallies: 'anonymous self-assessment answers, as counts per score',
  assessment_notes: 'anonymous self-assessment notes',
  // Full-text indexes (virtual tables) and their shadow tables are skipped automatically.
};

/** Columns left out unless --include-contacts: personal contact data (DESIGN.md, Privacy). */
export const CONTACT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  customers: ['email', 'phone'],
  // The number (or other contact) a customer gave for an agreed call.
  interviews: ['contact'],
};

/**
 * Ways to recognise the same row besides its uuid and unique keys, best first: for a table
 * that has neither, and for customers the natural keys `svc customers import` matches on
 * (external id, a unique key; else email; else name and phone). A customer without
 * contacts is never taken to be another by name alone: two "Sam Lee"s stay two, and
 * `svc customer merge` joins them when they are one.
 */
export const MATCH_ALSO_BY: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  practice_status_changes: [['practice_id', 'to_status', 'changed_at']],
  customers: [['email'], ['name_key', 'kind', 'phone']],
};

/**
 * Columns that tell two rows apart even when a MATCH_ALSO_BY key is equal: a customer
 * with another external id (or email) is someone else, whatever their name or phone.
 */
export const DIFFERENT_WHEN: Readonly<Record<string, readonly string[]>> = {
  customers: ['external_id', 'email'],
};

/** Deletions travel as rows of this table, first in every export, so an import deletes before it adds. */
export const TOMBSTONES = 'tombstones';

/**
 * How a row deleted by a merge elsewhere is merged here: its references move to the
 * survivor, then it is deleted. Tables not listed are simply deleted.
 */
const MERGERS: Readonly<Record<string, (db: Db, fromId: number, intoId: number, at: string) => boolean>> = {
  // A customer forgotten here stays, with its forget: merged, the forget would move to the survivor.
  customers: (db, from, into, at) => !isCustomerForgotten(db, from) && (mergeCustomers(db, from, into, at), true),
  people: (db, from, into, at) => (mergePeople(db, from, into, at), true),
  tags: (db, from, into, at) => (mergeTags(db, from, into, at), true),
};

/**
 * How a row deleted elsewhere is removed here, by the rules of the command that removed
 * it: false when something here still needs it (then it stays). Other tables' rows are
 * deleted unless a row here refers to them.
 */
const REMOVERS: Readonly<Record<string, (db: Db, id: number, at: string) => boolean>> = {
  // A story here may name the customer: it keeps them, as `svc customer rm` would.
  customers: (db, id, at) => Object.keys(customerReferences(db, id)).length === 0 && (removeCustomer(db, id, at), true),
  // Evidence or a training they facilitated here keeps the person; their training attendances go, as with `svc people rm`.
  people: (db, id, at) => personEvidence(db, id) === 0 && personFacilitated(db, id) === 0 && (removePerson(db, id, at), true),
  // The evidence only this matcher brought in goes with it, as with `svc practice unphrase`.
  practice_matchers: (db, id) => dropMatcher(db, id) !== undefined,
};

/**
 * Nullable references without which a row means nothing: a signal is about a practice or a
 * story, so one whose story was deleted here is dropped, as a NOT NULL reference's row is.
 */
const DROPPED_WITHOUT: Readonly<Record<string, readonly string[]>> = {
  signals: ['practice_id', 'story_id'],
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
  // What a held call's answer confirms: linked when it was logged, or by hand (which makes the interview newer).
  interview_practices: 'interviews',
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
  /** Each column's declared type (TEXT, INTEGER …), upper-case. */
  types: Map<string, string>;
  /** The local integer key (rowid alias), never exported: ids differ between databases. */
  localId: string | null;
  refs: Map<string, Reference>;
  /** Ways to find the same row in another database, best first (uuid first). */
  keys: string[][];
  /** The column a reference to this table carries in a file (uuid, or e.g. a tag's name). */
  refKey: string | null;
  newerWins: boolean;
  /** When a row last changed (updated_at, else created_at): compared with tombstones. */
  changedAt: string | null;
  /** Columns that cannot be NULL: a reference there to a deleted row drops the row. */
  notNull: Set<string>;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Every table that travels in an export, parents before the tables that refer to them. */
export function exportedTables(db: Db): TableShape[] {
  const catalogue = readCatalogue(db);
  const tables = catalogue.tables.filter((name) => !(name in NOT_EXPORTED)).map((name) => catalogue.table(name));
  const ordered = parentsFirst(tables).map(tableShape);
  const stones = ordered.findIndex((s) => s.name === TOMBSTONES);
  if (stones > 0) ordered.unshift(...ordered.splice(stones, 1));
  return ordered;
}

function tableShape(table: CatalogueTable): TableShape {
  const { name, rowKey: localId } = table;
  const columns = table.columns.map((c) => c.name);
  const refs = new Map<string, Reference>(table.foreignKeys.map((fk) => [fk.from, { table: fk.table, to: fk.to }]));
  const keys = table.uniqueKeys.filter((cols) => cols.every((c) => c !== localId)).map((cols) => [...cols]);
  for (const also of MATCH_ALSO_BY[name] ?? []) keys.push([...also]);
  keys.sort((a, b) => Number(b.join() === 'uuid') - Number(a.join() === 'uuid'));

  const single = keys.find((k) => k.length === 1 && !refs.has(k[0] ?? ''));
  return {
    name,
    columns,
    types: new Map(table.columns.map((c) => [c.name, c.type])),
    localId,
    refs,
    keys,
    refKey: columns.includes('uuid') ? 'uuid' : (single?.[0] ?? null),
    newerWins: columns.includes('updated_at'),
    changedAt: columns.includes('updated_at') ? 'updated_at' : columns.includes('created_at') ? 'created_at' : null,
    notNull: new Set(table.columns.filter((c) => c.notNull).map((c) => c.name)),
  };
}

/** The header of an export of this database: row counts per table, in one read snapshot. */
export function exportHeader(db: Db, tables: TableShape[], contacts: boolean, now: string): ExportHeader {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table.name] = (db.prepare(`SELECT count(*) AS n FROM ${quote(table.name)}`).get() as { n: number }).n;
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now, schema: schemaVersion(db), contacts, counts };
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
  // SQLite's read transaction sees one snapshot; PostgreSQL's default (READ COMMITTED) would not.
  db.exec(isPostgres(db) ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
  try {
    return fn();
  } finally {
    db.exec('COMMIT');
  }
}

/** readSnapshot for work that awaits (a copy that lets signals in between batches): nothing else may use db meanwhile. */
export async function readSnapshotAsync<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  db.exec(isPostgres(db) ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
  try {
    return await fn();
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
  /** Rows here that the file's tombstones deleted, or merged into another row, per table. */
  removed: Record<string, number>;
  /** Tables and table.column names in the file that this database does not have. */
  ignored: string[];
  /** Customers the file said were forgotten, forgotten here too (their traces stay in memory). */
  forgotten: ImportedForget[];
}

type Decision = 'added' | 'updated' | 'kept';

/** A reference to a row deleted here or in the file: the row that holds it is dropped. */
const GONE = Symbol('gone');

/**
 * Merges an export into the database: rows are matched by uuid (or another unique key);
 * new ones are added; existing ones are replaced only when the file's updated_at is newer.
 * Tombstones come first: a row deleted on either side stays deleted unless the other side
 * changed it later (the newer change wins). Importing the same file twice changes nothing.
 * Call inside store.write(): any error leaves the database as it was.
 */
export function importData(db: Db, stream: ExportStream, fileName: string, now = new Date()): ImportResult {
  const shapes = exportedTables(db);
  const byName = new Map(shapes.map((s) => [s.name, s]));
  // Incoming reference value → local id, only for rows matched by another key than their
  // uuid (a person matched by name): every other reference is found by its uuid in SQL.
  // What is kept per row must stay small: a file can hold a million stories.
  const mapped = new Map<string, Map<string, number>>();
  // Per table: the local ids of rows kept as they were here, whose links stay too.
  const tables = new Map<string, { counts: ImportCounts; kept: Set<number>; unknown: Set<string> }>();
  const ignoredTables = new Set<string>();
  // Merges whose survivor is not here yet: tried again once every row is in.
  const pendingMerges: Tombstone[] = [];
  // Removals refused because a row here still needed the row: tried again once the file's
  // other tombstones are applied (a person removed along with their last story).
  const refused: Tombstone[] = [];
  const removed: Record<string, number> = {};
  // The tombstoned keys of each table, read once: a query per row of a large file costs seconds.
  const stoned = new Map<string, Set<string>>();
  const stonedKeys = (table: string) => {
    let keys = stoned.get(table);
    if (!keys) {
      const rows = sql(db, 'SELECT key FROM tombstones WHERE table_name = ?').all(table) as Array<{ key: string }>;
      stoned.set(table, (keys = new Set(rows.map((r) => r.key))));
    }
    return keys;
  };
  const countRemoved = (table: string) => (removed[table] = (removed[table] ?? 0) + 1);
  let storiesChanged = 0;
  const forgotten: ImportedForget[] = [];
  const returned = new Map<number, ContactDetails>();

  for (const { table, row: incoming, where } of stream.rows) {
    const shape = byName.get(table);
    if (!shape) {
      ignoredTables.add(table);
      continue;
    }
    let state = tables.get(table);
    if (!state) tables.set(table, (state = { counts: { added: 0, updated: 0, skipped: 0 }, kept: new Set(), unknown: new Set() }));
    const { counts, kept, unknown } = state;
    checkRowValues(shape, incoming, now, { fileName, table, where });

    if (table === TOMBSTONES) {
      const stone = tombstoneOf(incoming, fileName, where);
      const recorded = recordTombstone(db, stone);
      stonedKeys(stone.table).add(stone.key);
      counts[recorded === 'kept' ? 'skipped' : recorded]++;
      const outcome = applyTombstone(db, byName, stone);
      if (outcome === 'pending') pendingMerges.push(stone);
      else if (outcome === 'refused') refused.push(stone);
      else if (outcome === 'removed') countRemoved(stone.table);
      continue;
    }

    // A row deleted here after its last change elsewhere stays deleted (merged: it is the survivor).
    const key = rowKeyText(shape, incoming);
    const stone = stonedKeys(table).has(key) ? tombstoneFor(db, table, key) : undefined;
    if (stone && !changedAfter(shape, incoming, stone.deletedAt)) {
      counts.skipped++;
      const survivor = stone.mergedInto === null ? undefined : liveRowId(db, byName, table, stone.mergedInto);
      const refValue = shape.refKey ? incoming[shape.refKey] : undefined;
      if (survivor !== undefined && refValue !== undefined && refValue !== null) mapTo(mapped, table, String(refValue), survivor);
      continue;
    }

    const values: Record<string, ExportValue> = {};
    let dropped = false;
    for (const [column, value] of Object.entries(incoming)) {
      if (column === shape.localId) continue;
      if (!shape.columns.includes(column)) {
        unknown.add(column);
        continue;
      }
      const ref = shape.refs.get(column);
      const resolved = ref && value !== null ? resolveRef(db, byName, mapped, ref, String(value), { fileName, table, where, column }) : value;
      if (resolved === GONE) {
        // A reference to a row deleted on either side: dropped where it may be empty, else the row goes too.
        if (shape.notNull.has(column) || DROPPED_WITHOUT[table]?.includes(column)) dropped = true;
        values[column] = null;
      } else values[column] = resolved;
    }
    if (dropped) {
      counts.skipped++;
      continue;
    }

    // Links of a parent whose local copy is newer stay as they are here.
    const owner = OWNED_BY[table];
    const ownerColumn = owner ? ownerColumnOf(shape, owner) : undefined;
    if (owner && ownerColumn && tables.get(owner)?.kept.has(Number(values[ownerColumn]))) {
      counts.skipped++;
      continue;
    }
    let found = findRow(db, shape, values);
    const forgot = applyImportedForget(db, table, values, found?.row);
    if (forgot) forgotten.push(forgot);
    // Forgetting recorded the forget here: the file's record of it is that one.
    if (forgot && table === 'customer_forgets') found = findRow(db, shape, values);
    // Details of a customer forgotten here, from a copy that had not heard of it: erased again once all rows are in.
    if (table === 'customers' && found && found.row.forgotten_at != null && values.forgotten_at == null) {
      const text = (column: string) => (typeof values[column] === 'string' ? String(values[column]) : null);
      returned.set(Number(found.row.id), { name: text('name'), email: text('email'), phone: text('phone'), externalId: text('external_id') });
    }
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
    // The same version here and in the file: its links come in too, so an import cut
    // short between a row and its links is completed by importing the file again.
    if (decision === 'kept' && !(found && sameVersion(shape, values, found.row))) kept.add(localId);
    const refValue = shape.refKey ? incoming[shape.refKey] : undefined;
    const localRef = found && shape.refKey ? found.row[shape.refKey] : refValue;
    if (refValue !== undefined && refValue !== null && String(localRef) !== String(refValue)) mapTo(mapped, table, String(refValue), localId);
    if (table === 'stories' && decision !== 'kept') storiesChanged++;
  }
  const applyPending = () => {
    for (const stone of pendingMerges) if (applyTombstone(db, byName, stone) === 'removed') countRemoved(stone.table);
    // Each removal may free another (a story's removal, then its person's): until none does.
    for (let again = refused.length > 0; again; ) {
      again = false;
      for (const [i, stone] of [...refused.entries()].reverse()) {
        const outcome = applyTombstone(db, byName, stone);
        if (outcome === 'refused') continue;
        refused.splice(i, 1);
        if (outcome === 'removed') countRemoved(stone.table);
        again = true;
      }
    }
    for (const [id, details] of returned) {
      const again = eraseReturnedDetails(db, id, details, now.toISOString());
      if (again) forgotten.push(again);
    }
  };
  // A batched import has committed its last batch by now: the merges get a transaction of their own.
  if (db.inTransaction) applyPending();
  else db.transaction(applyPending).immediate();

  const ordered = shapes.filter((s) => tables.has(s.name));
  return {
    tables: ordered.map((s) => ({ table: s.name, ...(tables.get(s.name)?.counts ?? { added: 0, updated: 0, skipped: 0 }) })),
    storiesChanged,
    removed,
    ignored: [...ignoredTables, ...ordered.flatMap((s) => [...(tables.get(s.name)?.unknown ?? [])].map((c) => `${s.name}.${c}`))],
    forgotten,
  };
}

function mapTo(mapped: Map<string, Map<string, number>>, table: string, refValue: string, localId: number): void {
  let map = mapped.get(table);
  if (!map) mapped.set(table, (map = new Map()));
  map.set(refValue, localId);
}

/** A row's key as tombstones name it: its uuid (or a tag's name), else its unique key's values. */
export function rowKeyText(shape: TableShape, row: Record<string, unknown>): string {
  if (shape.refKey) return String(row[shape.refKey]);
  return JSON.stringify((shape.keys[0] ?? []).map((c) => row[c] ?? null));
}

/** Whether a row changed after a time (a row that cannot tell when it changed did not). */
function changedAfter(shape: TableShape, row: Record<string, unknown>, time: string): boolean {
  const changed = shape.changedAt ? row[shape.changedAt] : null;
  return typeof changed === 'string' && changed > time;
}

function tombstoneOf(row: ExportRow, fileName: string, where: string): Tombstone {
  const { table_name: table, key, deleted_at: deletedAt, merged_into: mergedInto } = row;
  if (typeof table !== 'string' || typeof key !== 'string' || typeof deletedAt !== 'string' || (mergedInto !== null && typeof mergedInto !== 'string')) {
    throw new ValidationError(messages.importBadRow(fileName, `${where}: a tombstone needs table_name, key and deleted_at as text`), messages.importBadFileHint);
  }
  return { table, key, deletedAt, mergedInto: mergedInto ?? null };
}

/** The local id of the row with this key, following merges to the row that survived them. */
function liveRowId(db: Db, byName: Map<string, TableShape>, table: string, key: string): number | undefined {
  const shape = byName.get(table);
  if (!shape?.refKey || !shape.localId) return undefined;
  for (let hops = 0, at: string | null = key; at !== null && hops < 100; hops++) {
    const row = sql(db, `SELECT ${quote(shape.localId)} AS id FROM ${quote(table)} WHERE ${quote(shape.refKey)} = ?`).get(at) as { id: number } | undefined;
    if (row) return row.id;
    at = tombstoneFor(db, table, at)?.mergedInto ?? null;
  }
  return undefined;
}

/**
 * Applies a tombstone to the row it names, if that row is here and did not change after
 * it: a merge moves the row's references to the survivor ('pending' while the survivor
 * is not here yet); a deletion deletes it, unless rows here still need it ('refused').
 */
function applyTombstone(db: Db, byName: Map<string, TableShape>, stone: Tombstone): 'removed' | 'pending' | 'refused' | 'none' {
  const shape = byName.get(stone.table);
  if (!shape || stone.table === TOMBSTONES) return 'none';
  const where = shape.refKey ? [shape.refKey] : (shape.keys[0] ?? []);
  if (where.length === 0) return 'none';
  // A key of references (an evidence link: practice and story) names their rows by uuid.
  const params: unknown[] = [];
  const values = shape.refKey ? [stone.key] : keyValues(stone.key);
  if (values?.length !== where.length) return 'none';
  for (const [i, value] of values.entries()) {
    const ref = shape.refKey ? undefined : shape.refs.get(where[i] ?? '');
    const local = ref && value !== null ? liveRowId(db, byName, ref.table, String(value)) : value;
    if (local === undefined) return 'none';
    params.push(local);
  }
  const row = sql(db, `SELECT * FROM ${quote(shape.name)} WHERE ${where.map((c) => `${quote(c)} IS ?`).join(' AND ')}`).get(...params) as
    | Record<string, unknown>
    | undefined;
  if (!row || changedAfter(shape, row, stone.deletedAt)) return 'none';
  const merge = MERGERS[shape.name];
  if (stone.mergedInto !== null && merge && shape.localId) {
    const survivor = liveRowId(db, byName, shape.name, stone.mergedInto);
    if (survivor === undefined) return 'pending';
    if (survivor === Number(row[shape.localId])) return 'none';
    return merge(db, Number(row[shape.localId]), survivor, stone.deletedAt) ? 'removed' : 'none';
  }
  const remover = REMOVERS[shape.name];
  if (remover && shape.localId) return remover(db, Number(row[shape.localId]), stone.deletedAt) ? 'removed' : 'refused';
  // Rows here that still refer to it keep it.
  const remove = db.transaction(() => sql(db, `DELETE FROM ${quote(shape.name)} WHERE ${where.map((c) => `${quote(c)} IS ?`).join(' AND ')}`).run(...params));
  try {
    remove();
    return 'removed';
  } catch (error) {
    if (brokenConstraint(error) === 'reference') return 'refused';
    throw error;
  }
}

/** The values of a tombstone's composite key (a JSON array), or undefined if it is not one. */
function keyValues(key: string): unknown[] | undefined {
  try {
    const parsed = JSON.parse(key) as unknown;
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A row's values checked before anything is written: text where the schema holds text,
 * whole numbers where it holds them, and the command line's own rules for what people type.
 */
function checkRowValues(shape: TableShape, row: ExportRow, now: Date, at: { fileName: string; table: string; where: string }): void {
  try {
    for (const [column, value] of Object.entries(row)) {
      if (value === null || shape.refs.has(column)) continue;
      const type = shape.types.get(column);
      if (type === 'TEXT' && typeof value !== 'string') throw new ValidationError(messages.importFieldType(column, 'text', String(value)));
      if (type === 'INTEGER' && !(typeof value === 'number' && Number.isSafeInteger(value))) {
        throw new ValidationError(messages.importFieldType(column, 'a whole number', JSON.stringify(value)));
      }
    }
    checkImportedRow(at.table, row, now);
  } catch (error) {
    if (!isSvcError(error)) throw error;
    throw new ValidationError(messages.importInvalidRow(at.fileName, at.table, at.where, error.message), messages.importBadFileHint);
  }
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
  byName: Map<string, TableShape>,
  mapped: Map<string, Map<string, number>>,
  ref: Reference,
  value: string,
  at: { fileName: string; table: string; where: string; column: string },
): number | typeof GONE {
  const local = mapped.get(ref.table)?.get(value);
  if (local !== undefined) return local;
  const target = byName.get(ref.table);
  const row = target?.refKey
    ? (sql(db, `SELECT ${quote(ref.to)} AS id FROM ${quote(ref.table)} WHERE ${quote(target.refKey)} = ?`).get(value) as { id: number } | undefined)
    : undefined;
  if (row) return row.id;
  // Deleted here or in the file: merged rows lead to their survivor, deleted ones nowhere.
  const stone = tombstoneFor(db, ref.table, value);
  if (stone) return (stone.mergedInto === null ? undefined : liveRowId(db, byName, ref.table, stone.mergedInto)) ?? GONE;
  throw new ValidationError(messages.importDangling(at.fileName, at.table, at.where, at.column, value), messages.importBadFileHint);
}

function findRow(db: Db, shape: TableShape, values: Record<string, ExportValue>): { key: string[]; row: Record<string, unknown> } | undefined {
  const distinct = DIFFERENT_WHEN[shape.name] ?? [];
  for (const key of shape.keys) {
    if (!key.every((c) => values[c] !== undefined && values[c] !== null)) continue;
    // Found by a natural key, a row is the same only if nothing that tells rows apart differs.
    const natural = (MATCH_ALSO_BY[shape.name] ?? []).some((also) => also.join() === key.join());
    const apart = natural ? distinct.filter((c) => values[c] !== undefined && values[c] !== null) : [];
    const order = shape.localId ? ` ORDER BY ${quote(shape.localId)} LIMIT 1` : '';
    const row = sql(
      db,
      `SELECT * FROM ${quote(shape.name)} WHERE ${[...key.map((c) => `${quote(c)} = ?`), ...apart.map((c) => `(${quote(c)} IS NULL OR ${quote(c)} = ?)`)].join(' AND ')}${order}`,
    ).get(...key.map((c) => values[c]), ...apart.map((c) => values[c])) as Record<string, unknown> | undefined;
    if (row) return { key, row };
  }
  return undefined;
}

function isNewer(shape: TableShape, values: Record<string, ExportValue>, local: Record<string, unknown>): boolean {
  if (!shape.newerWins) return false;
  const theirs = values.updated_at;
  return typeof theirs === 'string' && theirs > String(local.updated_at ?? '');
}

function sameVersion(shape: TableShape, values: Record<string, ExportValue>, local: Record<string, unknown>): boolean {
  return shape.newerWins && typeof values.updated_at === 'string' && values.updated_at === String(local.updated_at ?? '');
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

/**
 * Which kind of constraint a failed write broke, on either engine: SQLite's extended
 * codes, or PostgreSQL's SQLSTATE class 23 (23505 unique, 23503 foreign key). Undefined
 * when it was no constraint.
 */
export function brokenConstraint(error: unknown): 'unique' | 'reference' | 'other' | undefined {
  const code = errorCode(error);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') return 'unique';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return 'reference';
  return code.startsWith('SQLITE_CONSTRAINT') || /^23\d{3}$/u.test(code) ? 'other' : undefined;
}

/** Constraint failures on a row from the file, as errors that name the row. */
function guard<T>(fn: () => T, fileName: string, table: string, where: string): T {
  try {
    return fn();
  } catch (error) {
    const broken = brokenConstraint(error);
    if (!broken) throw error;
    const reason = error instanceof Error ? error.message : errorCode(error);
    if (broken === 'unique') throw new ConflictError(messages.importConflict(table, where, reason), messages.importConflictHint(table));
    throw new ValidationError(messages.importInvalidRow(fileName, table, where, reason), messages.importBadFileHint);
  }
}

class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/** Files with more records than this are imported in batches (see importExport). */
export const BATCH_IMPORT_FROM = 20_000;
/** Records per transaction of a batched import: a fraction of a second of writing. */
export const IMPORT_BATCH = 2_000;

/**
 * Imports an export. A file of up to BATCH_IMPORT_FROM records (and every dry run, every
 * import on PostgreSQL, and one asked to be `whole`) goes in one transaction: all of it
 * or nothing. A larger one would hold the write
 * lock for many seconds, longer than a concurrent `story add` waits; so it is first read
 * whole and checked without the lock (`reread` gives the file again from its start), then
 * written IMPORT_BATCH records per transaction, each batch parsed before its transaction
 * begins. If such an import stops part-way (killed, or a clash found only while
 * writing), the batches written stay; importing the file again finishes it, as records
 * are matched by uuid. Stories that came in are linked to the practices whose matchers
 * they carry; a dry run does everything, then rolls it back, so its counts are exact.
 */
export function importExport(
  store: Connection,
  data: ExportStream,
  fileName: string,
  options: { dryRun: boolean; now: string; reread?: () => ExportStream; whole?: boolean },
): ImportResult {
  const postgres = isPostgres(store.db);
  // Long imports touch each page about once: a large cache only holds memory.
  if (!postgres) useSmallPageCache(store.db);
  const records = Object.values(data.header.counts).reduce((sum, n) => sum + n, 0);
  // PostgreSQL's writers do not wait for one another's transactions (only for the same
  // rows), so there a large import is one transaction too: all of it or nothing.
  if (!postgres && options.reread && !options.dryRun && !options.whole && records > BATCH_IMPORT_FROM) return importInBatches(store, data, fileName, options.now, options.reread);
  let attempts = 0;
  try {
    return store.write(() => {
      // PostgreSQL runs the transaction again after a serialization failure: the file is read again from its start.
      const stream = attempts++ === 0 ? data : rereadFor(data, options.reread);
      const result = importData(store.db, stream, fileName, new Date(options.now));
      if (result.storiesChanged > 0) relinkPractices(store.db, options.now);
      store.pause('import');
      if (options.dryRun) throw new DryRun(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw error;
  }
}

/**
 * The export again from its first row, for a transaction run a second time: rows held
 * in a list are simply read again; a file is read again through reread. A stream that
 * can be read only once cannot be retried, and is reported as the conflict it was.
 */
function rereadFor(data: ExportStream, reread: (() => ExportStream) | undefined): ExportStream {
  // A generator is its own iterator and is spent after one pass; a list makes a new one each time.
  if ((data.rows[Symbol.iterator]() as unknown) !== data.rows) return data;
  if (reread) return reread();
  throw new ConflictError(messages.dbBusy, messages.dbBusyHint);
}

function activePracticeIds(db: Db): number[] {
  return (sql(db, "SELECT id FROM practices WHERE status <> 'retired'").all() as Array<{ id: number }>).map((row) => row.id);
}

function relinkPractices(db: Db, now: string): void {
  for (const id of activePracticeIds(db)) linkMatchesForPractice(db, id, now);
}

function importInBatches(store: Connection, first: ExportStream, fileName: string, now: string, reread: () => ExportStream): ImportResult {
  const db = store.db;
  const at = new Date(now);
  // Every check that needs no writing, over the whole file, before anything is written.
  const byName = new Map(exportedTables(db).map((shape) => [shape.name, shape]));
  for (const { table, row, where } of first.rows) {
    const shape = byName.get(table);
    if (shape) checkRowValues(shape, row, at, { fileName, table, where });
  }
  const stream = reread();
  let open = false;
  let committed = 0;
  const inBatches = function* (): Generator<ExportEntry> {
    const rows = stream.rows[Symbol.iterator]();
    for (;;) {
      // Read and parsed before the transaction begins: meanwhile other writers get in.
      const batch: ExportEntry[] = [];
      while (batch.length < IMPORT_BATCH) {
        const next = rows.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) return;
      db.exec('BEGIN IMMEDIATE');
      open = true;
      yield* batch;
      db.exec('COMMIT');
      open = false;
      committed += batch.length;
    }
  };
  try {
    const result = importData(db, { header: stream.header, rows: inBatches() }, fileName, at);
    if (result.storiesChanged > 0) {
      for (const id of activePracticeIds(db)) store.write(() => linkMatchesForPractice(db, id, now));
    }
    return result;
  } catch (error) {
    if (open) db.exec('ROLLBACK');
    // The batches before the failing one are committed: say so, and how to finish.
    if (committed > 0 && isSvcError(error)) {
      throw new SvcError(messages.importStoppedPartWay(error.message, committed), error.exitCode, messages.importStoppedPartWayHint);
    }
    throw error;
  }
}
