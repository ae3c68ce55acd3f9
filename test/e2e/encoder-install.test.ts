import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, expectCleanError, queryDb, sandbox, svcWithoutPackageIn, type SvcSandbox } from '../helpers/cli.ts';
import { tempDir } from '../helpers/db.ts';

// The sentence encoder needs ONNX Runtime's native library from npm. An install without
// it (cut short, or for a platform the package has no library for) is only seen in a
// real process: a clean error that says what to repair, and nothing stored.
let svc: SvcSandbox;
let install: { dir: string; cleanup: () => void };
let broken: string;
beforeAll(() => {
  svc = sandbox();
  const stories: Array<[text: string, staff: string]> = [
    ['Ana rang the customer back the same afternoon with the answer.', 'Ana'],
    ['Bo returned her call within the hour and sorted the refund.', 'Bo'],
    ['Cy called the client back before close to confirm the booking.', 'Cy'],
  ];
  for (const [text, staff] of stories) {
    expect(svc.run(['story', 'add', text, '--staff', staff, '--when', '2026-03-10']).code).toBe(0);
  }
  expect(svc.run(['practice', 'add', 'Call back the same day', '--from-stories', '1,2']).code).toBe(0);
  install = tempDir('svc-install-');
  broken = svcWithoutPackageIn(install.dir, 'onnxruntime-node');
});
afterAll(() => {
  svc.cleanup();
  install.cleanup();
});

describe('an install without ONNX Runtime', () => {
  it('refuses practice suggest with one clean error naming what is missing, and stores no vector', () => {
    const before = svc.snapshot();
    const result = spawnSync(process.execPath, [broken, 'practice', 'suggest', '--story', '3'], { env: baseEnv(svc.db), encoding: 'utf8', input: '' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, /^svc: the sentence encoder could not load \(Cannot find module 'onnxruntime-node'/);
    expect(result.stderr).toMatch(/hint: reinstall svc with npm.*svc practice link NAME STORY_ID/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(svc.snapshot()).toBe(before);
    expect(queryDb(svc.db, 'SELECT count(*) AS n FROM story_vectors')).toEqual([{ n: 0 }]);
  });

  it('still saves stories by flags, which never load the encoder', () => {
    const result = spawnSync(process.execPath, [broken, 'story', 'add', 'Dee phoned the family back within two hours.', '--staff', 'Dee'], { env: baseEnv(svc.db), encoding: 'utf8', input: '' });
    expect(result.status).toBe(0);
    expect(queryDb(svc.db, 'SELECT count(*) AS n FROM stories')).toEqual([{ n: 4 }]);
  });

  it('and the complete install embeds and suggests for the same database', () => {
    const result = svc.run(['practice', 'suggest', '--story', '3', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { suggestions: Array<{ name: string }> }).suggestions.map((s) => s.name)).toEqual(['Call back the same day']);
    expect(queryDb(svc.db, 'SELECT count(*) AS n FROM story_vectors')).toEqual([{ n: 4 }]);
  });
});
