/**
 * Brings a PostgreSQL database to this program's schema: the files in migrations/postgres,
 * numbered as SQLite's are, so a version means the same schema on both engines. The
 * listing, the labels and the refusal of a newer schema are SQLite's (../migrate.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictError } from '../../core/errors.ts';
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
  if (!hasMigrationTable(client)) return 0;
  const row = client.query('SELECT coalesce(max(version), 0) AS version FROM schema_migrations').rows[0];
  return Number(row?.version ?? 0);
}

function hasMigrationTable(client: SyncPostgresClient): boolean {
  return client.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").rows[0]?.present === true;
}

/**
 * Refuses a database newer than this program, or one whose schema holds another
 * program's tables, by reading alone. Returns its schema version.
 */
export function refuseUnknownPostgres(client: SyncPostgresClient, url: string, migrations: Migration[]): number {
  const current = schemaVersion(client);
  refuseNewerSchema(shownAddress(url), current, migrations);
  if (current === 0 && !hasMigrationTable(client)) {
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
 * nothing to do, costs two reads and no lock.
 */
export function migratePostgres(
  client: SyncPostgresClient,
  url: string,
  dir = defaultPostgresMigrationsDir(),
  migrations = listMigrations(dir),
): PostgresMigrationReport {
  const current = refuseUnknownPostgres(client, url, migrations);
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
