// Bundles a few lines of TypeScript that use src/ and test/ into a runnable module, for
// the scripts that fill a database through src/store (the detect example, the benchmark).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Where the real service sentences are (SVC_SERVICE_DATA overrides). */
export const serviceData = process.env.SVC_SERVICE_DATA ?? join(root, 'test', 'fixtures', 'mams');

/**
 * Writes the bundle inside the package, so it resolves better-sqlite3 and finds migrations/.
 * With `encoder`, the sentence encoder's packages stay external and the bundle is CommonJS,
 * as in the CLI's build: the model package finds its weights beside its own file.
 */
export async function bundleEntry(name, contents, { encoder = false } = {}) {
  const cache = join(root, 'node_modules', '.cache', 'svc-scripts');
  mkdirSync(cache, { recursive: true });
  const outfile = join(cache, `${name}.${encoder ? 'cjs' : 'mjs'}`);
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: encoder ? 'cjs' : 'esm',
    outfile,
    external: ['better-sqlite3', ...(encoder ? ['@energetic-ai/*', 'onnxruntime-node'] : [])],
    ...(encoder
      ? { define: { 'import.meta.url': '__fileUrl' }, banner: { js: 'var __fileUrl = require("node:url").pathToFileURL(__filename).href;' } }
      : {}),
    logLevel: 'warning',
  });
  return outfile;
}
