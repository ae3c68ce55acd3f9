/**
 * Test files that use a database but do not run on PostgreSQL, each with the reason.
 * Everything else that opens a database (tempStore, a sandbox) runs on both engines.
 */
export const notOnPostgres: Record<string, string> = {
  'test/e2e/postgres-rows.test.ts': 'copies a SQLite file the binary built into PostgreSQL: it runs in the SQLite run, against the server',
  'test/e2e/long-writers.test.ts':
    "its 20,000-story database is generated as a SQLite file and each commit is watched through SQLite's data_version; many writers on PostgreSQL are test/e2e/many-writers.test.ts",
};
