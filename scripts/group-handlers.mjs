// An esbuild plugin for start-up: each command handler used to be its own dynamic
// import, and esbuild's splitting then cut the code they share into dozens of small
// chunks, each a module Node resolves, compiles and links at every run (about 0.8 ms
// apiece). Here every handler, the context and the store load through one import of a
// single module instead, so a command reads a handful of files. The handlers stay out
// of --help and --version, and what they load lazily (prompts, NLP, renderers) stays lazy.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli/', import.meta.url));
const LAZY = /import\((['"])(\.{1,2}\/[^'"]+\.ts)\1\)/g;
// The files whose dynamic imports load handlers (or what every handler needs).
const LOADERS = [
  join(CLI, 'program.ts'),
  join(CLI, 'action.ts'),
  ...readdirSync(join(CLI, 'commands'))
    .map((noun) => join(CLI, 'commands', noun, 'register.ts'))
    .filter((file) => existsSync(file)),
];

/** One group per noun: a command loads its own noun's handlers, not every command's code. */
function groupOf(path) {
  const noun = /[\\/]commands[\\/]([\w-]+)[\\/]/.exec(path);
  return noun ? noun[1] : 'context';
}

export const groupHandlers = {
  name: 'group-handlers',
  setup(build) {
    // Found up front from the sources, so the group module is complete whenever esbuild asks for it.
    const ids = new Map();
    for (const file of LOADERS) {
      for (const [, , spec] of readFileSync(file, 'utf8').matchAll(LAZY)) {
        const path = resolve(dirname(file), spec);
        if (!ids.has(path)) ids.set(path, { id: `m${ids.size}`, group: groupOf(path) });
      }
    }
    const loaders = new Set(LOADERS);
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!loaders.has(args.path)) return undefined;
      const text = readFileSync(args.path, 'utf8').replace(
        LAZY,
        (_, __, spec) => {
          const { id, group } = ids.get(resolve(dirname(args.path), spec));
          return `import('svc:handlers/${group}').then((all) => all.${id})`;
        },
      );
      return { contents: text, loader: 'ts' };
    });
    build.onResolve({ filter: /^svc:handlers\/[\w-]+$/ }, (args) => ({ path: args.path.slice('svc:'.length), namespace: 'svc-handlers' }));
    build.onLoad({ filter: /.*/, namespace: 'svc-handlers' }, (args) => {
      const group = args.path.slice('handlers/'.length);
      return {
        contents: [...ids]
          .filter(([, entry]) => entry.group === group)
          .map(([path, { id }]) => `export * as ${id} from ${JSON.stringify(path)};`)
          .join('\n'),
        loader: 'js',
        resolveDir: CLI,
      };
    });
  },
};
