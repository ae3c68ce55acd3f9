import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e tests spawn the built binary; two cores are all there is.
    maxWorkers: 2,
    // Test files share a worker's loaded modules: the in-process e2e files import all of
    // svc, and loading it again for each file cost about a third of the run's CPU time.
    // Nothing here mocks modules or leaves state between files (each test has its own database).
    isolate: false,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    setupFiles: ['./test/helpers/setup.ts'],
    // Names this run's PostgreSQL test databases and drops them at the end (when a server is configured).
    globalSetup: ['./test/helpers/postgres-teardown.ts'],
  },
});
