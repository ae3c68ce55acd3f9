// The PostgreSQL schema is SQLite's, migration by migration: the same version numbers,
// tables, columns, keys, indexes, foreign keys and triggers. When a SQLite migration is
// added, these tests fail until migrations/postgres has its counterpart.
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir, listMigrations, migrate, migrationLabel } from '../../src/store/migrate.ts';
import { defaultPostgresMigrationsDir } from '../../src/store/postgres/migrate.ts';
import type { SyncPostgresClient } from '../../src/store/postgres/sync-client.ts';
import { describeOnPostgres, migratedOnBothEngines } from '../helpers/postgres.ts';

/** One table as both engines can describe it, in PostgreSQL's terms. */
interface TableShape {
  columns: string[];
  primaryKey: string;
  indexes: string[];
  foreignKeys: string[];
  checks: string[];
}
type Schema = Record<string, TableShape>;

/** Tables only PostgreSQL has: the full-text index SQLite keeps in an FTS5 virtual table. */
const POSTGRES_ONLY_TABLES = ['stories_fts'];
/** SQLite's trigger deleting a story's full-text entry is the foreign key's ON DELETE CASCADE on PostgreSQL. */
const SQLITE_ONLY_TRIGGERS = ['stories_fts_delete'];

// A predicate as text both engines agree on: lower case, without brackets or extra spaces.
const predicate = (text: string | null | undefined) => (text ? ` where ${text.replace(/[()]/g, '').replace(/\s+/g, ' ').trim().toLowerCase()}` : '');
// A default as SQLite writes it: PostgreSQL adds the type ('external'::text).
const defaultValue = (text: string | null | undefined) => (text ? ` default ${text.replace(/::[\w ]+$/, '')}` : '');

// A CHECK constraint as the names and values it mentions: `status IN ('a', 'b')` and
// PostgreSQL's `status = ANY (ARRAY['a'::text, 'b'::text])` both read "'a' 'b' status".
const CHECK_WORDS = new Set(['check', 'in', 'any', 'array', 'text', 'and', 'or', 'between', 'is', 'not', 'null']);
function checkSignature(expression: string): string {
  const tokens = expression.toLowerCase().match(/'[^']*'|[a-z_][a-z0-9_]*|\d+/g) ?? [];
  return [...new Set(tokens.filter((t) => !CHECK_WORDS.has(t)))].sort().join(' ');
}

/** The bracketed expression of each CHECK in a CREATE TABLE statement. */
function sqliteChecks(createSql: string): string[] {
  const checks: string[] = [];
  for (const m of createSql.matchAll(/\bCHECK\s*\(/gi)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < createSql.length && depth > 0; i++) depth += createSql[i] === '(' ? 1 : createSql[i] === ')' ? -1 : 0;
    checks.push(createSql.slice(m.index + m[0].length, i - 1));
  }
  return checks;
}

function sqliteSchema(db: BetterSqlite3.Database): Schema {
  const list = db.pragma('table_list') as Array<{ schema: string; name: string; type: string }>;
  const virtual = list.filter((t) => t.schema === 'main' && t.type === 'virtual').map((t) => t.name);
  const tables = list
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_') && !virtual.some((v) => t.name.startsWith(`${v}_`)))
    .map((t) => t.name);
  const schema: Schema = {};
  for (const table of tables) {
    const info = db.pragma(`table_info("${table}")`) as Array<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>;
    const foreign = db.pragma(`foreign_key_list("${table}")`) as Array<{ id: number; seq: number; table: string; from: string; to: string; on_delete: string }>;
    const referring = new Set(foreign.map((f) => f.from));
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const columns = info.map((c) => {
      // An INTEGER PRIMARY KEY named id is a row id: a BIGINT identity; a column referring to one is a BIGINT.
      const rowId = c.name === 'id' && pk.length === 1 && c.pk === 1 && c.type === 'INTEGER';
      const type =
        c.type === 'INTEGER' ? (rowId || referring.has(c.name) ? 'bigint' : 'integer') : c.type === 'TEXT' ? 'text collate C' : c.type === 'REAL' ? 'double precision' : c.type === 'BLOB' ? 'bytea' : `unmapped ${c.type}`;
      // SQLite lets a non-integer primary key column hold NULL (a legacy quirk svc never relies on); PostgreSQL never does.
      return `${c.name} ${type}${c.notnull || c.pk ? ' not null' : ''}${defaultValue(c.dflt_value)}${rowId ? ' identity' : ''}`;
    });
    const indexes = (db.pragma(`index_list("${table}")`) as Array<{ name: string; unique: number; origin: string; partial: number }>)
      .filter((i) => i.origin !== 'pk')
      .map((i) => {
        const cols = (db.pragma(`index_info("${i.name}")`) as Array<{ seqno: number; name: string }>).sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
        const sql = (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(i.name) as { sql: string | null } | undefined)?.sql;
        const where = i.partial && sql ? /\bWHERE\b([\s\S]*)$/i.exec(sql)?.[1] : null;
        return `${i.unique ? 'unique ' : ''}(${cols.join(', ')})${predicate(where)}`;
      })
      .sort();
    const byId = new Map<number, typeof foreign>();
    for (const f of foreign) byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
    const foreignKeys = [...byId.values()]
      .map((parts) => {
        const sorted = parts.sort((a, b) => a.seq - b.seq);
        return `(${sorted.map((p) => p.from).join(', ')}) -> ${sorted[0]?.table}(${sorted.map((p) => p.to).join(', ')}) on delete ${sorted[0]?.on_delete.toLowerCase()}`;
      })
      .sort();
    const createSql = (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(table) as { sql: string }).sql;
    const checks = sqliteChecks(createSql).map(checkSignature).sort();
    schema[table] = { columns, primaryKey: pk.map((c) => c.name).join(', '), indexes, foreignKeys, checks };
  }
  return schema;
}

const ON_DELETE: Readonly<Record<string, string>> = { a: 'no action', c: 'cascade', n: 'set null', r: 'restrict', d: 'set default' };

function postgresSchema(client: SyncPostgresClient): Schema {
  const rows = <T,>(sql: string) => client.query(sql).rows as T[];
  const schema: Schema = {};
  const columns = rows<{ table: string; name: string; type: string; not_null: boolean; default: string | null; identity: boolean; collation: string | null }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
            pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity <> '' AS identity, coll.collname AS collation
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
       LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
      WHERE c.relkind = 'r'
      ORDER BY c.relname, a.attnum`,
  );
  for (const c of columns) {
    const table = (schema[c.table] ??= { columns: [], primaryKey: '', indexes: [], foreignKeys: [], checks: [] });
    const type = c.type === 'text' ? `text collate ${c.collation}` : c.type;
    table.columns.push(`${c.name} ${type}${c.not_null ? ' not null' : ''}${defaultValue(c.default)}${c.identity ? ' identity' : ''}`);
  }
  const indexes = rows<{ table: string; primary: boolean; unique: boolean; columns: string; predicate: string | null }>(
    `SELECT t.relname AS table, i.indisprimary AS primary, i.indisunique AS unique, pg_get_expr(i.indpred, i.indrelid) AS predicate,
            (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()`,
  );
  for (const i of indexes) {
    const table = schema[i.table];
    if (!table) continue;
    if (i.primary) table.primaryKey = i.columns;
    else table.indexes.push(`${i.unique ? 'unique ' : ''}(${i.columns})${predicate(i.predicate)}`);
  }
  const foreign = rows<{ table: string; columns: string; target: string; target_columns: string; on_delete: string }>(
    `SELECT t.relname AS table, f.relname AS target, con.confdeltype AS on_delete,
            (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns,
            (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = f.oid AND a.attnum = k.attnum) AS target_columns
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_class f ON f.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
      WHERE con.contype = 'f'`,
  );
  for (const f of foreign) schema[f.table]?.foreignKeys.push(`(${f.columns}) -> ${f.target}(${f.target_columns}) on delete ${ON_DELETE[f.on_delete]}`);
  const checks = rows<{ table: string; definition: string }>(
    `SELECT t.relname AS table, pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
      WHERE con.contype = 'c'`,
  );
  for (const c of checks) schema[c.table]?.checks.push(checkSignature(c.definition));
  for (const table of Object.values(schema)) {
    table.checks.sort();
    table.indexes.sort();
    table.foreignKeys.sort();
  }
  return schema;
}

function sqliteViews(db: BetterSqlite3.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
}

function postgresViews(client: SyncPostgresClient): string[] {
  return client.query("SELECT table_name AS name FROM information_schema.views WHERE table_schema = current_schema() ORDER BY 1").rows.map((r) => String(r.name));
}

function sqliteTriggers(db: BetterSqlite3.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
}

function postgresTriggers(client: SyncPostgresClient): string[] {
  return client
    .query(
      `SELECT DISTINCT tg.tgname AS name FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
        WHERE NOT tg.tgisinternal ORDER BY 1`,
    )
    .rows.map((r) => String(r.name));
}

describe('PostgreSQL migrations', () => {
  it('has a file for every SQLite migration, with the same number and name', () => {
    const sqlite = listMigrations(defaultMigrationsDir()).map(migrationLabel);
    const postgres = listMigrations(defaultPostgresMigrationsDir()).map(migrationLabel);
    expect(postgres, 'each SQLite migration needs migrations/postgres/NNNN_same_name.sql').toEqual(sqlite);
  });
});

describeOnPostgres('the PostgreSQL schema after every migration', () => {
  const engines = migratedOnBothEngines();

  it('has every SQLite table and no other, except the full-text index', () => {
    const sqliteTables = Object.keys(sqliteSchema(engines.sqlite)).sort();
    const postgresTables = Object.keys(postgresSchema(engines.client)).sort();
    expect(
      sqliteTables.filter((t) => !postgresTables.includes(t)),
      'SQLite tables with no PostgreSQL counterpart: write the migration in migrations/postgres',
    ).toEqual([]);
    expect(postgresTables.filter((t) => !sqliteTables.includes(t))).toEqual(POSTGRES_ONLY_TABLES);
  });

  it('gives each table the same columns in the same order (types mapped), keys, indexes, foreign keys and checks', () => {
    const expected = sqliteSchema(engines.sqlite);
    const actual = postgresSchema(engines.client);
    for (const [table, shape] of Object.entries(expected)) expect(actual[table], `table ${table}`).toEqual(shape);
  });

  it('has SQLite’s triggers and views under the same names', () => {
    expect(postgresTriggers(engines.client)).toEqual(sqliteTriggers(engines.sqlite).filter((name) => !SQLITE_ONLY_TRIGGERS.includes(name)));
    expect(postgresViews(engines.client)).toEqual(sqliteViews(engines.sqlite));
  });

  it('seeds the same rows: built-in tags and assessment questions', () => {
    for (const sql of ['SELECT id, name, builtin, created_at FROM tags ORDER BY id', 'SELECT id, uuid, key, version, text, attribute, built_in FROM assessment_questions ORDER BY id']) {
      expect(engines.client.query(sql).rows).toEqual(engines.sqlite.prepare(sql).all());
    }
  });

  it('records the same versions as SQLite', () => {
    const sql = 'SELECT version, name FROM schema_migrations ORDER BY version';
    expect(engines.client.query(sql).rows).toEqual(engines.sqlite.prepare(sql).all());
  });
});
