import { existsSync } from 'node:fs';
import { CorruptDatabaseError, NotFoundError, errorCode } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { openFile, openMemory, type Db } from './db.ts';
import { defaultMigrationsDir, listMigrations, migrate, migrationLabel, type Migration } from './migrate.ts';
import { exportedTables } from './transfer.ts';

export interface CheckReport {
  path: string;
  /** True when SQLite's integrity and foreign-key checks (on PostgreSQL: the schema, search index and references) found nothing wrong. */
  ok: boolean;
  /** What PRAGMA integrity_check reported, when it was not "ok"; on PostgreSQL what is missing or out of step. */
  problems: string[];
  /** Rows whose reference points at nothing (PRAGMA foreign_key_check; on PostgreSQL each foreign key read both ways). */
  brokenReferences: Array<{ table: string; rowid: number | null; parent: string }>;
  schema: {
    version: number;
    newest: number;
    pending: string[];
    applied: Array<{ version: number; name: string; appliedAt: string }>;
  };
  counts: Record<string, number>;
  sizeBytes: number;
  /** Present on PostgreSQL only: the report's engine. */
  engine?: 'postgres';
  /** Present when svc refuses to use the database, whatever its integrity: why, in svc's words (what the other commands say). */
  refused?: CheckRefusal;
}

/**
 * Why svc would not use a database: a schema newer than this program, another program's
 * tables, no svc schema on a server (a reading command refuses it), or a server schema this
 * role may not create or upgrade.
 */
export interface CheckRefusal {
  reason: 'newer' | 'foreign' | 'no-schema' | 'not-allowed';
  message: string;
  hint: string;
}

/**
 * Checks a database without changing it: SQLite's integrity check, broken references,
 * which migrations it has and lacks, and how many rows each table holds.
 */
export function checkDatabase(path: string, migrationsDir = defaultMigrationsDir()): CheckReport {
  if (!existsSync(path)) throw new NotFoundError(messages.checkMissing(path), messages.checkMissingHint);
  let db: Db | undefined;
  try {
    db = openFile(path, { readonly: true });
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    const problems = integrity.length === 1 && integrity[0] === 'ok' ? [] : integrity;
    const brokenReferences = (db.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>).map(
      ({ table, rowid, parent }) => ({ table, rowid, parent }),
    );
    const version = Number(db.pragma('user_version', { simple: true }));
    const migrations = listMigrations(migrationsDir);
    const hasLog = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
    const applied = hasLog
      ? (db.prepare('SELECT version, name, applied_at AS appliedAt FROM schema_migrations ORDER BY version').all() as CheckReport['schema']['applied'])
      : [];
    const counts: Record<string, number> = {};
    for (const table of exportedTables(db)) {
      counts[table.name] = (db.prepare(`SELECT count(*) AS n FROM "${table.name.replaceAll('"', '""')}"`).get() as { n: number }).n;
    }
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const pages = Number(db.pragma('page_count', { simple: true }));
    const newest = migrations.at(-1)?.version ?? 0;
    // What opening it would refuse (migrate.ts's refuseUnknownDatabase), said the same way.
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
    const refused: CheckRefusal | undefined =
      version > newest
        ? { reason: 'newer', message: messages.dbNewer(path, version, newest), hint: messages.dbNewerHint }
        : version === 0 && newest !== 0 && tables > 0 && !hasLog
          ? { reason: 'foreign', message: messages.foreignSqlite(path), hint: messages.foreignSqliteHint }
          : undefined;
    return {
      path,
      ok: problems.length === 0 && brokenReferences.length === 0 && !refused,
      problems,
      brokenReferences,
      schema: {
        version,
        newest: migrations.at(-1)?.version ?? 0,
        pending: migrations.filter((m) => m.version > version).map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`),
        applied,
      },
      counts,
      sizeBytes: pageSize * pages,
      ...(refused ? { refused } : {}),
    };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
      throw new CorruptDatabaseError(messages.checkCorrupt(path), messages.checkCorruptHint(path));
    }
    throw error;
  } finally {
    db?.close();
  }
}

/** Names of the tables, indexes and triggers svc's migrations up to these make, read from them applied to a scratch SQLite database. */
function expectedObjects(migrations: Migration[]): { tables: string[]; indexes: string[]; triggers: string[] } {
  const scratch = openMemory();
  try {
    migrate(scratch, ':memory:', defaultMigrationsDir(), migrations);
    const rows = scratch.prepare("SELECT type, name FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ type: string; name: string }>;
    // FTS5 keeps its index in shadow tables and deletes through a trigger; PostgreSQL keeps a table of vectors whose rows go with their story (its foreign key).
    const shadow = (name: string) => /^stories_fts_(config|data|docsize|idx|content)$/u.test(name) || name === 'stories_fts_delete';
    const named = (type: string) => rows.filter((r) => r.type === type && !shadow(r.name)).map((r) => r.name);
    return { tables: named('table'), indexes: named('index'), triggers: named('trigger') };
  } finally {
    scratch.close();
  }
}

/**
 * Checks a database on a PostgreSQL server without changing it. The server keeps its own
 * pages sound, so what is checked is svc's part: every table, index and trigger that this
 * program's migrations make up to the database's version is there; every story has its
 * full-text entry, and each entry says what its story says; and no row refers to one that
 * is not there (the server enforces the foreign keys, but a restore with triggers off, or
 * a constraint added NOT VALID, lets such rows in). The counts are those `db check` shows
 * on SQLite; the size is the database's on the server.
 */
export function checkServerDatabase(db: Db, path: string, migrationsDir = defaultMigrationsDir()): CheckReport {
  const migrations = listMigrations(migrationsDir);
  const newest = migrations.at(-1)?.version ?? 0;
  const hasLog = db.prepare("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").get() as { present: boolean };
  const applied = hasLog.present
    ? (db.prepare('SELECT version, name, applied_at AS appliedAt FROM schema_migrations ORDER BY version').all() as CheckReport['schema']['applied'])
    : [];
  const version = applied.at(-1)?.version ?? 0;
  const problems: string[] = [];

  if (version <= newest) {
    const expected = expectedObjects(migrations.filter((m) => m.version <= version));
    const present = (text: string) => new Set((db.prepare(text).all() as Array<{ name: string }>).map((r) => r.name));
    const tables = present("SELECT relname AS name FROM pg_class WHERE relnamespace = CAST(current_schema() AS regnamespace) AND relkind IN ('r', 'p')");
    const indexes = present('SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()');
    const triggers = present(
      'SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace = CAST(current_schema() AS regnamespace)',
    );
    for (const [kind, names, found] of [['table', expected.tables, tables], ['index', expected.indexes, indexes], ['trigger', expected.triggers, triggers]] as const) {
      for (const name of names) if (!found.has(name)) problems.push(`missing ${kind} ${name}`);
    }
    if (expected.tables.includes('stories_fts') && tables.has('stories_fts') && tables.has('stories')) problems.push(...searchIndexProblems(db));
  }

  const brokenReferences = orphans(db);
  const counts: Record<string, number> = {};
  for (const table of exportedTables(db)) {
    counts[table.name] = Number((db.prepare(`SELECT count(*) AS n FROM "${table.name.replaceAll('"', '""')}"`).get() as { n: number }).n);
  }
  const size = db.prepare('SELECT pg_database_size(current_database()) AS bytes').get() as { bytes: number };
  const refused = serverRefusal(db, path, hasLog.present, version, newest);
  return {
    path,
    ok: problems.length === 0 && brokenReferences.length === 0 && !refused,
    problems,
    brokenReferences,
    schema: { version, newest, pending: migrations.filter((m) => m.version > version).map(migrationLabel), applied },
    counts,
    sizeBytes: Number(size.bytes),
    engine: 'postgres',
    ...(refused ? { refused } : {}),
  };
}

/**
 * What the other commands would refuse on this server's database (postgres/migrate.ts):
 * a newer schema, another program's tables, no svc schema at all (a reading command's
 * refusal), or a schema to create or upgrade that this role may not create tables for.
 */
function serverRefusal(db: Db, path: string, hasLog: boolean, version: number, newest: number): CheckRefusal | undefined {
  if (version > newest) return { reason: 'newer', message: messages.dbNewer(path, version, newest), hint: messages.dbNewerHint };
  const here = db
    .prepare(
      `SELECT current_schema() AS schema, current_user AS role, has_schema_privilege(current_schema(), 'CREATE') AS "mayCreate",
              EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = CAST(current_schema() AS regnamespace) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')) AS taken`,
    )
    .get() as { schema: string; role: string; mayCreate: boolean; taken: boolean };
  if (!hasLog && here.taken) return { reason: 'foreign', message: messages.foreignPostgres(path, here.schema), hint: messages.foreignPostgresHint };
  if (version < newest && !here.mayCreate) return { reason: 'not-allowed', message: messages.postgresCannotCreate(path, here.role, here.schema, version, newest), hint: messages.postgresCannotCreateHint };
  if (!hasLog) return { reason: 'no-schema', message: messages.postgresNoSvcSchema(path), hint: messages.postgresNoSvcSchemaHint };
  return undefined;
}

/** Stories the full-text table lacks, and entries that no longer say what their story says. */
function searchIndexProblems(db: Db): string[] {
  const missing = db.prepare('SELECT count(*) AS n FROM stories s WHERE NOT EXISTS (SELECT 1 FROM stories_fts f WHERE f.story_id = s.id)').get() as { n: number };
  const stale = db
    .prepare('SELECT count(*) AS n FROM stories s JOIN stories_fts f ON f.story_id = s.id WHERE f.document <> stories_fts_document(s.title, s.text, s.impact)')
    .get() as { n: number };
  const out: string[] = [];
  if (Number(missing.n) > 0) out.push(`${missing.n} ${Number(missing.n) === 1 ? 'story is' : 'stories are'} missing from the search index (stories_fts)`);
  if (Number(stale.n) > 0) out.push(`${stale.n} search index ${Number(stale.n) === 1 ? 'entry does' : 'entries do'} not match ${Number(stale.n) === 1 ? 'its story' : 'their stories'} (stories_fts)`);
  return out;
}

/** Rows whose foreign key names a row that is not there, each key read as SQLite's foreign_key_check reads it. */
function orphans(db: Db): CheckReport['brokenReferences'] {
  const keys = db
    .prepare(
      `SELECT child.relname AS "table", a.attname AS "column", parent.relname AS parent, pa.attname AS "to",
              EXISTS (SELECT 1 FROM pg_attribute i WHERE i.attrelid = c.conrelid AND i.attname = 'id' AND NOT i.attisdropped) AS "hasId"
         FROM pg_constraint c
         JOIN pg_class child ON child.oid = c.conrelid
         JOIN pg_class parent ON parent.oid = c.confrelid
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND child.relnamespace = CAST(current_schema() AS regnamespace)
        ORDER BY child.relname, a.attname`,
    )
    .all() as Array<{ table: string; column: string; parent: string; to: string; hasId: boolean }>;
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return keys.flatMap((key) =>
    (
      db
        .prepare(
          `SELECT ${key.hasId ? 'c.id' : 'NULL'} AS row_id FROM ${q(key.table)} c
            WHERE c.${q(key.column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${q(key.parent)} p WHERE p.${q(key.to)} = c.${q(key.column)})`,
        )
        .all() as Array<{ row_id: number | null }>
    ).map((row) => ({ table: key.table, rowid: row.row_id === null ? null : Number(row.row_id), parent: key.parent })),
  );
}
