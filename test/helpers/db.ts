import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/db.ts';

/** A fresh directory under the system temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'svc-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new database with the real migrations applied, in its own temp dir. */
export function tempStore(): Store & { dir: string; dispose: () => void } {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'svc.db'));
  return Object.assign(store, {
    dir,
    dispose: () => {
      store.close();
      cleanup();
    },
  });
}

/** A fixed clock for tests: 2026-03-18 (a Wednesday), mid-morning. */
export const NOW = new Date('2026-03-18T10:00:00');
export const NOW_ISO = NOW.toISOString();
