/**
 * The Store on a shared PostgreSQL database: the same store modules as on SQLite, over
 * the better-sqlite3 surface that database.ts gives PostgreSQL. Loaded only when the
 * address is postgres:// (the CLI imports this file on demand, a bundle of its own).
 */
import { ConflictError, SvcError, ExitCode } from '../../core/errors.ts';
import { messages } from '../../core/messages.ts';
import { shownAddress } from '../address.ts';
import type { Connection, Db } from '../db.ts';
import { sqliteStore, type SqliteStore } from '../sqlite-store.ts';
import { PostgresDatabase } from './database.ts';
import { listMigrations } from '../migrate.ts';
import { defaultPostgresMigrationsDir, migratePostgres, refuseUnselectedSchema } from './migrate.ts';
import { connectPostgres, isPostgresError, takeEarly } from './sync-client.ts';

export { closeEarly } from './sync-client.ts';

export interface PostgresOpenOptions {
  /** Folder of the PostgreSQL migrations; migrations/postgres beside the package by default. */
  migrationsDir?: string;
  /** Connect without migrating (completion, read-only inspection). */
  readonly?: boolean;
  /** Whether a database without svc's schema is given one (true unless said): a command that only reads refuses it. */
  createsSchema?: boolean;
  /** What the database is to the command, for its messages: a copy's target needs no svc init. */
  role?: 'database' | 'copy-target';
}

/** SQLSTATEs after which the whole transaction may simply run again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
/** How many times a transaction that lost a race runs again before svc gives up. */
const MAX_ATTEMPTS = 30;

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs fn in a SERIALIZABLE transaction, again from the start when PostgreSQL reports that
 * it lost a race with another writer: the store's transactions read before they write,
 * and touch nothing but the database, so a repeat is safe. A nested call is a savepoint
 * of the outer transaction, which alone retries.
 */
export function retryingTransaction<T>(database: PostgresDatabase, fn: () => T): T {
  if (database.inTransaction) return database.transaction(fn)();
  for (let attempt = 1; ; attempt++) {
    try {
      return database.transaction(fn)();
    } catch (error) {
      if (!isPostgresError(error) || !RETRYABLE.has(error.code ?? '') || attempt >= MAX_ATTEMPTS) throw error;
      // Random back-off, growing: writers that collided should not collide again in step.
      pause(Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6)));
    }
  }
}

/**
 * Maps what the server or the network said to an error a person can act on. `role` says
 * what the database was to the command: a copy's target needs no svc init.
 */
export function translatePostgresError(error: unknown, url: string, role: 'database' | 'copy-target' = 'database'): unknown {
  if (!isPostgresError(error)) return error;
  const where = shownAddress(url);
  const code = error.code ?? '';
  // Refused before connecting (sync-client.ts's addressProblem), and the password file as the worker read it.
  if (code === 'SVC_SSLMODE') return new SvcError(messages.postgresBadSslMode(error.message), ExitCode.usage, messages.postgresBadSslModeHint);
  if (code === 'SVC_SSL_FILE') {
    const { parameter, file, reason } = JSON.parse(error.message) as { parameter: string; file: string; reason: 'missing' | 'unreadable' };
    return new SvcError(messages.postgresSslFile(parameter, file, reason), ExitCode.usage, messages.postgresSslFileHint(parameter));
  }
  if (code === 'SVC_NO_PASSWORD') {
    const { file, reason, wanted } = JSON.parse(error.message) as { file: string; reason: 'missing' | 'no-line' | 'unsafe'; wanted: string };
    return new SvcError(messages.postgresLoginRefused(where), ExitCode.usage, messages.postgresNoPasswordHint(file, reason, wanted));
  }
  if (code === 'ERR_INVALID_URL') return new SvcError(messages.postgresBadAddress(where), ExitCode.usage, messages.postgresBadAddressHint);
  // The TLS layer's own codes (DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID, CERT_HAS_EXPIRED …).
  if (/CERT|SELF_SIGNED|ERR_TLS|ERR_SSL/u.test(code)) return new SvcError(messages.postgresCertificate(where, error.message), ExitCode.unexpected, messages.postgresCertificateHint);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', '57P01', '57P03'].includes(code) || /connect|timeout|terminat/iu.test(error.message) && code === '') {
    return new SvcError(messages.postgresUnreachable(where, error.message), ExitCode.unexpected, messages.postgresUnreachableHint);
  }
  if (code === '28P01' || code === '28000') return new SvcError(messages.postgresLoginRefused(where), ExitCode.usage, messages.postgresLoginRefusedHint);
  if (code === '3D000') return new SvcError(messages.postgresNoDatabase(where), ExitCode.notFound, role === 'copy-target' ? messages.postgresNoDatabaseCopyHint : messages.postgresNoDatabaseHint);
  if (code === '42501') return new ConflictError(messages.postgresNotAllowed(where, error.message), messages.postgresNotAllowedHint);
  if (RETRYABLE.has(code)) return new ConflictError(messages.dbBusy, messages.dbBusyHint);
  return error;
}

/** Connects to (and unless readonly, migrates) the PostgreSQL database at url, as a Store. */
export function openPostgresStore(url: string, options: PostgresOpenOptions = {}): SqliteStore {
  const client = takeEarly(url) ?? connectPostgres(url);
  try {
    const database = new PostgresDatabase(client);
    if (options.readonly) refuseUnselectedSchema(client, url);
    const dir = options.migrationsDir ?? defaultPostgresMigrationsDir();
    const applied = options.readonly ? [] : migratePostgres(client, url, dir, listMigrations(dir), options.createsSchema !== false).applied;
    const connection: Connection = {
      // The better-sqlite3 surface the store modules use; what PostgreSQL cannot take as it is, they ask isPostgres for.
      db: database as unknown as Db,
      path: shownAddress(url),
      migration: { applied, backup: null },
      write: (fn) => retryingTransaction(database, fn),
      pause: () => {},
      close: () => database.close(),
    };
    const store = sqliteStore(connection);
    return { ...store, read: (fn) => retryingTransaction(database, fn) };
  } catch (error) {
    client.close();
    throw translatePostgresError(error, url, options.role);
  }
}
