/**
 * Test files that use a database but do not run on PostgreSQL, each with the reason.
 * Everything else that opens a database (tempStore, a sandbox) runs on both engines.
 */
export const notOnPostgres: Record<string, string> = {};
