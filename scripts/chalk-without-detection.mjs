// svc decides colour itself, once per stream (STYLE.md), and gives chalk an explicit
// level. chalk's own terminal detection (its vendored supports-color) loads tty and
// net at start-up even when colour is off, so the bundle uses chalk's dependency-free
// variant of that module instead; the level svc passes is all chalk then uses.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// chalk's entry is source/index.js; its vendored modules sit beside it.
const chalkSource = dirname(fileURLToPath(import.meta.resolve('chalk')));

/** @type {import('esbuild').Plugin} */
export const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(build) {
    build.onResolve({ filter: /^#supports-color$/ }, () => ({
      path: join(chalkSource, 'vendor', 'supports-color', 'browser.js'),
    }));
  },
};
