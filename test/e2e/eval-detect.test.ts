// The detection scorer a team runs on its own story set (`npm run eval:detect -- FILE`):
// every figure of the targets in one run, from a truth file beside the set or named.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'svc-eval-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function evalDetect(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'scripts', 'eval-detect.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('npm run eval:detect', () => {
  it('scores a set held elsewhere against the truth file named, with discovery, stars, vague praise, assisted recall and capture', () => {
    // The set away from its truth.json: --truth says where the truth is.
    const set = join(dir, 'field-crew.jsonl');
    copyFileSync(join(root, 'test/fixtures/stories-own/field-crew.jsonl'), set);
    const run = evalDetect(set, '--truth', join(root, 'test/fixtures/stories-own/truth.json'), '--json');
    expect(run.status, run.stderr).toBe(0);
    const [report] = JSON.parse(run.stdout) as Array<{ stories: number; sections: Record<string, Record<string, unknown>> }>;
    expect(report?.stories).toBe(78);
    expect(Object.keys(report?.sections ?? {})).toEqual(['discovery', 'stars', 'vague', 'suggestions']);
    const suggestions = report?.sections.suggestions as { assistedRecall: Record<string, number>; assistedRecallMean: number; captureRanks: number[]; captureTop3: number };
    // Five shared practices measured one by one; every other story of the 7 practices ranked.
    expect(Object.keys(suggestions.assistedRecall)).toHaveLength(5);
    expect(suggestions.captureRanks).toHaveLength(24);
    expect(suggestions.assistedRecallMean).toBeGreaterThanOrEqual(0.6);
    expect(suggestions.captureTop3).toBeGreaterThanOrEqual(0.85);

    const text = evalDetect(set, '--truth', join(root, 'test/fixtures/stories-own/truth.json'));
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ {2}assisted {3}recall \d+ %/mu);
    expect(text.stdout).toMatch(/^ {2}capture {4}right practice first \d+ % · in the top 3 \d+ % \(24 stories/mu);
  }, 120_000);

  it('says which truth file is missing rather than score without one', () => {
    const alone = mkdtempSync(join(dir, 'alone-'));
    copyFileSync(join(root, 'test/fixtures/stories-own/library.jsonl'), join(alone, 'library.jsonl'));
    const run = evalDetect(join(alone, 'library.jsonl'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`test data missing: ${join(alone, 'truth.json')}`);
  }, 60_000);
});
