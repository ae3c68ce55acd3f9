// The PostgreSQL run's global setup: drops whatever databases the tests left behind
// (a failed test, a killed worker), so the server is as it was.
import { randomBytes } from 'node:crypto';
import { dropAllTestDatabases } from './engine.ts';

export function setup(): () => void {
  // The workers inherit it: this run's databases are named apart from any other run's on the server.
  process.env.SVC_TEST_RUN ??= randomBytes(4).toString('hex');
  return () => dropAllTestDatabases();
}
