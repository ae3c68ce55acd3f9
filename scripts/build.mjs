// Bundles the CLI into dist/ so start-up reads a few files instead of hundreds in
// node_modules. Dynamic imports become their own chunks, so heavy modules (prompts,
// NLP, renderers) load only in the commands that use them. better-sqlite3's native
// addon stays outside (src/store/db.ts hands its path over); its JavaScript is bundled,
// which spares the start-up of every command that opens the database about fifteen
// CommonJS files. `bindings`, which it needs only without that path, stays external.
import { build } from 'esbuild';
import { chalkWithoutDetection } from './chalk-without-detection.mjs';
import { rmSync } from 'node:fs';
import { groupHandlers } from './group-handlers.mjs';
import { lazyBuiltins } from './lazy-builtins.mjs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['bindings'],
  chunkNames: 'chunks/[name]-[hash]',
  // Some bundled CommonJS dependencies call require(); give ESM output a real one.
  banner: { js: "import { createRequire as __svcCreateRequire } from 'node:module'; const require = __svcCreateRequire(import.meta.url);" },
  // Less source for V8 to parse at every start; names stay readable in SVC_DEBUG stacks.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [lazyBuiltins, groupHandlers, chalkWithoutDetection],
  legalComments: 'none',
  logLevel: 'warning',
});
