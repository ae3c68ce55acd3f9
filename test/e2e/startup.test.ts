import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, baseEnv, sandbox } from '../helpers/cli.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('start-up paths', () => {
  const box = sandbox();
  afterAll(() => box.cleanup());

  it('prints the version alone, without touching the database', () => {
    for (const flag of ['--version', '-V']) {
      const result = box.run([flag]);
      expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
    expect(box.snapshot()).toBe('absent');
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
});
