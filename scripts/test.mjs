// `npm test`: the whole suite on SQLite, then the store, app and end-to-end suites again
// on PostgreSQL (vitest.postgres.config.ts) when SVC_TEST_POSTGRES_URL names a server.
// Without one it says that the PostgreSQL run was skipped and how to run it; with
// SVC_TEST_POSTGRES_REQUIRED=1 (CI) a missing server fails instead.
import { spawnSync } from 'node:child_process';

const vitest = (args, env = {}) =>
  spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const onSqlite = vitest([]);
if (onSqlite !== 0) process.exit(onSqlite);
if (!process.env.SVC_TEST_POSTGRES_URL) {
  if (process.env.SVC_TEST_POSTGRES_REQUIRED === '1') {
    console.error('npm test: SVC_TEST_POSTGRES_REQUIRED=1 but SVC_TEST_POSTGRES_URL is not set');
    process.exit(1);
  }
  console.log('\nThe PostgreSQL run was skipped: set SVC_TEST_POSTGRES_URL=postgres://USER:PASSWORD@HOST/postgres (a role that may create databases) to run the suites on PostgreSQL too.');
  process.exit(0);
}
console.log('\nThe same suites on PostgreSQL:');
process.exit(vitest(['--config', 'vitest.postgres.config.ts']));
