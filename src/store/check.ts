import { existsSync } from 'node:fs';
import { CorruptDatabaseError, NotFoundError, errorCode } from '../core/errors.ts';
import { messages } from '../core/messages.ts';
import { openFile, type Db } from './db.ts';
import { defaultMigrationsDir, listMigrations } from './migrate.ts';
import { exportedTables } from './transfer.ts';

export interface CheckReport {
  path: string;
  /** True when SQLite's integrity and foreign-key checks found nothing wrong. */
  ok: boolean;
  /** What PRAGMA integrity_check reported, when it was not "ok". */
  problems: string[];
  /** Rows whose reference points at nothing (PRAGMA foreign_key_check). */
  brokenReferences: Array<{ table: string; rowid: number | null; parent: string }>;
  schema: {
    version: number;
    newest: number;
    pending: string[];
    applied: Array<{ version: number; name: string; appliedAt: string }>;
  };
  counts: Record<string, number>;
  sizeBytes: number;
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
    return {
      path,
      ok: problems.length === 0 && brokenReferences.length === 0,
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
