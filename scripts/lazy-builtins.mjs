// An esbuild plugin for start-up: node:child_process and node:crypto cost several
// milliseconds to load (each pulls in dozens of internal modules), yet most commands
// never call them. In the bundle both are replaced by modules whose functions load the
// real one on first call. randomUUID, which every write needs, reads its bytes from
// /dev/urandom instead (the same kernel source node:crypto uses), falling back to
// node:crypto where there is no such device.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const LAZY = new Map([
  ['child_process', 'node:child_process'],
  ['crypto', 'node:crypto'],
]);

const URANDOM_UUID = `
import { closeSync, openSync, readSync } from 'node:fs';
// Random bytes for 256 UUIDs at a time, as node:crypto itself batches them.
const pool = Buffer.alloc(16 * 256);
let used = pool.length;
function refill() {
  const fd = openSync('/dev/urandom', 'r');
  try {
    if (readSync(fd, pool, 0, pool.length, null) !== pool.length) throw new Error('short read from /dev/urandom');
  } finally {
    closeSync(fd);
  }
  used = 0;
}
export function randomUUID(options) {
  if (used === pool.length) {
    try {
      refill();
    } catch {
      return load().randomUUID(options);
    }
  }
  const bytes = pool.subarray(used, (used += 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return \`\${hex.slice(0, 8)}-\${hex.slice(8, 12)}-\${hex.slice(12, 16)}-\${hex.slice(16, 20)}-\${hex.slice(20)}\`;
}
`;

/** Source of a module exporting every function of `specifier`, loading it on first call. */
function lazyModule(specifier) {
  const real = require(specifier);
  const own = specifier === 'node:crypto' ? new Set(['randomUUID']) : new Set();
  const names = Object.keys(real).filter((name) => typeof real[name] === 'function' && !own.has(name) && /^[A-Za-z_$][\w$]*$/.test(name));
  const lines = [
    'let loaded;',
    `const load = () => (loaded ??= require(${JSON.stringify(specifier)}));`,
    ...names.map(
      (name) =>
        `export function ${name}(...args) { return new.target ? Reflect.construct(load().${name}, args, new.target) : load().${name}(...args); }`,
    ),
    specifier === 'node:crypto' ? URANDOM_UUID : '',
    `export default new Proxy({}, { get: (_, key) => (key === 'randomUUID' && ${own.size > 0} ? randomUUID : load()[key]) });`,
  ];
  return lines.join('\n');
}

export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(child_process|crypto)$/ }, (args) => {
      // The lazy modules themselves load the real thing.
      if (args.namespace === 'lazy-builtin') return { path: args.path, external: true };
      return { path: LAZY.get(args.path.replace(/^node:/, '')), namespace: 'lazy-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({ contents: lazyModule(args.path), loader: 'js' }));
  },
};
