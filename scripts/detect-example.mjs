// Prints `svc detect` on the real service sentences in test/fixtures/mams (the README's
// example): imports them as stories through the same loader as the quality-bar test,
// into a temporary database, then runs the built svc on it. Run `npm run build` first.
//   node scripts/detect-example.mjs [svc detect flags…]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleEntry, root, serviceData } from './bundle-entry.mjs';

const dir = mkdtempSync(join(tmpdir(), 'svc-example-'));
const NOW = '2026-03-18T10:00:00';
try {
  const loader = await bundleEntry(
    'load-service-data',
    `import { openStore } from './src/store/db.ts';
     import { loadServiceStories } from './test/fixtures/service-data.ts';
     const store = openStore(process.argv[2]);
     loadServiceStories(store, new Date(${JSON.stringify(NOW)}));
     store.close();`,
  );
  const db = join(dir, 'svc.db');
  const env = { ...process.env, SVC_DB: db, SVC_NOW: NOW, SVC_SERVICE_DATA: serviceData };
  const load = spawnSync(process.execPath, [loader, db], { env, stdio: 'inherit', cwd: root });
  if (load.status !== 0) process.exit(load.status ?? 1);
  const run = spawnSync(process.execPath, [join(root, 'bin/svc.cjs'), 'detect', ...process.argv.slice(2)], { env, stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
