// Measures `svc reindex` (stories per second) and `svc detect` (seconds) on a generated
// database of N stories (default 100,000), against `node -e 0`. Run `npm run build` first.
//   node scripts/bench-detect.mjs [N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleEntry, root, serviceData } from './bundle-entry.mjs';

const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'svc-bench-'));
const NOW = '2026-03-18T10:00:00';

// Wall time, the child's CPU time (user + system) and peak memory: on a shared machine the CPU time
// says what the command costs, the wall time what it cost today.
function time(args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], { env, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  const [user, system, rssKb] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { seconds, cpu: user + system, rssMb: rssKb / 1024, stdout: result.stdout };
}
const both = (t) => `${t.seconds.toFixed(2)} s (cpu ${t.cpu.toFixed(2)} s, ${t.rssMb.toFixed(0)} MB resident)`;

try {
  const generator = await bundleEntry(
    'generate-stories',
    `import { openStore } from './src/store/db.ts';
     import { generateStories } from './test/bench/stories.ts';
     const store = openStore(process.argv[2]);
     generateStories(store, Number(process.argv[3]), new Date(${JSON.stringify(NOW)}));
     store.close();`,
  );
  const db = join(dir, 'svc.db');
  const env = { ...process.env, SVC_DB: db, SVC_NOW: NOW, NO_COLOR: '1', SVC_SERVICE_DATA: serviceData };
  const generated = time([generator, db, String(count)], env);
  console.log(`generated ${count.toLocaleString('en-US')} stories in ${generated.seconds.toFixed(1)} s`);
  const floor = Math.min(...[1, 2, 3].map(() => time(['-e', '0'], env).seconds));
  console.log(`node -e 0: ${(floor * 1000).toFixed(0)} ms`);
  const svc = join(root, 'bin', 'svc.cjs');
  const first = time([svc, 'detect', '--json'], env);
  console.log(`svc detect, indexing all stories first: ${both(first)}`);
  const reindex = time([svc, 'reindex', '--json'], env);
  const indexed = JSON.parse(reindex.stdout);
  const rate = (s) => Math.round(count / s).toLocaleString('en-US');
  console.log(`svc reindex: ${both(reindex)}: ${rate(reindex.seconds)} stories/s wall, ${rate(reindex.cpu)}/s cpu (indexing alone ${rate(indexed.seconds)}/s wall)`);
  const runs = [1, 2, 3].map(() => time([svc, 'detect'], env));
  console.log(`svc detect (indexed, warm): ${runs.map(both).join(' / ')}`);
  console.log(`load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
