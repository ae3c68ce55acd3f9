import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// Outcome signals: figures the team keeps (response time, satisfaction), imported from
// CSV, shown as trends beside the practice they concern; never required.

let svc: InProcessSandbox;
const ok = async (args: string[], options: Parameters<InProcessSandbox['run']>[1] = {}) => {
  const result = await svc.run(args, options);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
};
const file = (name: string, content: string | Buffer): string => svc.writeFile(name, content);

const SIGNALS = [
  'date,practice,story,measure,value',
  '2026-01-12,Call back the same day,,Response time (hours),9',
  '2026-02-10,Call back the same day,,Response time (hours),7',
  '2026-02-20,Call back the same day,,Response time (hours),8',
  '2026-03-10,Call back the same day,,Response time  (hours),5',
  '2026-03-11,,1,Satisfaction,5',
  '',
].join('\n');

beforeEach(async () => {
  svc = inProcessSandbox();
  await ok(['story', 'add', 'Ana called the customer back the same day', '--staff', 'Ana', '--tag', 'call-back', '--when', '2026-03-11']);
  await ok(['story', 'add', 'Bo explained the options plainly', '--staff', 'Bo', '--when', '2026-03-12']);
  await ok(['practice', 'add', 'Call back the same day', '--tag', 'call-back']);
  await ok(['practice', 'add', 'Explain the options', '--tag', 'explain']);
});
afterEach(() => svc.cleanup());

interface SignalJson {
  id: number;
  on: string;
  measure: string;
  value: number;
  practiceId: number | null;
  practice: string | null;
  storyId: number | null;
}

describe('svc signal import and list', () => {
  it('imports periodic and per-story figures, lists them, and importing again changes nothing', async () => {
    const path = file('signals.csv', SIGNALS);
    const first = await ok(['signal', 'import', path, '--json']);
    expect(JSON.parse(first.stdout)).toEqual({ file: path, rows: 5, added: 5, updated: 0, unchanged: 0 });
    expect(first.stderr).toContain('Imported 5 new signals.');
    const list = await svc.json<SignalJson[]>(['signals']);
    expect(list.map((s) => [s.on, s.measure, s.value, s.practice, s.storyId])).toEqual([
      ['2026-03-11', 'satisfaction', 5, null, 1],
      ['2026-03-10', 'response time (hours)', 5, 'Call back the same day', null],
      ['2026-02-20', 'response time (hours)', 8, 'Call back the same day', null],
      ['2026-02-10', 'response time (hours)', 7, 'Call back the same day', null],
      ['2026-01-12', 'response time (hours)', 9, 'Call back the same day', null],
    ]);
    expect((await ok(['signals'])).stdout.split('\n')[1]).toBe('5\t2026-03-11\tsatisfaction\t5\tstory #1');
    expect((await svc.json<SignalJson[]>(['signal', 'list', '--measure', 'Satisfaction'])).map((s) => s.id)).toEqual([5]);

    const before = svc.snapshot();
    const again = await ok(['signal', 'import', path, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, updated: 0, unchanged: 5 });
    expect(svc.snapshot()).toBe(before);
    // A corrected sheet replaces the value of the same day, measure and practice.
    await ok(['signal', 'import', file('fixed.csv', 'date,practice,measure,value\n2026-03-10,call back the same day,response time (hours),4.5\n')]);
    expect(queryDb(svc.db, "SELECT value FROM signals WHERE measured_on = '2026-03-10'")).toEqual([{ value: 4.5 }]);
  });

  it('shows each measure as a monthly trend beside its practice, and in the report', async () => {
    await ok(['signal', 'import', file('signals.csv', SIGNALS)]);
    const view = await svc.json<{ signals: Array<{ measure: string; readings: number; points: Array<{ month: string; mean: number; readings: number }>; change: number | null }> }>([
      'practice',
      'show',
      'Call back the same day',
    ]);
    expect(view.signals).toEqual([
      {
        measure: 'response time (hours)',
        readings: 4,
        points: [
          { month: '2026-01', mean: 9, readings: 1 },
          { month: '2026-02', mean: 7.5, readings: 2 },
          { month: '2026-03', mean: 5, readings: 1 },
        ],
        latest: { on: '2026-03-10', value: 5 },
        change: -2.5,
      },
      // The story's figure counts for the practice the story is evidence of.
      { measure: 'satisfaction', readings: 1, points: [{ month: '2026-03', mean: 5, readings: 1 }], latest: { on: '2026-03-11', value: 5 }, change: null },
    ]);
    const text = (await ok(['practice', 'show', 'Call back the same day'])).stdout;
    expect(text).toContain('Outcome signals\n  response time (hours): 9 → 7.5 → 5 (2026-01 to 2026-03, down 2.5; 4 readings)\n  satisfaction: 5 (2026-03; 1 reading)');
    expect((await ok(['practice', 'show', 'Explain the options'])).stdout).not.toContain('Outcome signals');
    // On the HTML page, a measure with more than one month is drawn as a line: highest mean on top.
    const html = (await ok(['report', '--format', 'html', '--out', '-'])).stdout;
    const line = /<svg class="trend" role="img" aria-label="response time[^"]*"[^>]*><title>[^<]+<\/title><polyline [^>]*points="([^"]+)"\/><\/svg>/.exec(html);
    expect(line?.[1]).toBe('4.0,4.0 60.0,13.0 116.0,28.0');
    expect(html).not.toMatch(/<svg class="trend" role="img" aria-label="satisfaction/);

    const report = await svc.json<{ outcomes: Array<{ practice: string; signals: Array<{ measure: string }> }> }>(['report']);
    expect(report.outcomes.map((o) => [o.practice, o.signals.map((s) => s.measure)])).toEqual([['Call back the same day', ['response time (hours)', 'satisfaction']]]);
    for (const format of ['text', 'md', 'html']) {
      expect((await ok(['report', '--format', format, '--out', '-'])).stdout, format).toMatch(/response time \\?\(hours\\?\): 9 → 7\.5 → 5 \\?\(2026-01 to 2026-03, down 2\.5; 4 readings\\?\)/);
    }
  });

  it('is never required: without signals the report and practice show have none, and the list says how to add them', async () => {
    const report = await svc.json<Record<string, unknown>>(['report']);
    expect(report).not.toHaveProperty('outcomes');
    expect((await ok(['report', '--format', 'md', '--out', '-'])).stdout).not.toContain('What customers confirmed');
    expect(await svc.json<unknown[]>(['signals'])).toEqual([]);
    const empty = await ok(['signals']);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toContain('No signals yet.');
  });

  it('reads CSV from stdin with -', async () => {
    const result = await ok(['signal', 'import', '-', '--json'], { input: SIGNALS });
    expect(JSON.parse(result.stdout)).toMatchObject({ file: '-', rows: 5, added: 5 });
  });

  it('help documents the columns with an example', async () => {
    const help = (await ok(['signal', 'import', '--help'])).stdout;
    expect(help).toContain('date,practice,story,measure,value');
    expect(help).toContain('2026-03-01,Call back the same day,,response time (hours),6.5');
    expect(help).toContain('$ svc signal import signals.csv');
  });
});

describe('bad signal files are refused whole, naming the row, and change nothing', () => {
  const header = 'date,practice,story,measure,value\n';
  const good = '2026-03-01,Call back the same day,,satisfaction,4\n';
  it.each([
    ['an unknown practice', `${header}${good}2026-03-02,Nope,,satisfaction,4\n`, 3, /^svc: line 3: there is no practice "Nope"$/m],
    ['an unknown story', `${header}${good}2026-03-02,,99,satisfaction,4\n`, 3, /^svc: line 3: story #99 does not exist$/m],
    ['a value that is not a number', `${header}${good}2026-03-02,Call back the same day,,satisfaction,good\n`, 2, /^svc: line 3: the value "good" is not a number$/m],
    ['a bad date', `${header}${good}03/02/2026,Call back the same day,,satisfaction,4\n`, 2, /^svc: line 3: date "03\/02\/2026" is not a date written as YYYY-MM-DD$/m],
    ['a date in the future', `${header}${good}2026-04-01,Call back the same day,,satisfaction,4\n`, 2, /^svc: line 3: .*2026-04-01.*future/m],
    ['a row naming both a practice and a story', `${header}2026-03-02,Call back the same day,1,satisfaction,4\n`, 2, /^svc: line 2: a signal names a practice or a story: one of the two/m],
    ['a row naming neither', `${header}2026-03-02,,,satisfaction,4\n`, 2, /^svc: line 2: a signal names a practice or a story/m],
    ['an empty measure', `${header}2026-03-02,Call back the same day,,,4\n`, 2, /^svc: line 2: the measure is empty$/m],
    ['a measure with a control character', `${header}2026-03-02,Call back the same day,,csat\u001b[31m,4\n`, 2, /^svc: line 2: the measure holds a control character/m],
    ['a missing value column', 'date,practice,measure\n2026-03-02,Call back the same day,satisfaction\n', 2, /^svc: the file has no value column$/m],
    ['no practice or story column', 'date,measure,value\n2026-03-02,satisfaction,4\n', 2, /^svc: the file has no practice or story column$/m],
    ['an empty file', '', 2, /is empty/],
    ['a header and no rows', header, 2, /no/],
  ])('refuses %s', async (_what, text, code, message) => {
    const path = file('bad.csv', text);
    const before = svc.snapshot();
    const result = await svc.run(['signal', 'import', path]);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, message);
    expect(svc.snapshot()).toBe(before);
    expect(queryDb(svc.db, 'SELECT count(*) AS n FROM signals')).toEqual([{ n: 0 }]);
  });

  it('refuses a file that does not exist', async () => {
    const before = svc.snapshot();
    const result = await svc.run(['signal', 'import', join(svc.dir, 'missing.csv')]);
    expect(result.code).toBe(3);
    expectCleanError(result.stderr, /missing\.csv/);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('signals travel in export and import', () => {
  it('a signal about a story deleted here is not brought back by an older export', async () => {
    await ok(['signal', 'import', file('signals.csv', SIGNALS)]);
    const older = join(svc.dir, 'older.jsonl');
    await ok(['export', '--out', older]);
    await ok(['story', 'rm', '1', '--yes'], { env: { SVC_NOW: '2026-03-19T10:00:00' } });
    expect(queryDb(svc.db, 'SELECT count(*) AS n FROM signals WHERE story_id IS NOT NULL')).toEqual([{ n: 0 }]);
    const imported = await ok(['import', older], { env: { SVC_NOW: '2026-03-19T11:00:00' } });
    expect(imported.code).toBe(0);
    expect(queryDb(svc.db, 'SELECT count(*) AS n FROM signals WHERE story_id IS NOT NULL')).toEqual([{ n: 0 }]);
    expect(queryDb(svc.db, 'SELECT count(*) AS n FROM signals')).toEqual([{ n: 4 }]);
  });


  it('the same figure imported into two databases merges into one row', async () => {
    const path = file('signals.csv', SIGNALS);
    await ok(['signal', 'import', path]);
    const other = inProcessSandbox();
    try {
      const exported = join(svc.dir, 'team.jsonl');
      await ok(['export', '--out', exported]);
      expect((await other.run(['import', exported])).code).toBe(0);
      // The other copy imports the same sheet too: nothing new, the rows are the same signals.
      const again = await other.run(['signal', 'import', path, '--json']);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, unchanged: 5 });
      expect(queryDb(other.db, 'SELECT uuid, measured_on, measure, value FROM signals ORDER BY uuid')).toEqual(
        queryDb(svc.db, 'SELECT uuid, measured_on, measure, value FROM signals ORDER BY uuid'),
      );
    } finally {
      other.cleanup();
    }
  });
});
