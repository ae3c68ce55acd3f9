import type { Handler } from './action.ts';
import { createContext, type GlobalOptions } from './context.ts';
import { translateSqliteError } from '../store/db.ts';

/**
 * Runs one command's handler with a fresh context, closing the store afterwards. Each
 * group of handlers exports it beside them: the built program is several bundles, and a
 * handler must run with the context (store, colours, streams) of its own bundle.
 */
export async function runCommand<O>(handler: Handler<O>, options: O, globals: GlobalOptions): Promise<void> {
  const ctx = createContext(globals, { createsDatabase: handler.createsDatabase === true, pages: handler.pages === true });
  try {
    await handler.run(options, ctx);
  } catch (error) {
    // SQLite failures mid-command (a full disk, a damaged page) become errors a person can act on.
    throw translateSqliteError(error, ctx.dbPath().path);
  } finally {
    ctx.close();
  }
}
