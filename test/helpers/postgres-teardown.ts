// The PostgreSQL run's global setup: drops whatever databases the tests left behind
// (a failed test, a killed worker), so the server is as it was.
import { dropAllTestDatabases } from './engine.ts';

export function setup(): () => void {
  return () => dropAllTestDatabases();
}
