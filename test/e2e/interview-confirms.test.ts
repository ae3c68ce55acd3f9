import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb, expectRefused } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// "Confirms our decisions" (seed 000): what a customer likes most is linked to the
// practices it confirms, by the extraction that links stories or by hand.

let svc: InProcessSandbox;
const ok = async (args: string[], options: Parameters<InProcessSandbox['run']>[1] = {}) => {
  const result = await svc.run(args, options);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
};

interface InterviewJson {
  id: number;
  state: string;
  confirms: Array<{ practiceId: number; practice: string; how: string }>;
}

beforeEach(async () => {
  svc = inProcessSandbox();
  await ok(['story', 'add', 'Ana called the customer back the same day', '--staff', 'Ana', '--tag', 'call-back']);
  await ok(['practice', 'add', 'Call back the same day', '--tag', 'call-back']);
  await ok(['practice', 'add', 'Explain the options', '--phrase', 'explained the options']);
  await ok(['practice', 'add', 'Listen first', '--tag', 'listening']);
  await ok(['customers', 'import', '-'], { input: 'name,email\nJo Smith,jo@example.com\nKim Lee,kim@example.com\nMo Reyes,mo@example.com\n' });
  await ok(['interview', 'pick', '--count', '3', '--for', 'Ana', '--seed', '1']);
});
afterEach(() => svc.cleanup());

const links = () => queryDb(svc.db, 'SELECT interview_id AS interview, practice_id AS practice, how FROM interview_practices ORDER BY 1, 2');

describe('svc interview log: the answer confirms the practices it matches', () => {
  it('links what they liked to the practices whose tag or phrase it matches, as a story would be', async () => {
    const logged = await svc.json<InterviewJson>(['interview', 'log', '1', '--liked', 'Bo called me back the same day and explained the options', '--change', 'longer hours']);
    expect(logged.confirms.map((c) => [c.practice, c.how])).toEqual([
      ['Call back the same day', 'matched'],
      ['Explain the options', 'matched'],
    ]);
    // A quality a customer names matches a practice tagged with it ("so attentive" is listening).
    const second = await svc.json<InterviewJson>(['interview', 'log', '2', '--liked', 'they were so attentive']);
    expect(second.confirms.map((c) => c.practice)).toEqual(['Listen first']);
    // What they would change confirms nothing.
    const third = await svc.json<InterviewJson>(['interview', 'log', '3', '--learned', 'a friend', '--change', 'call me back the same day']);
    expect(third.confirms).toEqual([]);
    expect((await ok(['interview', 'show', '1'])).stdout).toContain('confirms: Call back the same day, Explain the options');
  });

  it('--confirms links by hand beside what matched, and says so', async () => {
    const result = await ok(['interview', 'log', '1', '--liked', 'the shop is tidy', '--confirms', 'listen first', '--json']);
    expect((JSON.parse(result.stdout) as InterviewJson).confirms).toEqual([{ practiceId: 3, practice: 'Listen first', how: 'manual' }]);
    expect(result.stderr).toContain('Linked interview #1 to Listen first: its answer confirms it.');
  });

  it('feeds the report: the practices customers confirmed in the period, with their words', async () => {
    await ok(['interview', 'log', '1', '--liked', 'someone always calls back the same day']);
    const report = await svc.json<{ outcomes: Array<{ practice: string; confirms: Array<{ interviewId: number; answer: string }>; signals: unknown[] }> }>(['report']);
    expect(report.outcomes).toEqual([
      { practiceId: 1, practice: 'Call back the same day', stories: null, confirms: [{ interviewId: 1, heldOn: '2026-03-18', answer: 'someone always calls back the same day', how: 'matched' }], signals: [] },
    ]);
    for (const format of ['text', 'md', 'html']) {
      const out = (await ok(['report', '--format', format, '--out', '-'])).stdout;
      expect(out, format).toContain('What customers confirmed, and the figures we keep');
      expect(out, format).toContain('someone always calls back the same day');
    }
  });
});

describe('practices added or changed after the call', () => {
  it('a practice added later is linked to the answers it matches; removing its matcher takes those links away', async () => {
    await ok(['interview', 'log', '1', '--liked', 'they walked me to the right shelf']);
    expect(links()).toEqual([]);
    await ok(['practice', 'add', 'Walk them to it', '--phrase', 'walked']);
    expect(links()).toEqual([{ interview: 1, practice: 4, how: 'matched' }]);
    expect((await svc.json<{ perception: { confirms: Array<{ interviewId: number }> } }>(['practice', 'show', 'Walk them to it'])).perception.confirms.map((c) => c.interviewId)).toEqual([1]);
    await ok(['practice', 'unphrase', 'Walk them to it', 'walk']);
    expect(links()).toEqual([]);
  });

  it('a link removed by hand stays removed; another practice matched later is linked', async () => {
    await ok(['interview', 'log', '1', '--liked', 'someone always calls back the same day']);
    await ok(['interview', 'unlink', '1', 'Call back the same day']);
    await ok(['practice', 'add', 'Call back soon', '--phrase', 'call back']);
    expect(links()).toEqual([{ interview: 1, practice: 4, how: 'matched' }]);
  });
});

describe('svc interview link and unlink', () => {
  beforeEach(async () => {
    await ok(['interview', 'log', '1', '--liked', 'the shop is tidy', '--change', 'longer hours']);
  });

  it('links a held call by hand to several practices, and unlinks one, leaving a tombstone for exports', async () => {
    const linked = await svc.json<InterviewJson>(['interview', 'link', '1', 'Call back the same day', '3']);
    expect(linked.confirms.map((c) => [c.practice, c.how])).toEqual([
      ['Call back the same day', 'manual'],
      ['Listen first', 'manual'],
    ]);
    const result = await ok(['interview', 'unlink', '1', 'listen first']);
    expect(result.stderr).toContain('Unlinked interview #1 from Listen first.');
    expect(links()).toEqual([{ interview: 1, practice: 1, how: 'manual' }]);
    expect(queryDb(svc.db, "SELECT count(*) AS n FROM tombstones WHERE table_name = 'interview_practices'")).toEqual([{ n: 1 }]);
  });

  it('a link by hand stays by hand when the answer is linked again', async () => {
    await ok(['interview', 'link', '1', 'Call back the same day']);
    await ok(['interview', 'link', '1', 'Call back the same day']);
    expect(links()).toEqual([{ interview: 1, practice: 1, how: 'manual' }]);
  });

  it.each([
    ['an interview that does not exist', ['interview', 'link', '99', 'Call back the same day'], 3, /interview #99 does not exist/],
    ['a practice that does not exist', ['interview', 'link', '1', 'Nope'], 3, /there is no practice "Nope"/],
    ['a call not held yet', ['interview', 'link', '2', 'Call back the same day'], 4, /interview #2 is invited: only a held call's answers can confirm a practice/],
    ['a bad id', ['interview', 'link', 'x', 'Call back the same day'], 2, /"x" is not an interview id/],
    ['unlinking a practice it is not linked to', ['interview', 'unlink', '1', 'Listen first'], 3, /interview #1 is not linked to Listen first/],
    ['--confirms for a call they declined', ['interview', 'log', '2', '--declined', '--confirms', 'Listen first'], 2, /--confirms cannot come with --declined/],
    ['--confirms with no "what do you like most" answer', ['interview', 'log', '2', '--change', 'longer hours', '--confirms', 'Listen first'], 2, /interview #2 has no answer to "What do you like most\?"/],
    ['--confirms naming no practice svc knows', ['interview', 'log', '2', '--liked', 'tidy', '--confirms', 'Nope'], 3, /there is no practice "Nope"/],
  ])('refuses %s, changing nothing', async (_what, args, code, message) => {
    await expectRefused(svc, args, code, message);
  });

  it('refuses a held call with no "what do you like most" answer', async () => {
    await ok(['interview', 'log', '2', '--change', 'longer hours']);
    const before = svc.snapshot();
    const result = await svc.run(['interview', 'link', '2', 'Listen first']);
    expect(result.code).toBe(2);
    expectCleanError(result.stderr, /interview #2 has no answer to "What do you like most\?" to confirm a practice/);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('links travel in export and import', () => {
  it('an import brings the links, and an unlink made later wins over an older export', async () => {
    await ok(['interview', 'log', '1', '--liked', 'someone always calls back the same day']);
    await ok(['interview', 'link', '1', 'Listen first']);
    const file = join(svc.dir, 'team.jsonl');
    await ok(['export', '--out', file]);
    const other = inProcessSandbox();
    try {
      expect((await other.run(['import', file])).code).toBe(0);
      expect(queryDb(other.db, 'SELECT p.name, ip.how FROM interview_practices ip JOIN practices p ON p.id = ip.practice_id ORDER BY 1')).toEqual([
        { name: 'Call back the same day', how: 'matched' },
        { name: 'Listen first', how: 'manual' },
      ]);
      expect((await other.run(['interview', 'unlink', '1', 'Listen first'], { env: { SVC_NOW: '2026-03-19T10:00:00' } })).code).toBe(0);
      const back = join(other.dir, 'back.jsonl');
      expect((await other.run(['export', '--out', back], { env: { SVC_NOW: '2026-03-19T10:00:00' } })).code).toBe(0);
      await ok(['import', back], { env: { SVC_NOW: '2026-03-19T11:00:00' } });
      expect(links()).toEqual([{ interview: 1, practice: 1, how: 'matched' }]);
    } finally {
      other.cleanup();
    }
  });
});
