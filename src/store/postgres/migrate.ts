/**
 * Brings a PostgreSQL database to this program's schema: the files in migrations/postgres,
 * numbered as SQLite's are, so a version means the same schema on both engines. The
 * listing, the labels and the refusal of a newer schema are SQLite's (../migrate.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictError, NotFoundError } from '../../core/errors.ts';
import { messages } from '../../core/messages.ts';
import { shownAddress } from '../address.ts';
import { defaultMigrationsDir, listMigrations, migrationLabel, refuseNewerSchema, type Migration } from '../migrate.ts';
import type { SyncPostgresClient } from './sync-client.ts';

/**
 * Every svc takes this transaction-level advisory lock before it migrates, so two first
 * runs at once apply each migration once: the second waits, then finds it recorded.
 * The key is "svc" in ASCII (0x737663), fixed so that every version of svc agrees.
 */
export const MIGRATION_LOCK_KEY = 0x737663;

/** The PostgreSQL migrations folder shipped beside SQLite's. */
export function defaultPostgresMigrationsDir(): string {
  return join(defaultMigrationsDir(), 'postgres');
}

export interface PostgresMigrationReport {
  applied: string[];
}

/** The newest version recorded, 0 for a database svc never migrated. Reads only. */
function schemaVersion(client: SyncPostgresClient): number {
  if (!catalogue(client).present) return 0;
  return loggedVersion(client);
}

function loggedVersion(client: SyncPostgresClient): number {
  const row = client.query('SELECT coalesce(max(version), 0) AS version FROM schema_migrations').rows[0];
  return Number(row?.version ?? 0);
}

/** Whether the search_path names a schema that exists, and whether svc's migration log is in it: one read. */
function catalogue(client: SyncPostgresClient): { selected: boolean; present: boolean } {
  const row = client.query("SELECT current_schema() IS NOT NULL AS selected, to_regclass('schema_migrations') IS NOT NULL AS present").rows[0];
  return { selected: row?.selected === true, present: row?.present === true };
}

/** An SQL identifier as it may be typed: quoted unless plain lower-case. */
function identifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/u.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * Refuses an address whose search_path names no schema that exists (?options=-csearch_path%3Dsvc
 * before CREATE SCHEMA svc): PostgreSQL would have nowhere to create svc's tables, nor to find them.
 */
function refuseMissingSchema(client: SyncPostgresClient, url: string): never {
  const row = client.query("SELECT current_setting('search_path') AS path, current_user AS role").rows[0];
  const role = String(row?.role ?? '');
  const first = String(row?.path ?? '').split(',')[0]?.trim().replace(/^"(.*)"$/u, '$1') ?? '';
  const schema = first === '$user' || first === '' ? role : first;
  throw new NotFoundError(messages.postgresNoSchema(shownAddress(url), schema), messages.postgresNoSchemaHint(identifier(schema), identifier(role)));
}

/** Refuses, by reading alone, an address whose search_path names no schema that exists. */
export function refuseUnselectedSchema(client: SyncPostgresClient, url: string): void {
  if (!catalogue(client).selected) refuseMissingSchema(client, url);
}

/**
 * Refuses a database newer than this program, or one whose schema holds another
 * program's tables, or an address whose search_path names no schema there, by reading
 * alone. Returns its schema version.
 */
export function refuseUnknownPostgres(client: SyncPostgresClient, url: string, migrations: Migration[]): number {
  const { selected, present } = catalogue(client);
  if (!selected) refuseMissingSchema(client, url);
  const current = present ? loggedVersion(client) : 0;
  refuseNewerSchema(shownAddress(url), current, migrations);
  if (current === 0 && !present) {
    const row = client.query(
      `SELECT current_schema() AS schema,
              EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')) AS taken`,
    ).rows[0];
    if (row?.taken === true) throw new ConflictError(messages.foreignPostgres(shownAddress(url), String(row.schema)), messages.foreignPostgresHint);
  }
  return current;
}

/**
 * Applies pending migrations, each in its own transaction under the advisory lock, and
 * records them in schema_migrations (the table SQLite keeps too). The usual case,
 * nothing to do, costs two reads and no lock. With creates false, a database without
 * svc's schema is refused rather than given one, as a reading command refuses a missing file.
 */
export function migratePostgres(
  client: SyncPostgresClient,
  url: string,
  dir = defaultPostgresMigrationsDir(),
  migrations = listMigrations(dir),
  creates = true,
): PostgresMigrationReport {
  const current = refuseUnknownPostgres(client, url, migrations);
  if (current === 0 && !creates) throw new NotFoundError(messages.postgresNoSvcSchema(shownAddress(url)), messages.postgresNoSvcSchemaHint);
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    if (applyOne(client, url, migration, migrations)) applied.push(migrationLabel(migration));
  }
  return { applied };
}

/** One migration in one transaction; false when another svc applied it meanwhile. */
function applyOne(client: SyncPostgresClient, url: string, migration: Migration, migrations: Migration[]): boolean {
  client.query('BEGIN');
  try {
    client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, applied_at TEXT COLLATE "C" NOT NULL)`);
    // Re-read under the lock: another svc may have migrated meanwhile, even past this program.
    const now = schemaVersion(client);
    refuseNewerSchema(shownAddress(url), now, migrations);
    if (now >= migration.version) {
      client.query('COMMIT');
      return false;
    }
    // Without parameters the file goes as one simple query: all its statements, in order.
    client.query(readFileSync(migration.file, 'utf8'));
    client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      new Date().toISOString(),
    ]);
    client.query('COMMIT');
    return true;
  } catch (error) {
    // The migration's own error is the one to report, even if the connection is gone.
    try {
      client.query('ROLLBACK');
    } catch {
      // nothing was committed either way
    }
    throw error;
  }
}
