// Bundles the CLI into dist/ so start-up reads a few files instead of hundreds in
// node_modules. Dynamic imports become their own chunks, so heavy modules (prompts,
// NLP, renderers) load only in the commands that use them. better-sqlite3 stays
// external because it is a native addon.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  chunkNames: 'chunks/[name]-[hash]',
  // Some bundled CommonJS dependencies call require(); give ESM output a real one.
  banner: { js: "import { createRequire as __svcCreateRequire } from 'node:module'; const require = __svcCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
