import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, sandbox, type SvcSandbox } from '../helpers/cli.ts';

/*
 * One phrase, two practices: a phrase matcher's details are the qualifier written after
 * the phrase ("called back the same day": call back, timing). Two practices may share a
 * phrase when their details differ; a story that matches both is evidence of both.
 */

let svc: SvcSandbox;
beforeEach(() => {
  svc = sandbox();
});
afterEach(() => svc.cleanup());

function ok(box: SvcSandbox, args: string[]): string {
  const result = box.run(args);
  expect(result.code, result.stderr).toBe(0);
  return result.stderr;
}

interface Shown {
  matchers: Array<{ kind: string; value: string; qualifier?: string }>;
  evidence: Array<{ storyId: number; how: string }>;
}
const evidenceOf = (box: SvcSandbox, practice: string) =>
  box
    .json<Shown>(['practice', 'show', practice])
    .evidence.map((e) => e.storyId)
    .sort((a, b) => a - b);

/** Stories 1–2 call back promptly, 3 keeps calling back until it works, 4 just calls back. */
function seed(box: SvcSandbox): void {
  ok(box, ['story', 'add', 'Ana called the customer back the same afternoon with the answer.', '--staff', 'Ana', '--when', '2026-03-01']);
  ok(box, ['story', 'add', 'Bo called back within the hour, and Dana Whitfield had her refund that day.', '--staff', 'Bo', '--when', '2026-03-02', '--customer', 'Dana Whitfield']);
  ok(box, ['story', 'add', 'Cy called him back until the line worked again.', '--staff', 'Cy', '--when', '2026-03-03']);
  ok(box, ['story', 'add', 'Dee called the supplier back about the order.', '--staff', 'Dee', '--when', '2026-03-04']);
}

describe('one phrase serving two practices', () => {
  it('lets a second practice take a phrase with other details, and links a story that shows both to both', () => {
    seed(svc);
    ok(svc, ['practice', 'add', 'Call back', '--phrase', 'called back']);
    expect(evidenceOf(svc, 'Call back')).toEqual([1, 2, 3, 4]);

    const shared = ok(svc, ['practice', 'add', 'Call back the same day', '--phrase', 'called back the same day']);
    expect(shared).toContain('the phrase "call back (timing)" also serves "Call back" (as "call back")');
    expect(svc.json<Shown>(['practice', 'show', 'Call back the same day']).matchers).toEqual([{ kind: 'phrase', value: 'call back', qualifier: 'timing' }]);
    expect(svc.run(['practice', 'show', 'Call back the same day']).stdout).toContain('phrase:call back (timing)');
    expect(evidenceOf(svc, 'Call back the same day')).toEqual([1, 2]);
    // The first practice keeps every story it had: 1 and 2 are evidence of both.
    expect(evidenceOf(svc, 'Call back')).toEqual([1, 2, 3, 4]);

    ok(svc, ['practice', 'add', 'Keep at it', '--phrase', 'calls back until it works']);
    expect(evidenceOf(svc, 'Keep at it')).toEqual([3]);

    // A new story is linked to every practice whose phrase and details it shows.
    ok(svc, ['story', 'add', 'Eve called the family back the next morning.', '--staff', 'Eve', '--when', '2026-03-05']);
    expect(evidenceOf(svc, 'Call back the same day')).toEqual([1, 2, 5]);
    expect(evidenceOf(svc, 'Call back')).toEqual([1, 2, 3, 4, 5]);
    expect(evidenceOf(svc, 'Keep at it')).toEqual([3]);
  });

  it('refuses the same phrase with the same details for another practice, changing nothing', () => {
    seed(svc);
    ok(svc, ['practice', 'add', 'Call back the same day', '--phrase', 'called back the same day']);
    const before = svc.snapshot();
    const again = svc.run(['practice', 'add', 'Prompt call back', '--phrase', 'rang them back within the hour']);
    expect(again.code).toBe(4);
    expect(again.stdout).toBe('');
    expectCleanError(again.stderr, /^svc: the phrase "call back \(timing\)" already links stories to practice "Call back the same day"$/);
    expect(again.stderr).toContain('hint: a tag, or a phrase with the same details, points to one practice only');
    expect(svc.snapshot()).toBe(before);
  });

  it('removes one of two matchers of the same phrase by the label practice show lists, or as written', () => {
    seed(svc);
    ok(svc, ['practice', 'add', 'Call back', '--phrase', 'called back']);
    ok(svc, ['practice', 'add', 'Call back the same day', '--phrase', 'called back the same day']);
    const removed = svc.run(['practice', 'unphrase', 'Call back the same day', 'call back (timing)', '--json']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual({ practice: 'Call back the same day', removed: { kind: 'phrase', value: 'call back', qualifier: 'timing' }, unlinked: 2 });
    expect(evidenceOf(svc, 'Call back the same day')).toEqual([]);
    expect(evidenceOf(svc, 'Call back')).toEqual([1, 2, 3, 4]);
    // As written in a story: the untimed matcher of the other practice.
    ok(svc, ['practice', 'unphrase', 'Call back', 'called the customer back']);
    expect(svc.json<Shown>(['practice', 'show', 'Call back']).matchers).toEqual([]);
  });

  it('travels through export and import with its details, and a removal travels as a tombstone', () => {
    seed(svc);
    ok(svc, ['practice', 'add', 'Call back', '--phrase', 'called back']);
    ok(svc, ['practice', 'add', 'Call back the same day', '--phrase', 'called back the same day']);
    const file = join(svc.dir, 'team.jsonl');
    ok(svc, ['export', '--out', file]);

    const other = sandbox();
    try {
      ok(other, ['import', file]);
      expect(other.json<Shown>(['practice', 'show', 'Call back the same day']).matchers).toEqual([{ kind: 'phrase', value: 'call back', qualifier: 'timing' }]);
      expect(other.json<Shown>(['practice', 'show', 'Call back']).matchers).toEqual([{ kind: 'phrase', value: 'call back' }]);
      expect(evidenceOf(other, 'Call back the same day')).toEqual([1, 2]);
      // Imported twice, nothing doubles.
      const before = other.snapshot();
      ok(other, ['import', file]);
      expect(other.snapshot()).toBe(before);

      ok(svc, ['practice', 'unphrase', 'Call back the same day', 'call back (timing)']);
      const removal = join(svc.dir, 'after.jsonl');
      ok(svc, ['export', '--out', removal]);
      ok(other, ['import', removal]);
      expect(other.json<Shown>(['practice', 'show', 'Call back the same day']).matchers).toEqual([]);
      expect(other.json<Shown>(['practice', 'show', 'Call back']).matchers).toEqual([{ kind: 'phrase', value: 'call back' }]);
    } finally {
      other.cleanup();
    }
  });

  it('keeps both practices and their evidence when a customer in their stories is forgotten', () => {
    seed(svc);
    ok(svc, ['practice', 'add', 'Call back', '--phrase', 'called back']);
    ok(svc, ['practice', 'add', 'Call back the same day', '--phrase', 'called back the same day']);
    ok(svc, ['customer', 'forget', 'Dana Whitfield', '--yes']);
    expect(svc.json<Shown>(['practice', 'show', 'Call back the same day']).matchers).toEqual([{ kind: 'phrase', value: 'call back', qualifier: 'timing' }]);
    expect(evidenceOf(svc, 'Call back the same day')).toEqual([1, 2]);
    expect(evidenceOf(svc, 'Call back')).toEqual([1, 2, 3, 4]);
    expect(svc.run(['stories', '--json']).stdout).not.toContain('Whitfield');
  });
});
