import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { Terminal } from '../helpers/terminal.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

async function ok(args: string[], input?: string): Promise<string> {
  const result = await svc.run(args, input === undefined ? {} : { input });
  if (result.code !== 0) throw new Error(`svc ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function seed(): Promise<void> {
  await ok(['story', 'add', 'The customer had been charged twice. Ana called the bank and refunded it.', '--staff', 'Ana', '--impact', 'Money back the same day', '--when', '2026-01-10', '--tag', 'call-back']);
  await ok(['story', 'add', 'Bo called the customer back within the hour.', '--staff', 'Bo', '--when', '2026-01-12', '--tag', 'call-back']);
  await ok(['story', 'add', 'Cy listened to the whole complaint.', '--staff', 'Cy', '--when', '2026-01-12', '--tag', 'listening']);
  await ok(['practice', 'add', 'Call back the same day', '--tag', 'call-back', '--description', 'Every open question gets a call before we close']);
}

interface Version {
  version: number;
  createdAt: string;
  reviewEveryDays: number;
  sourceStoryIds: number[];
  body: string;
  diff: Array<{ op: string; text: string }>;
}

describe('svc practice adopt and history', () => {
  it('writes version 1 from the evidence, then version 2 with a line diff, keeping the history', async () => {
    await seed();
    const first = await svc.run(['practice', 'adopt', 'Call back the same day', '--procedure', '1. Note the promised time.\n2. Call before it, even without news.', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'standard', version: 1, reviewEveryDays: 90, sourceStoryIds: [1, 2] });
    expect((await svc.json<Array<{ status: string }>>(['practices']))[0]?.status).toBe('standard');

    const file = join(svc.dir, 'callback.md');
    writeFileSync(file, '1. Note the promised time in the ticket.\n2. Call before it, even without news.\n3. Say when you will call next.\n');
    await ok(['practice', 'adopt', 'Call back the same day', '--procedure-file', file, '--review-every', '30'], undefined);

    const history = await svc.json<{ versions: Version[] }>(['practice', 'history', 'Call back the same day']);
    expect(history.versions.map((v) => [v.version, v.reviewEveryDays])).toEqual([
      [1, 90],
      [2, 30],
    ]);
    expect(history.versions[1]?.diff).toEqual([
      { op: 'remove', text: '1. Note the promised time.' },
      { op: 'add', text: '1. Note the promised time in the ticket.' },
      { op: 'same', text: '2. Call before it, even without news.' },
      { op: 'add', text: '3. Say when you will call next.' },
    ]);
    const text = await ok(['practice', 'history', 'Call back the same day']);
    expect(text).toContain('version 2  2026-03-18  review every 30 days');
    expect(text).toContain('  - 1. Note the promised time.\n  + 1. Note the promised time in the ticket.');

    // Same text again: no new version.
    const again = await svc.run(['practice', 'adopt', 'Call back the same day', '--procedure-file', file]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('unchanged');
    expect((await svc.json<{ versions: Version[] }>(['practice', 'history', 'Call back the same day'])).versions).toHaveLength(2);
  });

  it('reads the procedure from stdin with --procedure-file -', async () => {
    await seed();
    await ok(['practice', 'adopt', 'Call back the same day', '--procedure-file', '-'], 'Call back before five.\n');
    expect((await svc.json<{ versions: Version[] }>(['practice', 'history', 'Call back the same day'])).versions[0]?.body).toBe('Call back before five.');
  });

  it('in a terminal without a procedure, opens $EDITOR on a draft built from the practice and its stories', async () => {
    await seed();
    const editor = join(svc.dir, 'editor.sh');
    const seen = join(svc.dir, 'draft.txt');
    writeFileSync(editor, `#!/bin/sh\ncp "$1" "${seen}"\nprintf '# a comment line\\n1. Call before the promised time.\\n' > "$1"\n`);
    chmodSync(editor, 0o700);
    const term = new Terminal(['practice', 'adopt', 'Call back the same day'], svc.db, { EDITOR: editor, VISUAL: undefined });
    expect(await term.exitCode()).toBe(0);
    const draft = readFileSync(seen, 'utf8');
    expect(draft).toContain('Every open question gets a call before we close');
    expect(draft).toContain('Story #1 (2026-01-10, Ana): The customer had been charged twice.');
    expect(draft).toContain('(as in story #2) Bo called the customer back within the hour.');
    expect(draft).not.toContain('Cy listened');
    expect((await svc.json<{ versions: Version[] }>(['practice', 'history', 'Call back the same day'])).versions[0]?.body).toBe('1. Call before the promised time.');
  });

  it('refuses what the lifecycle forbids and bad input, with the right exit code and nothing changed', async () => {
    await seed();
    await ok(['practice', 'add', 'Fax confirmations']);
    await ok(['practice', 'retire', 'Fax confirmations']);
    const before = svc.snapshot();
    const retired = await svc.run(['practice', 'adopt', 'Fax confirmations', '--procedure', 'Fax it']);
    expect(retired.code).toBe(4);
    expect(retired.stderr).toMatch(/^svc: practice "Fax confirmations" is retired; it cannot become standard\nhint: .*--force/);
    const cases: Array<[string[], number, RegExp]> = [
      [['practice', 'adopt', 'Nope', '--procedure', 'x'], 3, /there is no practice "Nope"/],
      [['practice', 'adopt', 'Call back the same day'], 2, /no procedure text given.*\nhint: pass --procedure/],
      [['practice', 'adopt', 'Call back the same day', '--procedure', '   '], 2, /procedure text is empty/],
      [['practice', 'adopt', 'Call back the same day', '--procedure', 'a', '--procedure-file', 'b'], 2, /cannot both be given/],
      [['practice', 'adopt', 'Call back the same day', '--procedure-file', join(svc.dir, 'missing.md')], 2, /cannot read the procedure file .*: no such file\n/],
      [['practice', 'adopt', 'Call back the same day', '--procedure', 'x', '--review-every', '0'], 2, /--review-every "0"/],
      [['practice', 'status', 'Call back the same day', 'standard'], 2, /^svc: a practice becomes standard with a written procedure\n/],
    ];
    for (const [args, code, message] of cases) {
      const result = await svc.run(args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr).toMatch(message);
    }
    expect(svc.snapshot()).toBe(before);
    // --force brings a retired practice back as a standard.
    expect((await svc.run(['practice', 'adopt', 'Fax confirmations', '--procedure', 'Fax it', '--force'])).code).toBe(0);
  });

  it('retire takes a standard practice out of the playbook and keeps its history', async () => {
    await seed();
    await ok(['practice', 'adopt', 'Call back the same day', '--procedure', 'Call back.']);
    expect((await svc.run(['practice', 'retire', 'Call back the same day'])).code).toBe(0);
    expect(await svc.json<unknown[]>(['playbook'])).toEqual([]);
    expect((await svc.json<{ versions: Version[] }>(['practice', 'history', 'Call back the same day'])).versions).toHaveLength(1);
    const before = svc.snapshot();
    expect((await svc.run(['practice', 'adopt', 'Call back the same day', '--procedure', 'Again.'])).code).toBe(4);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('svc practice adopt, the first draft saved unchanged (EDITOR=true)', () => {
  const unchanged = { EDITOR: 'true', VISUAL: undefined };
  const QUESTION = /"Call back the same day" was saved as drafted: its steps are still the stories' own words\. Adopt it as it is\? \(y\/N\)/;

  /** svc in a terminal whose stderr goes to a file, so the two streams can be told apart. */
  function adoptInTerminal(practice: string): { term: Terminal; stderr: () => string } {
    const file = join(svc.dir, 'stderr.txt');
    const term = new Terminal(['practice', 'adopt', practice], svc.db, unchanged, { cols: 200, rows: 40 }, { stderrFile: file });
    return { term, stderr: () => readFileSync(file, 'utf8') };
  }

  it('asks first; a yes stores it, and the playbook reads it as its steps and why it matters, no heading in a step', async () => {
    await seed();
    const { term, stderr } = adoptInTerminal('Call back the same day');
    await term.answer(QUESTION, 'y');
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).not.toContain('Adopted');
    expect(stderr()).toMatch(/^Adopted "Call back the same day" as a standard: procedure version 1, written from 2 stories/);
    const body = [
      'Every open question gets a call before we close',
      '',
      'Steps:',
      '- (as in story #1) Ana called the bank and refunded it.',
      '- (as in story #2) Bo called the customer back within the hour.',
      '',
      'Why it matters:',
      '- Money back the same day',
    ].join('\n');
    expect((await svc.json<{ versions: Version[] }>(['practice', 'history', 'Call back the same day'])).versions.map((v) => v.body)).toEqual([body]);
    const playbook = await svc.run(['playbook']);
    expect(playbook.code).toBe(0);
    expect(playbook.stderr).toBe('');
    const procedure = playbook.stdout.slice(playbook.stdout.indexOf('Procedure\n'), playbook.stdout.indexOf('\nWhy\n'));
    expect(procedure.split('\n').filter((line) => /^\s*\d+\. /u.test(line))).toEqual([
      '1. (as in story #1) Ana called the bank and refunded it.',
      '2. (as in story #2) Bo called the customer back within the hour.',
    ]);
    expect(procedure).toMatch(/Why it matters:?\n\n - Money back the same day/);
    expect(procedure).not.toContain('Steps');
    // The summary is the description the entry already shows above: not repeated in the procedure.
    expect(procedure).not.toContain('Every open question');
  });

  it('asks first; Enter (no) adopts nothing and changes nothing', async () => {
    await seed();
    const before = svc.snapshot();
    const { term, stderr } = adoptInTerminal('Call back the same day');
    await term.answer(QUESTION, '');
    expect(await term.exitCode()).toBe(0);
    expect(stderr()).toBe('Nothing was adopted: run svc practice adopt again to write the steps.\n');
    expect(svc.snapshot()).toBe(before);
  });

  it('refuses a draft with no stories saved with its empty "1." step, and changes nothing', async () => {
    await seed();
    await ok(['practice', 'add', 'Fax confirmations']);
    const before = svc.snapshot();
    const { term, stderr } = adoptInTerminal('Fax confirmations');
    expect(await term.exitCode()).toBe(2);
    expect(term.screen).not.toContain('Adopt it as it is?');
    expect(stderr()).toBe('svc: the draft was saved as written, with no step under "Steps:": nothing was adopted\nhint: write one step a line under "Steps:", or pass --procedure "1. …"\n');
    expect(svc.snapshot()).toBe(before);
  });
});

describe('svc playbook', () => {
  /** Two standard practices: one fresh, one adopted long ago, due for review, with no stories since. */
  async function seedPlaybook(): Promise<void> {
    await seed();
    await ok(['practice', 'adopt', 'Call back the same day', '--procedure', '1. Note the promised time.\n2. Call before it.'], undefined);
    await ok(['practice', 'add', 'Listen fully', '--tag', 'listening']);
    const old = await svc.run(['practice', 'adopt', 'Listen fully', '--procedure', 'Let them finish. <Then> summarise & ask.', '--review-every', '30'], {
      env: { SVC_NOW: '2026-01-15T09:00:00' },
    });
    if (old.code !== 0) throw new Error(old.stderr);
    await ok(['story', 'add', 'Ana called back the courier.', '--staff', 'Ana', '--when', '2026-03-17', '--tag', 'call-back']);
    await ok(['train', 'log', 'Call back the same day', '--people', 'Bo,Dee', '--on', '2026-03-01']);
  }

  interface Entry {
    practice: string;
    version: number;
    dueForReview: boolean;
    noEvidenceSinceAdoption: boolean;
    procedure: string;
    why: Array<{ id: number }>;
    coaches: Array<{ person: string }>;
    coverage: { trained: number; people: number; adopted: number };
    drifting: boolean;
  }

  it('lists each standard practice with its procedure, why, coaches and coverage, flagging reviews due and quiet practices', async () => {
    await seedPlaybook();
    const entries = await svc.json<Entry[]>(['playbook']);
    expect(entries.map((e) => [e.practice, e.version, e.dueForReview, e.noEvidenceSinceAdoption])).toEqual([
      ['Call back the same day', 1, false, false],
      ['Listen fully', 1, true, true],
    ]);
    const [callBack] = entries;
    expect(callBack?.procedure).toBe('1. Note the promised time.\n2. Call before it.');
    expect(callBack?.why.map((s) => s.id)).toEqual([1, 2]);
    expect(callBack?.coaches.map((c) => c.person)).toEqual(['Ana', 'Bo']);
    expect(callBack?.coverage).toEqual({ trained: 2, people: 4, adopted: 0 });
    // Drift is the report's own figure, with the same setting.
    expect(entries.filter((e) => e.drifting).map((e) => e.practice)).toEqual((await svc.json<{ drifting: string[] }>(['report'])).drifting);
    expect(entries.map((e) => e.drifting)).toEqual([false, true]);
    expect((await svc.json<Entry[]>(['playbook'], { env: { SVC_REPORT_DRIFT_WEEKS: '20' } })).map((e) => e.drifting)).toEqual([false, false]);

    const text = await ok(['playbook']);
    expect(text).toMatch(/^TEAM PLAYBOOK\n2 standard practices · 2026-03-18/);
    expect(text).toContain('Listen fully: review due since 2026-02-14');
    expect(text).toContain('Listen fully: no new stories show it since it became standard on 2026-01-15');
    expect(text).toContain(' - Call back the same day — version 1 · 2 of 4 trained\n - Listen fully — version 1 · 0 of 4 trained · drifting');
    expect(text).not.toMatch(/Call back the same day: (review due|no new stories)/);

    const md = await ok(['playbook', '--format', 'md']);
    expect(md).toMatch(/^## Listen fully$/m);
    expect(md).toContain('Let them finish. <Then> summarise & ask.'); // inside a code fence, verbatim
    expect(md).toMatch(/^> \*\*Warning:\*\* review due since 2026-02-14/m);
  });

  it('renders one self-contained, printable HTML file with a section per practice and escaped text', async () => {
    await seedPlaybook();
    const out = join(svc.dir, 'playbook.html');
    expect((await svc.run(['playbook', '--format', 'html', '--out', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const html = readFileSync(out, 'utf8');
    // Links only inside the page: the contents point to each standard.
    expect(html).not.toMatch(/<script|<link|src=|href="(?!#)|@import/);
    expect(html).toContain('@media print');
    const doc = parse(html);
    const contents = doc.querySelectorAll('section.overview ol.contents a');
    expect(contents.map((a) => a.getAttribute('href'))).toEqual(['#call-back-the-same-day', '#listen-fully']);
    for (const a of contents) expect(doc.querySelector(`section${a.getAttribute('href')} h2`)?.text).toBe(a.text);
    const practices = doc.querySelectorAll('section.practice');
    expect(practices.map((s) => s.querySelector('h2')?.text)).toEqual(['Call back the same day', 'Listen fully']);
    const [callBack, listen] = practices;
    // A numbered procedure reads as numbered steps; one plain paragraph stays as written.
    expect(callBack?.querySelectorAll('section.procedure ol li').map((li) => li.text)).toEqual(['Note the promised time.', 'Call before it.']);
    expect(callBack?.querySelectorAll('section.why blockquote')).toHaveLength(2);
    expect(callBack?.querySelectorAll('section.coaches li').map((li) => li.text.split(' ')[0])).toEqual(['Ana', 'Bo']);
    expect(callBack?.querySelector('.warning')).toBeNull();
    expect(listen?.querySelector('section.procedure pre')?.text).toBe('Let them finish. <Then> summarise & ask.');
    expect(listen?.querySelectorAll('.warning').map((w) => w.text)).toEqual([
      expect.stringContaining('drifting: no story has shown it for 4 weeks'),
      expect.stringContaining('review due since 2026-02-14'),
      expect.stringContaining('no new stories show it since it became standard on 2026-01-15'),
    ]);
  });

  it('is empty but fine with no standard practices, and refuses an unwritable --out', async () => {
    expect((await svc.run(['init'])).code).toBe(0);
    const empty = await svc.run(['playbook']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No standard practices yet');
    const bad = await svc.run(['playbook', '--out', join(svc.dir, 'missing', 'p.html'), '--format', 'html']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^svc: the directory .*missing does not exist\nhint: /);
  });
});
