// Bundles the CLI into dist/ as a few CommonJS files. Node loads a CommonJS file with
// less ceremony than an ES module (no module graph to resolve and link; about 7 ms less
// for the entry alone here), and every module a command loads costs a resolve, a read
// and a compile, so each run loads at most three or four files:
//
//   launch.cjs    loads the others through V8's code cache (src/cli/launch.ts)
//   svc.cjs       the entry: --version, and the error reporting
//   program.cjs   the command tree (commander and every command's options)
//   <noun>.cjs    one per commands/<noun>/handlers.ts: that group's handlers, the
//                 context and the store (story-add.cjs: `svc story add` alone)
//   nlp.cjs, prompts.cjs, …  heavy modules, loaded only by the commands that use them
//
// A dynamic import() of one of those modules becomes a require() of its file; anything
// else a bundle imports, even lazily, is inside it. Bundles share no module instances, so
// what crosses between them is plain data, and errors are recognised by a brand rather
// than instanceof (src/core/errors.ts).
//
// better-sqlite3's native addon stays outside (src/store/db.ts hands its path over); its
// JavaScript is bundled. `bindings`, which it needs only without that path, stays external.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chalkWithoutDetection } from './chalk-without-detection.mjs';
import { lazyBuiltins } from './lazy-builtins.mjs';

const root = new URL('..', import.meta.url).pathname;
const src = (path) => resolve(root, 'src', path);

/** Output name (dist/<name>.cjs) → the module it is built from. */
const bundles = {
  launch: src('cli/launch.ts'),
  svc: src('cli/main.ts'),
  program: src('cli/program.ts'),
  // commands/story/handlers.ts → story; commands/story/add-handlers.ts → story-add.
  ...Object.fromEntries(
    readdirSync(src('cli/commands'), { recursive: true })
      .map((file) => /^([\w-]+)\/(?:([\w-]+)-)?handlers\.ts$/.exec(String(file)))
      .filter((match) => match !== null)
      .map(([file, noun, part]) => [part ? `${noun}-${part}` : noun, src(`cli/commands/${file}`)]),
  ),
  // The NLP model is 3.7 MB; inquirer about 50 KB; the HTML report's renderer the largest.
  nlp: src('core/nlp.ts'),
  // Indexing runs in a worker thread, from a file of its own (src/cli/phrases.ts says why).
  'index-worker': src('cli/index-worker.ts'),
  // The sentence encoder (src/cli/semantic.ts), and the guided prompt's use of it.
  encoder: src('core/encoder.ts'),
  capture: src('cli/commands/story/capture.ts'),
  // Suggestion metrics, for scripts/eval-suggest.mjs and the detection scorer.
  'suggest-metrics': src('cli/suggest-metrics.ts'),
  prompts: src('cli/prompts.ts'),
  // The PostgreSQL store and node-postgres: loaded only for a postgres:// address (src/cli/run.ts).
  postgres: src('store/postgres/store.ts'),
  // Its client alone, which the entry loads to start connecting before the command tree (src/cli/main.ts).
  'postgres-early': src('store/postgres/early.ts'),
  'report-html': src('ui/render/report/html.ts'),
  // chrono-node's English parser, required by src/core/dates.ts only for a date that is
  // not ISO, today, yesterday, "N days ago" or a weekday.
  chrono: 'package-bundle:chrono-node/en',
};
/**
 * Packages a bundle requires (a plain require(), loaded on first use) from a bundle of
 * their own, with what the source uses of them (the rest is left out of the bundle).
 */
const packageBundles = new Map([['chrono-node/en', { name: 'chrono', exports: ['casual'] }]]);

// `--one-commands-bundle` builds the other layout, for measuring it (README, "How the
// code is organised"): every handlers file in one dist/commands.cjs instead of a bundle
// per noun. `--outdir DIR` builds into DIR instead of dist/.
const argv = process.argv.slice(2);
const oneCommandsBundle = argv.includes('--one-commands-bundle');
const outdir = argv.includes('--outdir') ? resolve(argv[argv.indexOf('--outdir') + 1]) : resolve(root, 'dist');
/** Handler bundle name → its file, moved into commands.cjs when built as one. */
const commandParts = new Map();
if (oneCommandsBundle) {
  for (const [name, path] of Object.entries(bundles)) {
    if (!/\/cli\/commands\/.*handlers\.ts$/.test(path)) continue;
    commandParts.set(path, name);
    delete bundles[name];
  }
  bundles.commands = 'commands-bundle:';
}
const bundleOf = new Map(Object.entries(bundles).map(([name, path]) => [path, name]));

/** One commands bundle: its module exports each handlers file by its bundle name, and an import() of one takes that part. */
const oneCommands = {
  name: 'one-commands-bundle',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^commands-bundle:$/ }, () => ({ path: 'commands', namespace: 'commands-bundle' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'commands-bundle' }, () => ({
      contents: [...commandParts].map(([path, name]) => `export * as ${JSON.stringify(name)} from ${JSON.stringify(path)};`).join('\n'),
      resolveDir: root,
    }));
    pluginBuild.onResolve({ filter: /^\.\.?\// }, (args) => {
      const name = args.kind === 'dynamic-import' ? commandParts.get(resolve(args.resolveDir, args.path)) : undefined;
      return name === undefined ? undefined : { path: name, namespace: 'commands-part' };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: 'commands-part' }, (args) => ({ contents: `module.exports = require("./commands.cjs")[${JSON.stringify(args.path)}];` }));
    pluginBuild.onResolve({ filter: /^\.\/commands\.cjs$/ }, () => ({ path: './commands.cjs', external: true }));
  },
};

/** import() of another bundle's module, or require() of a package bundled apart, becomes a require() of that bundle's file. */
const bundleBoundaries = {
  name: 'bundle-boundaries',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const name = bundleOf.get(resolve(args.resolveDir, args.path));
      return name === undefined ? undefined : { path: `./${name}.cjs`, external: true };
    });
    pluginBuild.onResolve({ filter: /^[\w@]/ }, (args) => {
      const bundle = packageBundles.get(args.path);
      return bundle !== undefined && args.kind === 'require-call' ? { path: `./${bundle.name}.cjs`, external: true } : undefined;
    });
    pluginBuild.onResolve({ filter: /^package-bundle:/ }, (args) => ({ path: args.path.slice('package-bundle:'.length), namespace: 'package-bundle' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'package-bundle' }, (args) => ({
      contents: `export { ${packageBundles.get(args.path).exports.join(', ')} } from ${JSON.stringify(args.path)};`,
      resolveDir: root,
    }));
  },
};

/** What every file of dist/ is: one CommonJS bundle for Node 20, with less source for V8 to parse at every start. */
const commonJsBundle = {
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...commonJsBundle,
  entryPoints: bundles,
  // The encoder's model package keeps its weights beside its own file in node_modules, and
  // ONNX Runtime loads its native library from its own.
  external: ['bindings', '@energetic-ai/*', 'onnxruntime-node'],
  // Dynamic imports of other bundles (made external above) load with require().
  supported: { 'dynamic-import': false },
  // The store finds its addon and migrations from its own file's URL.
  define: { 'import.meta.url': '__svcFileUrl' },
  banner: { js: 'var __svcFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  // Names stay readable in SVC_DEBUG stacks: whitespace and syntax are minified, identifiers not.
  plugins: [...(oneCommandsBundle ? [oneCommands] : []), bundleBoundaries, lazyBuiltins, chalkWithoutDetection],
});

// node-postgres for the PostgreSQL client's worker thread (src/store/postgres/sync-client.ts),
// as one file: loaded from node_modules it is some forty modules, and every command on
// PostgreSQL loads it before its first query. pg-native (libpq bindings) is optional and
// not installed; the pure-JavaScript client is what svc uses.
await build({
  ...commonJsBundle,
  entryPoints: { pg: resolve(root, 'node_modules/pg/lib/index.js') },
  external: ['pg-native'],
});
