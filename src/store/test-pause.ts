/**
 * For tests only: SVC_TEST_PAUSE_AT=<point> makes svc stop at that point (inside its
 * open transaction) and wait, so a crash test can SIGKILL it exactly there. Points:
 * "import" (all rows written, not committed), "migration" (schema changed, not
 * committed) and "backup" (a pre-migration backup written, not yet under its name).
 * Never set it in normal use.
 */
export function pauseForTest(point: 'import' | 'migration' | 'backup'): void {
  if (process.env.SVC_TEST_PAUSE_AT !== point) return;
  process.stderr.write(`svc: paused at ${point} (SVC_TEST_PAUSE_AT is for tests only)\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}
