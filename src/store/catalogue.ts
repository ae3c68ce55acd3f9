import { isPostgres, sql, type Db } from './db.ts';

/*
 * What the schema itself says about svc's tables, read from the engine's catalogue:
 * SQLite's pragmas, or PostgreSQL's pg_catalog. Export, import and `svc db copy` are
 * driven by it, so a table a later migration adds travels without changes there. Both
 * engines answer in SQLite's terms (declared types TEXT, INTEGER, REAL, BLOB; the
 * integer key rows are numbered by), so what is built on it reads the same on either.
 */

export interface CatalogueColumn {
  name: string;
  /** The declared type as SQLite spells it, upper-case: TEXT, INTEGER, REAL or BLOB. */
  type: string;
  notNull: boolean;
}

export interface CatalogueTable {
  name: string;
  columns: CatalogueColumn[];
  /** The integer key a row is numbered by (SQLite's rowid alias; an identity or integer key on PostgreSQL), if any. */
  rowKey: string | null;
  /** Each referencing column, with the table and column it points at. */
  foreignKeys: Array<{ from: string; table: string; to: string }>;
  /** The columns of each unique index (the primary key's too), in the order the engine lists them. */
  uniqueKeys: string[][];
}

export interface Catalogue {
  /** svc's own tables, by name, without full-text indexes and their shadow tables. */
  tables: string[];
  table(name: string): CatalogueTable;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The catalogue of the database's tables (read once per call: the schema does not change under a command). */
export function readCatalogue(db: Db): Catalogue {
  return isPostgres(db) ? postgresCatalogue(db) : sqliteCatalogue(db);
}

/** The schema version: the newest migration applied. */
export function schemaVersion(db: Db): number {
  if (!isPostgres(db)) return Number(db.pragma('user_version', { simple: true }));
  return Number((sql(db, 'SELECT coalesce(max(version), 0) AS version FROM schema_migrations').get() as { version: number }).version);
}

function sqliteCatalogue(db: Db): Catalogue {
  const list = db.prepare('PRAGMA table_list').all() as Array<{ schema: string; name: string; type: string; wr: number }>;
  const virtual = list.filter((t) => t.schema === 'main' && t.type === 'virtual').map((t) => t.name);
  const tables = list
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
    .filter((t) => !virtual.some((v) => t.name.startsWith(`${v}_`)));
  const withoutRowid = new Set(tables.filter((t) => t.wr === 1).map((t) => t.name));
  return {
    tables: tables.map((t) => t.name).sort(),
    table(name) {
      const info = db.prepare(`PRAGMA table_xinfo(${quote(name)})`).all() as Array<{ name: string; type: string; pk: number; hidden: number; notnull: number }>;
      const pk = info.filter((c) => c.pk > 0);
      const rowKey = !withoutRowid.has(name) && pk.length === 1 && pk[0]?.type.toUpperCase() === 'INTEGER' ? (pk[0]?.name ?? null) : null;
      const foreignKeys = (db.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as Array<{ table: string; from: string; to: string | null }>).map((fk) => ({
        from: fk.from,
        table: fk.table,
        to: fk.to ?? 'id',
      }));
      const uniqueKeys: string[][] = [];
      for (const index of db.prepare(`PRAGMA index_list(${quote(name)})`).all() as Array<{ name: string; unique: number }>) {
        if (index.unique !== 1) continue;
        const columns = (db.prepare(`PRAGMA index_info(${quote(index.name)})`).all() as Array<{ name: string | null }>).map((c) => c.name);
        // An index on an expression names no column there: it says nothing about which row is which.
        if (columns.every((c): c is string => c !== null)) uniqueKeys.push(columns);
      }
      return {
        name,
        columns: info.filter((c) => c.hidden === 0).map((c) => ({ name: c.name, type: c.type.toUpperCase(), notNull: c.notnull === 1 })),
        rowKey,
        foreignKeys,
        uniqueKeys,
      };
    },
  };
}

/** PostgreSQL's types as SQLite declares the same columns (migrations/postgres/README.md maps them). */
const SQLITE_TYPE: Readonly<Record<string, string>> = {
  bigint: 'INTEGER',
  integer: 'INTEGER',
  smallint: 'INTEGER',
  text: 'TEXT',
  'double precision': 'REAL',
  real: 'REAL',
  bytea: 'BLOB',
};

const POSTGRES_COLUMNS = `
SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, NULL) AS column_type, a.attnotnull AS not_null
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace ns ON ns.oid = c.relnamespace
 WHERE ns.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY c.relname, a.attnum`;

// Every unique index with its columns in order (0 for an expression), the most recent
// first as SQLite lists them; the primary key is one of them.
const POSTGRES_UNIQUE_KEYS = `
SELECT t.relname AS table_name, ix.indexrelid AS index_id, ix.indisprimary AS is_primary, k.position, coalesce(a.attname, '') AS column_name
  FROM pg_index ix
  JOIN pg_class t ON t.oid = ix.indrelid
  JOIN pg_namespace ns ON ns.oid = t.relnamespace
  JOIN LATERAL unnest(CAST(ix.indkey AS int2[])) WITH ORDINALITY AS k(attnum, position) ON true
  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
 WHERE ns.nspname = current_schema() AND ix.indisunique
 ORDER BY t.relname, ix.indexrelid DESC, k.position`;

const POSTGRES_FOREIGN_KEYS = `
SELECT c.relname AS table_name, a.attname AS from_column, r.relname AS to_table, ra.attname AS to_column
  FROM pg_constraint k
  JOIN pg_class c ON c.oid = k.conrelid
  JOIN pg_namespace ns ON ns.oid = c.relnamespace
  JOIN pg_class r ON r.oid = k.confrelid
  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
  JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
 WHERE k.contype = 'f' AND ns.nspname = current_schema()
 ORDER BY c.relname, k.oid DESC`;

function postgresCatalogue(db: Db): Catalogue {
  const columns = sql(db, POSTGRES_COLUMNS).all() as Array<{ table_name: string; column_name: string; column_type: string; not_null: boolean }>;
  const uniques = sql(db, POSTGRES_UNIQUE_KEYS).all() as Array<{ table_name: string; index_id: number; is_primary: boolean; position: number; column_name: string }>;
  const foreign = sql(db, POSTGRES_FOREIGN_KEYS).all() as Array<{ table_name: string; from_column: string; to_table: string; to_column: string }>;
  // A table with a tsvector column is a full-text index (stories_fts), kept by triggers: never data of its own.
  const fullText = new Set(columns.filter((c) => c.column_type === 'tsvector').map((c) => c.table_name));
  const names = [...new Set(columns.map((c) => c.table_name))].filter((name) => !fullText.has(name)).sort();
  return {
    tables: names,
    table(name) {
      const own = columns.filter((c) => c.table_name === name);
      const indexes = new Map<number, { primary: boolean; columns: string[] }>();
      for (const u of uniques.filter((row) => row.table_name === name)) {
        const index = indexes.get(u.index_id) ?? { primary: u.is_primary, columns: [] };
        index.columns.push(u.column_name);
        indexes.set(u.index_id, index);
      }
      const primary = [...indexes.values()].find((index) => index.primary)?.columns ?? [];
      const keyColumn = primary.length === 1 ? own.find((c) => c.column_name === primary[0]) : undefined;
      const rowKey = keyColumn && SQLITE_TYPE[keyColumn.column_type] === 'INTEGER' ? keyColumn.column_name : null;
      return {
        name,
        columns: own.map((c) => ({
          name: c.column_name,
          type: SQLITE_TYPE[c.column_type] ?? c.column_type.toUpperCase(),
          // SQLite does not call its rowid alias NOT NULL, though it never is.
          notNull: c.not_null && c.column_name !== rowKey,
        })),
        rowKey,
        foreignKeys: foreign.filter((f) => f.table_name === name).map((f) => ({ from: f.from_column, table: f.to_table, to: f.to_column })),
        uniqueKeys: [...indexes.values()].filter((index) => index.columns.every((c) => c !== '')).map((index) => index.columns),
      };
    },
  };
}

/**
 * The tables in an order that inserts a row's parents before it: each table after those
 * its foreign keys name (a reference to itself, or around a cycle, is left as it is).
 * Otherwise alphabetical, so the order is the same on both engines.
 */
export function parentsFirst<T extends Pick<CatalogueTable, 'name' | 'foreignKeys'>>(tables: readonly T[]): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: T[] = [];
  const visit = (name: string, path: string[]) => {
    const table = byName.get(name);
    if (!table || ordered.includes(table) || path.includes(name)) return;
    for (const fk of table.foreignKeys) if (fk.table !== name) visit(fk.table, [...path, name]);
    ordered.push(table);
  };
  for (const name of [...byName.keys()].sort()) visit(name, []);
  return ordered;
}
