import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

// Compiling svc's bundles is a good part of every start: about 7 ms of a `svc story add`
// here. Node >= 22.1 caches compiled code itself (module.enableCompileCache); on older
// Node, svc loads its own bundles through V8's code cache: the first run of a bundle
// saves what V8 compiled, later runs start from it. This file is its own small bundle
// (dist/launch.cjs), loaded the ordinary way.

/** Where compiled code is kept: per V8 version and machine architecture, private to the user. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'svc', `v8-${process.versions.v8}-${process.arch}`);
}

/**
 * Where a bundle's compiled code is kept: in a folder named after the folder the bundle
 * is installed in, so two installs (a global one and a checkout, or the tests' build)
 * each keep their own instead of rewriting each other's on every run.
 */
export function codeCachePath(cacheDir: string, file: string): string {
  return join(cacheDir, pathKey(dirname(file)), `${file.replace(/^.*[\\/]/u, '')}.v8`);
}

/** A short, stable name for a path (32-bit FNV-1a, in hex): cheaper at start-up than loading node:crypto. */
function pathKey(path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

type CommonJsFunction = (exports: object, require: NodeRequire, module: { exports: object }, filename: string, dirname: string) => void;

/** Compiled code waiting to be saved when the process ends. */
interface PendingCache {
  script: Script;
  path: string;
  header: string;
}

/**
 * Loads CommonJS bundles, and the sibling bundles they require (`./x.cjs`), through
 * V8's code cache in `cacheDir`. Anything else they require goes to Node's own require.
 * A cache entry names the bundle's size and modification time: V8 itself checks only
 * the source's length, so a rebuilt bundle of the same length must never meet old code.
 */
export function createBundleLoader(cacheDir: string): { load(file: string): unknown; saveCaches(): string[] } {
  const loaded = new Map<string, { exports: object }>();
  const pending: PendingCache[] = [];

  function load(file: string): unknown {
    const known = loaded.get(file);
    if (known) return known.exports;
    const source = readFileSync(file, 'utf8');
    const stat = statSync(file);
    const path = codeCachePath(cacheDir, file);
    const header = `svc code cache ${stat.size} ${stat.mtimeMs}\n`;
    const cachedData = readCache(path, header);
    // The wrapper stays on the first line, so line numbers in stack traces are the file's own.
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, path, header });
    const module = { exports: {} };
    loaded.set(file, module);
    const nodeRequire = createRequire(file);
    const requireFromBundle = ((id: string) =>
      /^\.\/[\w-]+\.cjs$/u.test(id) ? load(join(dirname(file), id)) : nodeRequire(id)) as NodeRequire;
    Object.assign(requireFromBundle, { resolve: nodeRequire.resolve, cache: nodeRequire.cache });
    (script.runInThisContext() as CommonJsFunction).call(module.exports, module.exports, requireFromBundle, module, file, dirname(file));
    return module.exports;
  }

  /** Writes what V8 compiled in this run, for the bundles that had no usable cache; returns the files written. */
  function saveCaches(): string[] {
    const written: string[] = [];
    for (const { script, path, header } of pending.splice(0)) {
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        const partial = `${path}.${process.pid}`;
        writeFileSync(partial, Buffer.concat([Buffer.from(header), script.createCachedData()]), { mode: 0o600 });
        renameSync(partial, path); // whole or not at all, whatever other svc runs do meanwhile
        written.push(path);
      } catch {
        // A read-only or full disk costs the cache, never the command.
      }
    }
    return written;
  }

  return { load, saveCaches };
}

function readCache(path: string, header: string): Buffer | undefined {
  try {
    const data = readFileSync(path);
    return data.subarray(0, header.length).toString() === header ? data.subarray(header.length) : undefined;
  } catch {
    return undefined;
  }
}

/** Starts svc: dist/svc.cjs, through Node's compile cache or svc's own. */
export function launch(argv: string[]): Promise<void> {
  const entry = join(dirname(fileURLToPath(import.meta.url)), 'svc.cjs');
  const { enableCompileCache } = Module as { enableCompileCache?: () => unknown };
  type Entry = { main(argv: string[]): Promise<void> };
  if (typeof enableCompileCache === 'function' || process.env.NODE_DISABLE_COMPILE_CACHE) {
    if (!process.env.NODE_DISABLE_COMPILE_CACHE) enableCompileCache?.();
    return (createRequire(entry)(entry) as Entry).main(argv);
  }
  const loader = createBundleLoader(codeCacheDir());
  process.once('exit', () => loader.saveCaches());
  return (loader.load(entry) as Entry).main(argv);
}
