import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { codeCachePath } from '../../src/cli/launch.ts';
import { BIN, baseEnv, sandbox } from '../helpers/cli.ts';
import { untouchedSnapshot } from '../helpers/db.ts';
import { testEngine } from '../helpers/engine.ts';
import { runInProcess } from '../helpers/in-process.ts';

/** A command's bundles when it opens the database: on PostgreSQL the store and its driver come as a bundle of their own. */
// On PostgreSQL a command that opens the database also loads the client the entry starts connecting with, and the store.
const opening = (bundles: string[]): string[] => (testEngine === 'postgres' ? [...bundles, 'postgres-early.cjs', 'postgres.cjs'].sort() : bundles);

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('start-up paths', () => {
  const box = sandbox();
  afterAll(() => box.cleanup());

  it('prints the version alone, without touching the database', () => {
    const before = box.snapshot();
    for (const flag of ['--version', '-V']) {
      const result = box.run([flag]);
      expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
    expect(box.snapshot()).toBe(untouchedSnapshot(before));
  });

  it('still prints help and rejects unknown options with exit code 2', () => {
    const help = box.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: svc/);
    expect(help.stdout).toMatch(/story/);
    const bad = box.run(['--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^svc: unknown option '--bogus'/);
  });

  it('stops quietly when the reader of its output goes away (svc … | head)', () => {
    for (const args of ['--help', 'stories --limit 0']) {
      box.run(['story', 'add', 'Ana called the customer back', '--staff', 'Ana']);
      const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args} | head -c 1 >/dev/null`], {
        env: baseEnv(box.db),
        encoding: 'utf8',
      });
      expect(piped.stderr, args).toBe('');
    }
  });

  it('gives new records random version-4 UUIDs', () => {
    const first = box.json<{ uuid: string }>(['story', 'add', 'Ana called back', '--staff', 'Ana']);
    const second = box.json<{ uuid: string }>(['story', 'add', 'Bo followed up', '--staff', 'Bo']);
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(first.uuid).toMatch(v4);
    expect(second.uuid).toMatch(v4);
    expect(first.uuid).not.toBe(second.uuid);
  });

  // Most command tests run svc's program in-process (test/helpers/in-process.ts): the
  // built binary must print and exit exactly as that does, for the groups tested only so.
  it('prints and exits as the in-process program does, read commands and refusals alike', async () => {
    const env = { XDG_CONFIG_HOME: join(box.dir, 'xdg') };
    for (const args of [[], ['config', 'list'], ['digest'], ['practices', '--json'], ['report', '--format', 'json'], ['config', 'get', 'nothing']]) {
      const spawned = box.run(args, { env });
      expect(spawned.stdout + spawned.stderr, `svc ${args.join(' ')}`).not.toBe('');
      expect(await runInProcess(args, box.db, { env }), `svc ${args.join(' ')}`).toEqual(spawned);
    }
  });

  /** The bundles (dist/*.cjs) and heavy Node built-ins one run of svc loaded. */
  function loaded(args: string[]): { bundles: string[]; builtins: string[] } {
    const report = join(box.dir, 'loaded.json');
    const preload = join(box.dir, 'preload.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({
        files: Object.keys(require.cache), builtins: process.moduleLoadList })));`,
    );
    // Loaded by Node's require (not through svc's code cache), so require.cache lists them.
    const env = baseEnv(box.db, { NODE_DISABLE_COMPILE_CACHE: '1' });
    const result = spawnSync(process.execPath, ['-r', preload, BIN, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(result.status, result.stderr).toBe(0);
    const { files, builtins } = JSON.parse(readFileSync(report, 'utf8')) as { files: string[]; builtins: string[] };
    return {
      bundles: files.filter((file) => file.includes('/dist/')).map((file) => basename(file)).sort(),
      builtins: builtins.filter((name) => /^NativeModule (net|tty|crypto|child_process|readline)$/.test(name)).map((name) => name.slice(13)),
    };
  }

  it('loads only the bundles a command needs, and no heavy built-in modules off a terminal', () => {
    expect(loaded(['--version'])).toEqual({ bundles: ['launch.cjs', 'svc.cjs'], builtins: [] });
    expect(loaded(['--help'])).toEqual({ bundles: ['launch.cjs', 'program.cjs', 'svc.cjs'], builtins: [] });
    // The command typed seconds after a great interaction: no language model, no prompts.
    expect(loaded(['story', 'add', 'Ana called the customer back', '--staff', 'Ana'])).toEqual({
      bundles: opening(['launch.cjs', 'program.cjs', 'story-add.cjs', 'svc.cjs']),
      // On PostgreSQL the one built-in it needs is the socket to the server.
      builtins: testEngine === 'postgres' ? ['net'] : [],
    });
    expect(loaded(['report']).bundles).toEqual(opening(['launch.cjs', 'program.cjs', 'report.cjs', 'svc.cjs']));
    expect(loaded(['report', '--format', 'html']).bundles).toEqual(opening(['launch.cjs', 'program.cjs', 'report-html.cjs', 'report.cjs', 'svc.cjs']));
    // The stories added above need indexing: the language model loads in a worker thread that
    // ends before detection begins, so the command's own thread never holds it.
    expect(loaded(['detect']).bundles).toEqual(opening(['detect.cjs', 'launch.cjs', 'program.cjs', 'svc.cjs']));
  });

  it('loads the English date parser only for a date written in words, from a bundle of its own', () => {
    expect(loaded(['story', 'add', 'Bo rang back', '--staff', 'Bo', '--when', '2026-03-02']).bundles).not.toContain('chrono.cjs');
    expect(loaded(['action', 'add', 'Open on Saturdays', '--owner', 'Bo', '--due', 'in 2 weeks']).bundles).not.toContain('chrono.cjs');
    expect(loaded(['story', 'add', 'Cy rang back', '--staff', 'Cy', '--when', 'last week']).bundles).toEqual(opening(['chrono.cjs', 'launch.cjs', 'program.cjs', 'story-add.cjs', 'svc.cjs']));
    const stories = box.json<Array<{ text: string; occurredOn: string }>>(['stories', '--since', 'Mar 1']);
    expect(stories.filter((s) => s.text.endsWith('rang back')).map((s) => [s.text, s.occurredOn])).toEqual([
      ['Cy rang back', '2026-03-11'],
      ['Bo rang back', '2026-03-02'],
    ]);
  });

  it('keeps compiled code in the user cache after the first run, and reuses it', () => {
    const cache = join(box.dir, 'xdg-cache');
    const env = { XDG_CACHE_HOME: cache };
    expect(box.run(['story', 'add', 'Ana called the customer back', '--staff', 'Ana'], { env }).code).toBe(0);
    const dir = join(cache, 'svc', `v8-${process.versions.v8}-${process.arch}`);
    const cached = (file: string) => codeCachePath(dir, join(dirname(BIN), '..', 'dist', file));
    const saved = ['launch.cjs', 'svc.cjs', 'program.cjs', 'story-add.cjs'].filter((file) => existsSync(cached(file)));
    const stamp = (file: string) => statSync(cached(file)).mtimeMs;
    if (typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function') return; // Node's own cache instead
    expect(saved).toEqual(['svc.cjs', 'program.cjs', 'story-add.cjs']);
    const before = saved.map(stamp);
    const again = box.run(['story', 'add', 'Bo followed up the next morning', '--staff', 'Bo'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(saved.map(stamp)).toEqual(before);
  });
});
