#!/usr/bin/env node
// Runs the benchmark's TypeScript (test/bench/main.ts) on Node 20, which cannot run
// .ts itself: esbuild (already used for the CLI) bundles it into test/bench/out/ in a
// few tens of milliseconds, so the generator calls svc's real store code from src/.
// better-sqlite3 stays external, as in the CLI.
//   node test/bench/run.mjs bench [--stories N] [--runs N] [--cold] …
//   node test/bench/run.mjs generate --stories N --db FILE
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const out = fileURLToPath(new URL('./out/main.mjs', import.meta.url));
await build({
  entryPoints: [fileURLToPath(new URL('./main.ts', import.meta.url))],
  outfile: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
const { main } = await import(pathToFileURL(out).href);
process.exitCode = await main(process.argv.slice(2));
