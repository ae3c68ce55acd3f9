/**
 * The part of better-sqlite3's Database that the store's SQL modules use (prepare with
 * get/all/run/iterate/pluck/raw, exec, transaction), answered by PostgreSQL through the
 * synchronous client. It lets one set of store functions run on both engines; what
 * differs in the SQL itself is translated by the dialect (dialect.ts), and what differs
 * in kind (pragmas, backups, forget to the byte) is written per engine in the store.
 */
import { toPostgres, type PostgresStatement as TranslatedStatement } from './dialect.ts';
import { connectPostgres, type SyncPostgresClient } from './sync-client.ts';

/** What `run` returns, as better-sqlite3 does. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number;
}

/** better-sqlite3 takes parameters spread or as arrays; booleans and bigints are stored as numbers. */
function values(args: readonly unknown[]): unknown[] {
  const named = args.length === 1 && args[0] !== null && typeof args[0] === 'object' && !Array.isArray(args[0]) && !(args[0] instanceof Uint8Array);
  if (named) return [Object.fromEntries(Object.entries(args[0] as Record<string, unknown>).map(([key, value]) => [key, scalar(value)]))];
  return args.flatMap((arg) => (Array.isArray(arg) ? arg : [arg])).map(scalar);
}

function scalar(value: unknown): unknown {
  // SQLite has no booleans: svc stores flags as 0 and 1.
  return typeof value === 'boolean' || typeof value === 'bigint' ? Number(value) : value;
}

const INSERT_INTO = /^\s*INSERT\s+INTO\s+("?)(\w+)\1/iu;

/** A prepared statement with better-sqlite3's reading and writing methods. */
export class PreparedStatement {
  private plucking = false;
  private rawRows = false;

  constructor(
    private readonly database: PostgresDatabase,
    private readonly translated: TranslatedStatement,
    /** For INSERTs into a table with an id: the id of the row, as SQLite's last_insert_rowid. */
    private readonly returnsId: boolean,
  ) {}

  pluck(on = true): this {
    this.plucking = on;
    if (on) this.rawRows = false;
    return this;
  }

  raw(on = true): this {
    this.rawRows = on;
    if (on) this.plucking = false;
    return this;
  }

  private shape(row: Record<string, unknown>): unknown {
    if (this.plucking) return Object.values(row)[0];
    if (this.rawRows) return Object.values(row);
    return row;
  }

  get(...args: unknown[]): unknown {
    const row = this.database.query(this.translated.text, this.translated.bind(values(args))).rows[0];
    return row === undefined ? undefined : this.shape(row);
  }

  all(...args: unknown[]): unknown[] {
    return this.database.query(this.translated.text, this.translated.bind(values(args))).rows.map((row) => this.shape(row));
  }

  *iterate(...args: unknown[]): IterableIterator<unknown> {
    yield* this.all(...args);
  }

  run(...args: unknown[]): RunResult {
    const text = this.returnsId ? `${this.translated.text.replace(/;\s*$/u, '')} RETURNING id` : this.translated.text;
    const result = this.database.query(text, this.translated.bind(values(args)));
    const last = result.rows.at(-1)?.id;
    if (typeof last === 'number') this.database.lastInsertRowid = last;
    return { changes: result.rowCount, lastInsertRowid: this.database.lastInsertRowid };
  }
}

/** A transaction function as better-sqlite3 returns it, with its locking variants. */
export type TransactionFunction<A extends unknown[], T> = ((...args: A) => T) & {
  deferred: (...args: A) => T;
  immediate: (...args: A) => T;
  exclusive: (...args: A) => T;
};

export class PostgresDatabase {
  /** What isPostgres (../db.ts) reads: the store's few statements written per engine ask it. */
  readonly engine = 'postgres';
  lastInsertRowid = 0;
  private depth = 0;
  private savepoints = 0;
  private readonly statements = new Map<string, PreparedStatement>();
  private tablesWithId: Set<string> | null = null;

  constructor(private readonly client: SyncPostgresClient) {}

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  query(text: string, params: readonly unknown[] = []): { rows: Array<Record<string, unknown>>; rowCount: number } {
    return this.client.query(text, params);
  }

  prepare(sql: string): PreparedStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      const translated = toPostgres(sql);
      const table = INSERT_INTO.exec(translated.text)?.[2];
      const returnsId = table !== undefined && !/\bRETURNING\b/iu.test(translated.text) && this.hasId(table);
      this.statements.set(sql, (statement = new PreparedStatement(this, translated, returnsId)));
    }
    return statement;
  }

  /** Runs statements with no parameters (several at once, as SQLite's exec does). */
  exec(sql: string): this {
    this.client.query(toPostgres(sql).text);
    return this;
  }

  /**
   * Wraps fn in a transaction, as better-sqlite3 does: committed when fn returns, rolled
   * back when it throws, a savepoint when already inside one. Every variant reads and
   * writes under SERIALIZABLE isolation, so a transaction that read before it wrote fails
   * (40001) rather than lose a concurrent writer's row; the caller retries.
   */
  transaction<A extends unknown[], T>(fn: (...args: A) => T): TransactionFunction<A, T> {
    const run = (...args: A): T => {
      if (this.depth > 0) return this.inSavepoint(() => fn(...args));
      this.client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      this.depth++;
      try {
        const result = fn(...args);
        this.client.query('COMMIT');
        return result;
      } catch (error) {
        this.rollbackQuietly('ROLLBACK');
        throw error;
      } finally {
        this.depth--;
      }
    };
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run });
  }

  private inSavepoint<T>(fn: () => T): T {
    const name = `svc_${++this.savepoints}`;
    this.client.query(`SAVEPOINT ${name}`);
    this.depth++;
    try {
      const result = fn();
      this.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      this.rollbackQuietly(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    } finally {
      this.depth--;
    }
  }

  private rollbackQuietly(statement: string): void {
    try {
      this.client.query(statement);
    } catch {
      // The connection failed: the server has rolled back already, and the first error is the one to report.
    }
  }

  private hasId(table: string): boolean {
    if (!this.tablesWithId) {
      // The catalogue itself: information_schema's views cost several times more, once per command.
      const rows = this.client.query(
        `SELECT c.relname AS table_name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          WHERE a.attname = 'id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace`,
      ).rows;
      this.tablesWithId = new Set(rows.map((row) => String(row.table_name)));
    }
    return this.tablesWithId.has(table.toLowerCase());
  }

  close(): void {
    this.client.close();
  }
}

/** Opens a PostgreSQL database behind the better-sqlite3 surface. */
export function openPostgresDatabase(url: string): PostgresDatabase {
  return new PostgresDatabase(connectPostgres(url));
}
