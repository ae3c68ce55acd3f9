import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir, codeCachePath } from '../../src/cli/launch.ts';
import { tempDir } from '../helpers/db.ts';

// The loader runs in fresh Node processes, as it does for users: V8 keeps compiled code
// in memory too, so only a new process shows what the cache on disk does.
const LAUNCH = fileURLToPath(new URL('../../dist/launch.cjs', import.meta.url));

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Loads `file` through the built loader in a new process; returns what it printed. */
function loadInNewProcess(file: string, cache: string): { value: string; written: string[] } {
  const script = `const { createBundleLoader } = require(${JSON.stringify(LAUNCH)});
    const loader = createBundleLoader(${JSON.stringify(cache)});
    const value = loader.load(${JSON.stringify(file)}).value;
    console.log(JSON.stringify({ value, written: loader.saveCaches() }));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { value: string; written: string[] };
}

describe("svc's code cache for its bundles", () => {
  it('saves compiled code on the first run and starts from it on the next', () => {
    const cache = join(dir, 'cache');
    writeFileSync(join(dir, 'main.cjs'), `const part = require('./part.cjs'); exports.value = part.word + require('node:path').sep + (part === require('./part.cjs'));`);
    writeFileSync(join(dir, 'part.cjs'), `exports.word = 'hello';`);
    const first = loadInNewProcess(join(dir, 'main.cjs'), cache);
    // Sibling bundles load once (the same module object), anything else through Node.
    expect(first.value).toBe('hello/true');
    expect(first.written.sort()).toEqual([codeCachePath(cache, join(dir, 'main.cjs')), codeCachePath(cache, join(dir, 'part.cjs'))]);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(statSync(codeCachePath(cache, join(dir, 'main.cjs'))).mode & 0o777).toBe(0o600);
    expect(loadInNewProcess(join(dir, 'main.cjs'), cache)).toEqual({ value: 'hello/true', written: [] });
  });

  it('never runs old compiled code for a rebuilt bundle, even one of the same length', () => {
    const cache = join(dir, 'cache');
    const bundle = join(dir, 'main.cjs');
    writeFileSync(bundle, `exports.value = 'one';`);
    expect(loadInNewProcess(bundle, cache).value).toBe('one');
    writeFileSync(bundle, `exports.value = 'two';`);
    const later = new Date(Date.now() + 5000);
    utimesSync(bundle, later, later);
    expect(loadInNewProcess(bundle, cache)).toEqual({ value: 'two', written: [codeCachePath(cache, bundle)] });
    expect(readFileSync(codeCachePath(cache, bundle)).toString('latin1')).toMatch(/^svc code cache 22 /);
  });

  it('still runs the command when the cache cannot be written', () => {
    const blocked = join(dir, 'not-a-dir');
    writeFileSync(blocked, '');
    writeFileSync(join(dir, 'main.cjs'), `exports.value = 'ran';`);
    expect(loadInNewProcess(join(dir, 'main.cjs'), join(blocked, 'cache'))).toEqual({ value: 'ran', written: [] });
  });

  it('keeps two installs of the same bundle apart, so neither rewrites the other', () => {
    const cache = join(dir, 'cache');
    for (const install of ['global', 'checkout']) {
      mkdirSync(join(dir, install));
      writeFileSync(join(dir, install, 'main.cjs'), `exports.value = ${JSON.stringify(install)};`);
    }
    const global = join(dir, 'global', 'main.cjs');
    const checkout = join(dir, 'checkout', 'main.cjs');
    expect(codeCachePath(cache, global)).not.toBe(codeCachePath(cache, checkout));
    expect(loadInNewProcess(global, cache).written).toEqual([codeCachePath(cache, global)]);
    expect(loadInNewProcess(checkout, cache).written).toEqual([codeCachePath(cache, checkout)]);
    // Each starts from its own cache now: nothing is written on either's next run.
    expect(loadInNewProcess(global, cache)).toEqual({ value: 'global', written: [] });
    expect(loadInNewProcess(checkout, cache)).toEqual({ value: 'checkout', written: [] });
  });

  it('keeps the cache under XDG_CACHE_HOME, per V8 version', () => {
    mkdirSync(join(dir, 'xdg'));
    expect(codeCacheDir({ XDG_CACHE_HOME: join(dir, 'xdg') })).toBe(join(dir, 'xdg', 'svc', `v8-${process.versions.v8}-${process.arch}`));
  });
});
