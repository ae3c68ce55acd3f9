// Measures `svc reindex` (stories per second) and `svc detect` (seconds) on a generated
// database of N stories (default 100,000), against `node -e 0`. Run `npm run build` first.
//   node scripts/bench-detect.mjs [N]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'svc-bench-'));
const NOW = '2026-03-18T10:00:00';

function time(args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

try {
  const cache = join(root, 'node_modules', '.cache', 'svc-bench');
  mkdirSync(cache, { recursive: true });
  const generator = join(cache, 'generate.mjs');
  await build({
    stdin: {
      contents: `import { openStore } from './src/store/db.ts';
        import { generateStories } from './test/bench/stories.ts';
        const store = openStore(process.argv[2]);
        generateStories(store, Number(process.argv[3]), new Date(${JSON.stringify(NOW)}));
        store.close();`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: generator,
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  const db = join(dir, 'svc.db');
  const env = { ...process.env, SVC_DB: db, SVC_NOW: NOW, NO_COLOR: '1', SVC_SERVICE_DATA: process.env.SVC_SERVICE_DATA ?? join(root, '..', 'shared', 'data') };
  const generated = time([generator, db, String(count)], env);
  console.log(`generated ${count.toLocaleString('en-US')} stories in ${generated.seconds.toFixed(1)} s`);
  const floor = Math.min(...[1, 2, 3].map(() => time(['-e', '0'], env).seconds));
  console.log(`node -e 0: ${(floor * 1000).toFixed(0)} ms`);
  const svc = join(root, 'bin', 'svc.js');
  const first = time([svc, 'detect', '--json'], env);
  console.log(`svc detect, indexing all stories first: ${first.seconds.toFixed(2)} s`);
  const reindex = time([svc, 'reindex', '--json'], env);
  const indexed = JSON.parse(reindex.stdout);
  console.log(`svc reindex: ${reindex.seconds.toFixed(2)} s, ${Math.round(count / reindex.seconds).toLocaleString('en-US')} stories/s (indexing alone ${Math.round(count / indexed.seconds).toLocaleString('en-US')}/s)`);
  const runs = [1, 2, 3].map(() => time([svc, 'detect'], env).seconds);
  console.log(`svc detect (indexed, warm): ${runs.map((s) => s.toFixed(2)).join(' / ')} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
