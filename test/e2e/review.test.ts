import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb, expectRefused } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

const PRACTICE = 'Call back the same day';
const PROCEDURE = '1. Note the promised time.\n2. Call back the same day, even without news.';
const LATER = { env: { SVC_NOW: '2026-07-01T10:00:00' } };
let svc: InProcessSandbox;

async function ok(args: string[], options?: { env: Record<string, string> }): Promise<{ stdout: string; stderr: string }> {
  const result = await svc.run(args, options);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

interface ReviewJson {
  version: number;
  reviewDueOn: string;
  due: boolean;
  confirmed: boolean;
  lastReviewedOn: string | null;
  steps: string[];
  stories: Array<{ id: number; verdict: string; steps: number[]; adds: string[] }>;
  adds: Array<{ word: string; stories: number }>;
}

beforeEach(async () => {
  svc = inProcessSandbox();
  await ok(['practice', 'add', PRACTICE]);
  await ok(['practice', 'add', 'Smile']);
  await ok(['practice', 'adopt', PRACTICE, '--procedure', PROCEDURE]);
  for (const [text, staff] of [
    ['Ana called the customer back the same day and sent a written summary by email', 'Ana'],
    ['Bo called back the same day and sent a summary email of the options', 'Bo'],
    ['Dee called back before noon as promised', 'Dee'],
  ] as const) {
    await ok(['story', 'add', text, '--staff', staff, '--practice', PRACTICE]);
  }
});
afterEach(() => svc.cleanup());

describe('svc practice review', () => {
  it('reads the stories since the current version against its steps', async () => {
    const review = await svc.json<ReviewJson>(['practice', 'review', PRACTICE], LATER);
    expect(review).toMatchObject({ version: 1, reviewDueOn: '2026-06-16', due: true, confirmed: false, lastReviewedOn: null });
    expect(review.steps).toEqual(['Note the promised time.', 'Call back the same day, even without news.']);
    expect(review.stories.map((s) => [s.id, s.verdict])).toEqual([[3, 'follows'], [2, 'goes-beyond'], [1, 'goes-beyond']]);
    expect(review.stories[0]?.steps).toEqual([1, 2]);
    expect(review.adds).toEqual([{ word: 'email', stories: 2 }, { word: 'sent', stories: 2 }, { word: 'summary', stories: 2 }]);
    const text = await svc.run(['practice', 'review', PRACTICE], LATER);
    expect(text.stdout).toContain('Review due since 2026-06-16.');
    expect(text.stdout).toContain('  #2 2026-03-18 Bo: goes beyond (sent, summary, email)');
    expect(text.stderr).toContain(`svc practice review '${PRACTICE}' --confirm`);
  });

  it('--confirm keeps the version, sets the next review one interval on, and takes the review off the due list', async () => {
    expect((await svc.run(['status'], LATER)).stdout).toContain(`was due for review on 2026-06-16 — svc practice review '${PRACTICE}'`);
    const confirmed = await svc.json<ReviewJson>(['practice', 'review', PRACTICE, '--confirm'], LATER);
    expect(confirmed).toMatchObject({ version: 1, reviewDueOn: '2026-09-29', due: false, confirmed: true, lastReviewedOn: '2026-07-01' });
    expect(queryDb(svc.db, 'SELECT count(*) AS versions FROM procedures')).toEqual([{ versions: 1 }]);
    expect((await svc.run(['status'], LATER)).stdout).not.toContain('due for review');
  });

  it('re-adopting the same text is unchanged and points at --confirm; a new --review-every changes the schedule, not the version', async () => {
    const same = await svc.run(['practice', 'adopt', PRACTICE, '--procedure', PROCEDURE], LATER);
    expect(same.stderr).toContain('is unchanged; it stays at version 1');
    expect(same.stderr).toContain(`svc practice review "${PRACTICE}" --confirm`);
    const rescheduled = await svc.json<{ version: number; reviewEveryDays: number; changed: boolean }>(['practice', 'adopt', PRACTICE, '--procedure', PROCEDURE, '--review-every', '30']);
    expect(rescheduled).toMatchObject({ version: 1, reviewEveryDays: 30, changed: false });
    expect(queryDb(svc.db, 'SELECT version, review_every_days AS days FROM procedures')).toEqual([{ version: 1, days: 30 }]);
  });
});

describe('bad input about reviews is refused and changes nothing', () => {
  it.each([
    ['a practice with no procedure', ['practice', 'review', 'Smile', '--confirm'], 4, /"Smile" has no written procedure to review/],
    ['an unknown practice', ['practice', 'review', 'Juggling'], 3, /no practice "Juggling"/],
  ])('%s', async (_name, args, code, message) => await expectRefused(svc, args, code, message));
});

describe('a review kept or rescheduled in one database', () => {
  it('travels to another through export and import: the newer copy of the procedure wins', async () => {
    const other = inProcessSandbox();
    try {
      const file = `${svc.dir}/team.jsonl`;
      await ok(['export', '--out', file]);
      expect((await other.run(['import', file])).code).toBe(0);
      const procedureIn = (db: string) =>
        queryDb(db, 'SELECT reviewed_at, review_every_days FROM procedures')[0] as { reviewed_at: string | null; review_every_days: number };
      expect(procedureIn(other.db)).toMatchObject({ reviewed_at: null, review_every_days: 90 });

      await ok(['practice', 'review', PRACTICE, '--confirm'], LATER);
      await ok(['practice', 'adopt', PRACTICE, '--procedure', PROCEDURE, '--review-every', '30'], LATER);
      await ok(['export', '--out', file, '--force'], LATER);
      const imported = await other.run(['import', file], LATER);
      expect(imported.code, imported.stderr).toBe(0);
      const kept = procedureIn(svc.db);
      expect(kept).toMatchObject({ review_every_days: 30 });
      expect(kept.reviewed_at).toMatch(/^2026-07-01/);
      expect(procedureIn(other.db)).toEqual(kept);
      // Still one version on both sides: keeping a version writes no new one.
      expect(queryDb(other.db, 'SELECT id FROM procedures')).toHaveLength(1);
    } finally {
      other.cleanup();
    }
  });
});
