import type { OpenOptions } from '../store/db.ts';
import type { PausePoint } from '../store/migrate.ts';
import { write } from './streams.ts';

const PAUSE_POINTS: readonly PausePoint[] = ['import', 'migration', 'backup'];

/**
 * The switches the end-to-end tests set in the environment, read here and nowhere else,
 * and handed to the store as open options. Never set them in normal use:
 * SVC_TEST_MAX_PAGES=N caps the database file at N pages (a full disk anywhere);
 * SVC_TEST_PAUSE_AT=import|migration|backup stops svc there, inside its open
 * transaction, for a minute, so a crash test can kill it exactly there;
 * SVC_TEST_BUSY_TIMEOUT_MS=N gives up on a locked database after N ms instead of 10 s.
 */
export function testSwitches(env: NodeJS.ProcessEnv): Pick<OpenOptions, 'maxPages' | 'pause' | 'busyTimeoutMs'> {
  const switches: Pick<OpenOptions, 'maxPages' | 'pause' | 'busyTimeoutMs'> = {};
  const maxPages = env.SVC_TEST_MAX_PAGES;
  if (maxPages && /^\d+$/u.test(maxPages)) switches.maxPages = Number(maxPages);
  const busyTimeout = env.SVC_TEST_BUSY_TIMEOUT_MS;
  if (busyTimeout && /^\d+$/u.test(busyTimeout)) switches.busyTimeoutMs = Number(busyTimeout);
  const at = env.SVC_TEST_PAUSE_AT;
  if (at && (PAUSE_POINTS as readonly string[]).includes(at)) {
    switches.pause = (point) => {
      if (point !== at) return;
      write('stderr', `svc: paused at ${point} (SVC_TEST_PAUSE_AT is for tests only)\n`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    };
  }
  return switches;
}
