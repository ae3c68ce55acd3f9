import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError, queryDb } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessOptions, type InProcessSandbox } from '../helpers/in-process.ts';
import { testEngine } from '../helpers/engine.ts';

let svc: InProcessSandbox;
// A config file of the sandbox's own, so a test can switch attributed answers on.
let env: Record<string, string>;
beforeEach(async () => {
  svc = inProcessSandbox();
  env = { XDG_CONFIG_HOME: join(svc.dir, 'xdg') };
  for (const name of ['Ana', 'Bo', 'Cy', 'Dee']) expect((await svc.run(['story', 'add', `${name} called the customer back`, '--staff', name])).code).toBe(0);
});
afterEach(() => svc.cleanup());

function config(text: string): void {
  mkdirSync(join(svc.dir, 'xdg', 'svc'), { recursive: true });
  writeFileSync(join(svc.dir, 'xdg', 'svc', 'config.toml'), text);
}

const LATER = { SVC_NOW: '2026-03-25T10:00:00' };
const run = async (args: string[], options: InProcessOptions = {}) => await svc.run(args, { ...options, env: { ...env, ...options.env } });

async function answer(name: string, pairs: string[], notes: string[] = [], extra: InProcessOptions = {}) {
  const args = ['assess', '--as', name, ...pairs.flatMap((p) => ['--answer', p]), ...notes.flatMap((n) => ['--note', n])];
  const result = await run(args, extra);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

interface View {
  minAnswering: number;
  attributed: boolean;
  rounds: Array<{ openedOn: string; closesOn: string; open: boolean; took: number; questions: Array<{ key: string; answered: number; mean: number | null; hidden: string | null; notes: string[] }> }>;
  byPerson: Array<{ person: string; key: string; score: number }>;
}
const results = async (options: InProcessOptions = {}) => {
  const result = await run(['assess', 'results', '--json'], options);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as View;
};
const question = (view: View, key: string) => view.rounds[0]?.questions.find((q) => q.key === key);

describe('svc assess: answering by flags', () => {
  it('saves a check-in without echoing it, and shows nothing while the round is open', async () => {
    const saved = await answer('Ana', ['returns-calls=4', 'listening=5'], ['listening=we interrupt too often']);
    expect(saved.stdout).toBe('');
    expect(saved.stderr).toMatch(/^Saved 2 answers to the round that opened on 2026-03-18\.$/m);
    await answer('Bo', ['returns-calls=2', 'listening=4']);
    await answer('Cy', ['returns-calls=5', 'listening=3']);
    const open = await results();
    expect(open.rounds).toHaveLength(1);
    expect(open.rounds[0]).toMatchObject({ openedOn: '2026-03-18', closesOn: '2026-04-17', open: true, took: 3 });
    expect(question(open, 'returns-calls')).toMatchObject({ answered: 3, mean: null, hidden: 'open', notes: [] });
    expect((await run(['assess', 'results'])).stdout).toMatch(/returns-calls: hidden until the round closes/);
  });

  it('shows a mean per question once the round closed and three answered, and the notes in alphabetical order', async () => {
    await answer('Ana', ['returns-calls=4', 'listening=5'], ['listening=we interrupt too often']);
    await answer('Bo', ['returns-calls=2', 'listening=4'], ['listening=a queue board would help']);
    await answer('Cy', ['returns-calls=5']);
    const closed = await run(['assess', 'close']);
    expect(closed.code).toBe(0);
    expect(closed.stderr).toMatch(/^Closed the round that opened on 2026-03-18; 3 people answered\.$/m);
    const view = await results();
    expect(question(view, 'returns-calls')).toMatchObject({ answered: 3, mean: 3.7, hidden: null });
    // Two answered listening: still hidden, with its notes.
    expect(question(view, 'listening')).toMatchObject({ answered: 2, mean: null, hidden: 'few', notes: [] });
    expect((await run(['assess', 'results'])).stdout).toMatch(/returns-calls: 3\.7 of 5 \(3 answered\)/);
  });

  it('notes appear sorted, never in the order people answered', async () => {
    await answer('Ana', ['returns-calls=4'], ['returns-calls=zebra crossing is slow']);
    await answer('Bo', ['returns-calls=2'], ['returns-calls=a fine week']);
    await answer('Cy', ['returns-calls=5'], ['returns-calls=middle of the road']);
    await run(['assess', 'close']);
    expect(question(await results(), 'returns-calls')?.notes).toEqual(['a fine week', 'middle of the road', 'zebra crossing is slow']);
  });

  it('opens the next round after the interval, and status says what is due', async () => {
    const first = await svc.json<{ due: Array<{ kind: string; text: string; command: string }> }>(['status']);
    expect(first.due.filter((d) => d.kind === 'assessment')).toEqual([
      { kind: 'assessment', text: 'no self-assessment yet: each person answers a one-minute check-in', command: 'svc assess --as NAME' },
    ]);
    await answer('Ana', ['returns-calls=4']);
    expect((await svc.json<{ due: Array<{ kind: string; text: string }> }>(['status'])).due.find((d) => d.kind === 'assessment')?.text).toBe(
      'self-assessment open until 2026-04-17: 1 of 4 answered',
    );
    // Closed early to debrief: nothing due until the interval has passed.
    await run(['assess', 'close']);
    expect((await svc.json<{ due: Array<{ kind: string }> }>(['status'])).due.some((d) => d.kind === 'assessment')).toBe(false);
    const due = await svc.json<{ due: Array<{ kind: string; text: string }> }>(['status'], { env: { SVC_NOW: '2026-04-20T10:00:00' } });
    expect(due.due.find((d) => d.kind === 'assessment')?.text).toBe('the self-assessment is due (the last round opened on 2026-03-18)');
    // Ana answers again in the new round.
    await answer('Ana', ['returns-calls=3'], [], { env: { SVC_NOW: '2026-04-20T10:00:00' } });
    expect((await results({ env: { SVC_NOW: '2026-04-20T10:00:00' } })).rounds.map((r) => [r.openedOn, r.took])).toEqual([
      ['2026-04-20', 1],
      ['2026-03-18', 1],
    ]);
  });

  it('takes the interval from the config', async () => {
    config('[assess]\ninterval_days = 7\n');
    await answer('Ana', ['returns-calls=4']);
    expect((await results()).rounds[0]?.closesOn).toBe('2026-03-25');
  });
});

describe('svc assess question: the team\'s own questions, versioned', () => {
  it('lists the built-in questions: seed 002\'s four and the attributes', async () => {
    const list = await svc.json<Array<{ key: string; attribute: string | null; builtIn: boolean }>>(['assess', 'question', 'list']);
    expect(list.map((q) => q.key)).toEqual([
      'returns-calls',
      'customer-wants',
      'internal-first',
      'correspondence',
      'positive-demeanor',
      'clear-head',
      'listening',
      'empathy',
    ]);
    expect(list.filter((q) => q.attribute !== null).map((q) => q.attribute)).toEqual(['responsiveness', 'positive demeanor', 'clear head', 'listening', 'empathy']);
  });

  it('adds, retires and brings back a question as its next version; past answers stay in their round', async () => {
    const added = await run(['assess', 'question', 'add', 'follow-up', 'We follow up every promise we make', '--attribute', 'knowledge']);
    expect(added.code).toBe(0);
    expect(added.stderr).toMatch(/^Added question follow-up\.$/m);
    for (const name of ['Ana', 'Bo', 'Cy']) await answer(name, ['follow-up=4']);
    expect((await run(['assess', 'question', 'retire', 'follow-up'])).code).toBe(0);
    expect((await svc.json<Array<{ key: string }>>(['assess', 'question', 'list'])).some((q) => q.key === 'follow-up')).toBe(false);
    const again = await run(['assess', 'question', 'add', 'follow-up', 'We follow up within a day']);
    expect(again.stderr).toMatch(/^Added question follow-up \(version 2\)\.$/m);
    const all = await svc.json<Array<{ key: string; version: number; retiredAt: string | null }>>(['assess', 'question', 'list', '--all']);
    expect(all.filter((q) => q.key === 'follow-up').map((q) => [q.version, q.retiredAt === null])).toEqual([
      [2, true],
      [1, false],
    ]);
    await run(['assess', 'close']);
    // Version 2 is asked from now on; version 1 keeps the three answers it had.
    const followUps = (await results()).rounds[0]?.questions.filter((q) => q.key === 'follow-up') as Array<{ version?: number; answered: number; mean: number | null }>;
    expect(followUps.map((q) => [q.version, q.answered, q.mean])).toEqual([
      [2, 0, null],
      [1, 3, 4],
    ]);
  });
});

describe('svc assess import: check-ins from a form export', () => {
  it('imports every row into the open round', async () => {
    const file = join(svc.dir, 'check-in.csv');
    writeFileSync(file, 'Name,returns-calls,listening,listening note\nAna,4,5,we interrupt\nBo,3,,\nCy,5,4,\n');
    const result = await run(['assess', 'import', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ round: '2026-03-18', people: 3 });
    await run(['assess', 'close']);
    const view = await results();
    expect(question(view, 'returns-calls')).toMatchObject({ answered: 3, mean: 4 });
    expect(question(view, 'listening')).toMatchObject({ answered: 2, mean: null });
  });
});

describe('bad input is refused clearly and changes nothing', () => {
  beforeEach(async () => {
    await answer('Ana', ['returns-calls=4']);
    expect((await run(['assess', 'question', 'retire', 'correspondence'])).code).toBe(0);
  });

  const csv = (text: string) => {
    const file = join(svc.dir, 'form.csv');
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['a score of 0', ['assess', '--as', 'Bo', '--answer', 'returns-calls=0'], 2, /the score for returns-calls is "0"; scores are whole numbers from 1 to 5/],
    ['a score of 6', ['assess', '--as', 'Bo', '--answer', 'listening=6'], 2, /the score for listening is "6"/],
    ['a score in words', ['assess', '--as', 'Bo', '--answer', 'listening=four'], 2, /the score for listening is "four"/],
    ['a fractional score', ['assess', '--as', 'Bo', '--answer', 'listening=4.5'], 2, /"4\.5"/],
    ['a retired question', ['assess', '--as', 'Bo', '--answer', 'correspondence=3'], 2, /the question correspondence was retired/],
    ['an unknown question', ['assess', '--as', 'Bo', '--answer', 'smiles=3'], 3, /there is no question smiles/],
    ['an unknown person', ['assess', '--as', 'Zed', '--answer', 'listening=3'], 3, /nobody called "Zed"/],
    ['a second answer in the round', ['assess', '--as', 'ana', '--answer', 'listening=3'], 4, /Ana has already answered the round that opened on 2026-03-18/],
    ['a note without a score', ['assess', '--as', 'Bo', '--answer', 'listening=3', '--note', 'empathy=kind'], 2, /the note on empathy has no score/],
    ['an answer not written KEY=SCORE', ['assess', '--as', 'Bo', '--answer', 'listening'], 2, /--answer "listening" is not written as KEY=VALUE/],
    ['the same question twice', ['assess', '--as', 'Bo', '--answer', 'listening=3', '--answer', 'listening=4'], 2, /--answer names listening twice/],
    ['no --as without a terminal', ['assess', '--answer', 'listening=3'], 2, /needs to know who is answering/],
    ['no answers without a terminal', ['assess', '--as', 'Bo'], 2, /no answers given/],
    ['a question key already asked', ['assess', 'question', 'add', 'listening', 'We listen'], 4, /the question listening is already asked/],
    ['a question with no text', ['assess', 'question', 'add', 'follow-up', '  '], 2, /the question has no text/],
    ['a bad question key', ['assess', 'question', 'add', 'Follow Up!', 'We follow up'], 2, /"Follow Up!" is not a question key/],
    ['an unknown attribute', ['assess', 'question', 'add', 'follow-up', 'We follow up', '--attribute', 'charm'], 2, /"charm" is not one of the quality attributes/],
    ['retiring a retired question', ['assess', 'question', 'retire', 'correspondence'], 3, /no open question correspondence/],
    ['closing when no round is open', ['assess', 'close'], 3, /no self-assessment round is open/, { SVC_NOW: '2026-05-01T10:00:00' }],
    ['a bad results format', ['assess', 'results', '--format', 'pdf'], 2, /--format "pdf" is not one of/],
  ])('%s', async (_name, args, code, message, extraEnv?: Record<string, string>) => {
    const before = svc.snapshot();
    const result = await run(args, { env: extraEnv ?? {} });
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, message);
    expect(svc.snapshot()).toBe(before);
  });

  it.each([
    ['a score out of range on one row', 'name,returns-calls\nBo,4\nCy,9\n', 2, /line 3: the score for returns-calls is "9"/],
    ['an unknown person', 'name,returns-calls\nBo,4\nZed,3\n', 3, /line 3: nobody called "Zed"/],
    ['someone who already answered', 'name,returns-calls\nBo,4\nAna,3\n', 4, /line 3: Ana has already answered/],
    ['the same person twice', 'name,returns-calls\nBo,4\nbo,3\n', 2, /line 3: Bo answers twice in the file/],
    ['a retired question', 'name,correspondence\nBo,4\n', 2, /line 2: the question correspondence was retired/],
    ['no name column', 'who,returns-calls\nBo,4\n', 2, /no "name" column/],
  ])('import with %s', async (_name, text, code, message) => {
    const before = svc.snapshot();
    const result = await run(['assess', 'import', csv(text)]);
    expect(result.code).toBe(code);
    expectCleanError(result.stderr, message);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('anonymity: nobody\'s answers can be read back', () => {
  // Ana's answers are unlike anyone's: a score of 1 on returns-calls, and a note of hers.
  const SECRET = 'zanzibarpelican';
  async function outputs(options: InProcessOptions = {}): Promise<Record<string, string>> {
    const exportFile = join(svc.dir, 'export.jsonl');
    expect((await run(['export', '--out', exportFile, '--force'], options)).code).toBe(0);
    const out: Record<string, string> = { export: readFileSync(exportFile, 'utf8') };
    for (const format of ['text', 'md', 'html']) out[format] = (await run(['assess', 'results', '--format', format], options)).stdout;
    out.json = (await run(['assess', 'results', '--json'], options)).stdout;
    out.status = (await run(['status', '--json'], options)).stdout;
    for (const format of ['text', 'md', 'html', 'json']) out[`report ${format}`] = (await run(['report', '--format', format, '--out', '-'], options)).stdout;
    return out;
  }

  it('with two answering, no output shows a score, a mean or a note', async () => {
    await answer('Ana', ['returns-calls=1', 'listening=5'], [`listening=${SECRET}`]);
    await answer('Bo', ['returns-calls=3', 'listening=5']);
    const check = async (label: string, options: InProcessOptions) => {
      const out = await outputs(options);
      for (const [format, text] of Object.entries(out)) {
        expect(text, `${format} (${label})`).not.toContain(SECRET);
        // Ana's 1, Bo's 3, their mean 2 or listening's 5: no figure of theirs appears beside a question.
        expect(text, `${format} (${label})`).not.toMatch(/returns-calls\W{1,40}[1-5](?:\.\d)?\b(?! of the)/);
        expect(text, `${format} (${label})`).not.toMatch(/"score"|"mean":\s*\d|"answers":\s*\d/);
      }
      const view = JSON.parse(out.json ?? '{}') as View;
      expect(view.rounds[0]?.questions.every((q) => q.mean === null && q.notes.length === 0)).toBe(true);
      expect(view.byPerson).toEqual([]);
    };
    await check('open', {});
    expect((await run(['assess', 'close'])).code).toBe(0);
    await check('closed', {});
    await check('a week later', { env: LATER });
    // Stored as counts with no tie to a person: the database holds no row naming Ana beside a score.
    expect(queryDb(svc.db, 'SELECT * FROM assessment_answers')).toEqual([]);
    const columns =
      testEngine === 'postgres'
        ? "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'assessment_tallies' ORDER BY ordinal_position"
        : "SELECT name FROM pragma_table_info('assessment_tallies')";
    expect(queryDb(svc.db, columns).map((r) => (r as { name: string }).name)).toEqual([
      'round_id',
      'question_id',
      'score',
      'answers',
    ]);
  });

  it('with exactly three answering, only the mean and the count show, never who gave what', async () => {
    await answer('Ana', ['returns-calls=1'], [`returns-calls=${SECRET}`]);
    await answer('Bo', ['returns-calls=4']);
    await answer('Cy', ['returns-calls=5']);
    await run(['assess', 'close']);
    const out = await outputs();
    expect(JSON.parse(out.json ?? '{}').rounds[0].questions[0]).toEqual({
      key: 'returns-calls',
      version: 1,
      text: 'We promptly return phone calls and emails, even with a short acknowledgement.',
      attribute: 'responsiveness',
      retired: false,
      answered: 3,
      hidden: null,
      mean: 3.3,
      notes: [SECRET],
    });
    for (const [format, text] of Object.entries(out)) {
      for (const name of ['Ana', 'Bo', 'Cy']) {
        // They name the team (people, stories), never beside an answer.
        if (format === 'export' || format === 'status' || format.startsWith('report')) continue;
        expect(text, format).not.toContain(name);
      }
      // No per-score counts anywhere: 1, 4 and 5 never appear as one person's answer.
      expect(text, format).not.toMatch(/\b[145] of 5\b|"score"/);
    }
    // The export carries who took part, never the counts or the notes.
    expect(out.export).toContain('"table":"assessment_takers"');
    expect(out.export).not.toContain('assessment_tallies"');
    expect(out.export).not.toContain(SECRET);
  });

  it('shows answers by name only where the team chose attributed answers', async () => {
    config('[assess]\nattributed = true\n');
    await answer('Ana', ['returns-calls=1']);
    await answer('Bo', ['returns-calls=4']);
    const view = await results();
    expect(view.attributed).toBe(true);
    expect(view.byPerson.map((a) => [a.person, a.key, a.score])).toEqual([
      ['Ana', 'returns-calls', 1],
      ['Bo', 'returns-calls', 4],
    ]);
    expect((await run(['assess', 'results'])).stdout).toMatch(/Ana, returns-calls: 1/);
  });
});

describe('the demo team', () => {
  it('has a closed round the report shows beside stories and customers, an open round, and actions on the agenda', async () => {
    const path = join(svc.dir, 'demo.db');
    expect((await svc.run(['--db', path, 'demo'])).code).toBe(0);
    const report = JSON.parse((await svc.run(['--db', path, 'report', '--json'])).stdout) as {
      selfAssessment: { round: { took: number; questions: Array<{ key: string; mean: number | null }> }; perception: { calls: number; attributes: Array<{ attribute: string; rating: number | null; stories: number }>; gaps: string[] } };
      actions: { open: Array<{ id: number; overdue: boolean }>; doneInPeriod: Array<{ id: number }> };
      agenda: Array<{ kind: string; text: string }>;
    };
    expect(report.selfAssessment.round.took).toBe(5);
    expect(report.selfAssessment.round.questions.find((q) => q.key === 'listening')?.mean).toBe(4.6);
    expect(report.selfAssessment.perception.attributes.find((a) => a.attribute === 'listening')).toMatchObject({ rating: 4.6 });
    expect(report.selfAssessment.perception.gaps[0]).toMatch(/^We rate .+ \d\.\d; customers did not mention it in 4 calls\.$/);
    expect(report.actions.open.map((a) => [a.id, a.overdue])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(report.actions.doneInPeriod.map((a) => a.id)).toEqual([3]);
    expect(report.agenda.map((a) => a.kind)).toEqual(expect.arrayContaining(['follow-up', 'perception']));
    // The round still open shows nothing but how many answered.
    const open = JSON.parse((await svc.run(['--db', path, 'assess', 'results', '--json'])).stdout) as View;
    expect(open.rounds[0]).toMatchObject({ open: true, took: 2 });
    expect(open.rounds[0]?.questions.every((q) => q.mean === null)).toBe(true);
    const status = JSON.parse((await svc.run(['--db', path, 'status', '--json'])).stdout) as { due: Array<{ kind: string; text: string }> };
    expect(status.due.find((d) => d.kind === 'assessment')?.text).toMatch(/^self-assessment open until \d{4}-\d\d-\d\d: 2 of 11 answered$/);
  });
});
