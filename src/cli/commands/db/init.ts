import { existsSync } from 'node:fs';
import type { WithArgs } from '../../action.ts';
import type { Context } from '../../context.ts';

export function run(options: WithArgs<{ json?: boolean }>, ctx: Context): void {
  const { path } = ctx.dbPath();
  const existed = existsSync(path);
  const store = ctx.store();
  if (options.json) ctx.print(JSON.stringify({ path, created: !existed, migrationsApplied: store.migration.applied }, null, 2));
  else ctx.print(path);
  ctx.info(existed ? 'The database was already there; it is ready.' : 'Next: svc story add "what happened" --staff NAME');
}

/** Saving is what this command is for: it creates a missing database (and says where). */
export const createsDatabase = true;
