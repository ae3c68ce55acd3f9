import type { Handler } from './action.ts';
import { createContext, databaseLocation, type GlobalOptions, type PostgresOpener } from './context.ts';
import { translateSqliteError } from '../store/db.ts';

/**
 * Runs one command's handler with a fresh context, closing the store afterwards. Each
 * group of handlers exports it beside them: the built program is several bundles, and a
 * handler must run with the context (store, colours, streams) of its own bundle.
 */
export async function runCommand<O>(handler: Handler<O>, options: O, globals: GlobalOptions): Promise<void> {
  const where = databaseLocation(globals);
  // The PostgreSQL store and its driver are a bundle of their own, loaded only for a postgres:// address.
  const postgres = where.engine === 'postgres' ? await import('../store/postgres/store.ts') : undefined;
  const openPostgres: PostgresOpener | undefined = postgres?.openPostgresStore;
  const ctx = createContext(globals, { createsDatabase: handler.createsDatabase === true, pages: handler.pages === true }, openPostgres);
  try {
    await handler.run(options, ctx);
  } catch (error) {
    // SQLite failures mid-command (a full disk, a damaged page) become errors a person can act on; so do the server's.
    if (postgres) throw postgres.translatePostgresError(error, where.path);
    throw translateSqliteError(error, ctx.dbPath().path);
  } finally {
    ctx.close();
    postgres?.closeEarly();
  }
}
