// Both runs' global setup (vitest.config.ts): marks this run's databases (engine.ts names them
// after SVC_TEST_RUN), then drops whatever of them the tests left behind (a failed test,
// a killed worker), so the server is as it was. Another run at the same time keeps its own.
import { randomBytes } from 'node:crypto';
import { dropRunDatabases } from './engine.ts';

export function setup(): (() => void) | undefined {
  // Without a server no test creates a database (the PostgreSQL suites say they were skipped).
  if (!process.env.SVC_TEST_POSTGRES_URL) return undefined;
  const run = `r${randomBytes(4).toString('hex')}`;
  // Set before the test processes start, so they inherit it.
  process.env.SVC_TEST_RUN = run;
  return () => dropRunDatabases(run);
}
