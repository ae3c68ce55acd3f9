import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';
import { notOnPostgres } from './test/postgres-exclusions.ts';

// The suites that use a database run again on PostgreSQL: test/helpers/engine.ts gives
// every temporary store and sandbox a PostgreSQL database of its own. A file uses one if
// it builds a store or a sandbox; what cannot run there (files, SQLite's own pages and
// locks) is listed with the reason in test/postgres-exclusions.ts.
const USES_A_DATABASE = /\btempStore\(|\bsandbox\(|inProcessSandbox\(|Sandbox\(/u;

const withDatabase = ['test/unit', 'test/e2e'].flatMap((dir) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(dir, name))
    .filter((file) => USES_A_DATABASE.test(readFileSync(file, 'utf8')) && !(file in notOnPostgres)),
);

// The base configuration with these files only: merged, its include globs would add every file back.
export default defineConfig({
  ...base,
  test: { ...base.test, include: withDatabase, env: { ...base.test?.env, SVC_TEST_ENGINE: 'postgres' } },
});
