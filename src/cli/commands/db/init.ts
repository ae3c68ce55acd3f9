import { existsSync } from 'node:fs';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { path, engine } = ctx.dbPath();
  const fileExisted = engine === 'sqlite' && existsSync(path);
  const store = ctx.store();
  // A server's database exists before svc reaches it; it was new to svc if svc just created its schema.
  const existed = engine === 'postgres' ? !store.migration.applied.some((label) => label.startsWith('0001')) : fileExisted;
  const shown = ctx.shownDb();
  if (options.json) ctx.print(JSON.stringify({ path: shown, engine, created: !existed, migrationsApplied: store.migration.applied }, null, 2));
  else ctx.print(shown);
  ctx.info(existed ? 'The database was already there; it is ready.' : 'Next: svc story add "what happened" --staff NAME');
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
