/**
 * Test files that use a database but do not run on PostgreSQL, each with the reason.
 * Everything else that opens a database (tempStore, a sandbox) runs on both engines.
 */
export const notOnPostgres: Record<string, string> = {
  'test/e2e/postgres-rows.test.ts': 'copies a SQLite file the binary built into PostgreSQL: it runs in the SQLite run, against the server',
};
