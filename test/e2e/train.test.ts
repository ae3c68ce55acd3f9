import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';
import { KEY, Terminal } from '../helpers/terminal.ts';

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

async function story(args: string[]): Promise<void> {
  const result = await svc.run(['story', 'add', ...args]);
  if (result.code !== 0) throw new Error(result.stderr);
}

async function ok(args: string[]): Promise<string> {
  const result = await svc.run(args);
  if (result.code !== 0) throw new Error(`svc ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/**
 * Ana shows the practice three times (one with its impact noted), Bo and Cy once each,
 * Dee never: the plan should quote Ana's impact story, Bo's and Cy's — not Ana thrice.
 */
async function seedPlan(): Promise<void> {
  await story(['The customer had been charged twice. Ana called the bank and refunded the charge on the spot.', '--staff', 'Ana', '--customer', 'Mrs Diaz', '--impact', 'Money back the same day', '--trigger', 'recovery', '--channel', 'phone', '--when', '2026-01-10', '--tag', 'call-back']); // #1
  await story(['Ana called back before lunch as promised.', '--staff', 'Ana', '--when', '2026-03-12', '--tag', 'call-back']); // #2
  await story(['Ana phoned the supplier back within the hour.', '--staff', 'Ana', '--when', '2026-03-14', '--tag', 'call-back']); // #3
  await story(['Bo called the customer back the same afternoon with the fix.', '--staff', 'Bo', '--when', '2026-03-02', '--tag', 'call-back']); // #4
  await story(['Cy rang back the courier before closing.', '--staff', 'Cy', '--when', '2026-02-20', '--tag', 'call-back']); // #5
  await story(['Dee tidied the shelves.', '--staff', 'Dee', '--when', '2026-03-01']); // #6
  await ok(['practice', 'add', 'Call back the same day', '--tag', 'call-back', '--description', 'Every open question gets a call before we close']);
}

interface Plan {
  warning: string | null;
  stories: Array<{ id: number }>;
  coaches: Array<{ person: string; stories: number }>;
  questions: string[];
  rolePlay: { storyId: number; customer: string; situation: string; action: string } | null;
}

describe('svc train plan', () => {
  it('quotes the strongest stories of different people, names the peers as coaches, and role-plays a real story', async () => {
    await seedPlan();
    const plan = await svc.json<Plan>(['train', 'plan', 'Call back the same day']);
    expect(plan.warning).toBeNull();
    expect(plan.stories.map((s) => s.id)).toEqual([1, 4, 5]);
    expect(plan.coaches.map((c) => [c.person, c.stories])).toEqual([
      ['Ana', 3],
      ['Bo', 1],
      ['Cy', 1],
    ]);
    expect(plan.questions).toHaveLength(3);
    expect(plan.rolePlay).toMatchObject({
      storyId: 1,
      customer: 'Mrs Diaz',
      situation: 'The customer had been charged twice.',
      action: 'Ana called the bank and refunded the charge on the spot.',
    });

    const text = await ok(['train', 'plan', 'call back the same day']);
    expect(text).toContain('Every open question gets a call before we close');
    expect(text).toContain('“Bo called the customer back the same afternoon with the fix.”');
    expect(text).toContain('Impact: Money back the same day');
    expect(text).not.toContain('Dee tidied');
    expect(text).not.toContain('Ana phoned the supplier'); // Ana is already quoted: the others come first

    expect(await ok(['train', 'plan', 'Call back the same day', '--out', '-'])).toBe(text);

    const md = await ok(['train', 'plan', 'Call back the same day', '--format', 'md']);
    expect(md).toMatch(/^# Training plan: Call back the same day$/m);
    expect(md).toMatch(/^## Peer coaches$/m);
    expect(md).toMatch(/^> Cy rang back the courier before closing\.$/m);
  });

  it('writes one self-contained HTML file, readable by its owner only, with the sections and escaped text', async () => {
    await seedPlan();
    await story(['<script>alert(1)</script> Eve called back & apologised.', '--staff', 'Eve <b>', '--when', '2026-03-17', '--tag', 'call-back']);
    const out = join(svc.dir, 'plan.html');
    const result = await svc.run(['train', 'plan', 'Call back the same day', '--format', 'html', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Wrote the training plan to ${out}`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script|src=|href=/);
    const doc = parse(html);
    expect(doc.querySelector('h1')?.text).toBe('Training plan: Call back the same day');
    const roles = doc.querySelectorAll('section').map((s) => s.classList.value[0]);
    expect(roles).toEqual(['why', 'procedure', 'still-to-train', 'stories', 'coaches', 'questions', 'role-play', 'sign-in']);
    const quotes = doc.querySelectorAll('section.stories blockquote').map((q) => q.text);
    expect(quotes[0]).toBe('The customer had been charged twice. Ana called the bank and refunded the charge on the spot.');
    expect(quotes).toContain('<script>alert(1)</script> Eve called back & apologised.');
    expect(doc.querySelectorAll('section.coaches li').map((li) => li.text.split(' — ')[0])).toEqual(['Ana', 'Eve <b>', 'Bo']);
    expect(doc.querySelectorAll('section.questions ol li')).toHaveLength(3);
    // Nobody has had a session: everyone is still to train, and on the sign-in sheet with blank lines to sign.
    expect(doc.querySelectorAll('section.still-to-train li').map((li) => li.text)).toEqual(['Ana', 'Bo', 'Cy', 'Dee', 'Eve <b>']);
    const sheet = doc.querySelectorAll('section.sign-in table.sign-in tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.text));
    expect(sheet).toEqual([['Ana', ''], ['Bo', ''], ['Cy', ''], ['Dee', ''], ['Eve <b>', ''], ['', ''], ['', ''], ['', ''], ['', '']]);
    expect(doc.querySelector('section.procedure p')?.text).toContain('Not written yet');
  });

  it('includes the written procedure of a standard as numbered steps, and leaves the trained off the list', async () => {
    await seedPlan();
    await ok(['train', 'log', 'Call back the same day', '--people', 'ana,Bo', '--on', '2026-03-05']);
    await ok(['practice', 'adopt', 'Call back the same day', '--procedure', '1. Note the promised time.\n2. Call before it.']);
    const plan = await svc.json<Plan & { stillToTrain: string[]; procedure: { version: number; text: string } }>(['train', 'plan', 'Call back the same day']);
    expect(plan.stillToTrain).toEqual(['Cy', 'Dee']);
    expect(plan.procedure).toEqual({ version: 1, text: '1. Note the promised time.\n2. Call before it.' });
    const out = join(svc.dir, 'plan.html');
    expect((await svc.run(['train', 'plan', 'Call back the same day', '--format', 'html', '--out', out])).code).toBe(0);
    const doc = parse(readFileSync(out, 'utf8'));
    expect(doc.querySelector('section.procedure h2')?.text).toBe('The procedure (version 1)');
    expect(doc.querySelectorAll('section.procedure ol li').map((li) => li.text)).toEqual(['Note the promised time.', 'Call before it.']);
    expect(doc.querySelectorAll('section.sign-in tbody tr td:first-child').map((td) => td.text)).toEqual(['Cy', 'Dee', '', '', '', '']);
    const text = await ok(['train', 'plan', 'Call back the same day']);
    expect(text).toContain('Who still needs training\n========================\n\n2 people have had no session on it yet:\n\n - Cy\n - Dee');
    expect(text).toMatch(/^Cy {12}_{12}$/m);
  });

  it('warns when fewer than two stories show the practice', async () => {
    await story(['Ana called back.', '--staff', 'Ana', '--tag', 'call-back']);
    await ok(['practice', 'add', 'Call back', '--tag', 'call-back']);
    const result = await svc.run(['train', 'plan', 'Call back']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: only 1 evidence story/m);
    expect(result.stdout).toMatch(/^! only 1 evidence story/m);
  });

  it('refuses an unknown practice (3) and an unknown format (2)', async () => {
    await seedPlan();
    expect((await svc.run(['train', 'plan', 'Nope'])).code).toBe(3);
    const format = await svc.run(['train', 'plan', 'Call back the same day', '--format', 'pdf']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format "pdf" is not one of text, md, html');
  });
});

describe('svc train log and list', () => {
  it('records a session from flags, creating people on first mention', async () => {
    await seedPlan();
    const result = await svc.run(['train', 'log', 'Call back the same day', '--people', 'Bo, Cy', '--people', 'Finn', '--on', '2026-03-05', '--facilitator', 'Ana', '--notes', 'role-played story #1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('1\n');
    expect(result.stderr).toContain('new person: Finn (check the spelling');
    const [session] = await svc.json<Array<Record<string, unknown>>>(['train', 'list']);
    expect(session).toMatchObject({ id: 1, practice: 'Call back the same day', heldOn: '2026-03-05', facilitator: 'Ana', attendees: ['Bo', 'Cy', 'Finn'], notes: 'role-played story #1' });
    expect((await ok(['train', 'list'])).split('\n')[1]).toBe('1\t2026-03-05\tCall back the same day\tAna\tBo, Cy, Finn\trole-played story #1');
    expect(await svc.json<unknown[]>(['train', 'list', '--practice', 'Call back the same day'])).toHaveLength(1);
  });

  it('names the person a mistyped attendee may be, as story add does', async () => {
    await seedPlan();
    const result = await svc.run(['train', 'log', 'Call back the same day', '--people', 'Bo,Anna', '--on', '2026-03-05']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('new person: Anna; did you mean "Ana"? If so: svc people merge "Anna" "Ana"\n');
    expect(result.stderr).not.toContain('new person: Bo');
  });

  it('without --people and without a terminal, refuses naming --people; bad dates and retired practices are refused too', async () => {
    await seedPlan();
    await ok(['practice', 'add', 'Old habit']);
    await ok(['practice', 'retire', 'Old habit']);
    const before = svc.snapshot();
    const missing = await svc.run(['train', 'log', 'Call back the same day']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^svc: .*no attendees.*\nhint: .*--people/);
    expect((await svc.run(['train', 'log', 'Call back the same day', '--people', 'Bo', '--on', 'next week'])).code).toBe(2);
    expect((await svc.run(['train', 'log', 'Call back the same day', '--people', 'Bo', '--on', '2026-04-01'])).code).toBe(2);
    expect((await svc.run(['train', 'log', 'Nope', '--people', 'Bo'])).code).toBe(3);
    const retired = await svc.run(['train', 'log', 'Old habit', '--people', 'Bo']);
    expect(retired.code).toBe(4);
    expect(retired.stderr).toContain('is retired');
    expect(svc.snapshot()).toBe(before);
  });

  it('in a terminal without --people, offers a checkbox list of people', async () => {
    await seedPlan();
    const term = new Terminal(['train', 'log', 'Call back the same day', '--facilitator', 'Dee'], svc.db);
    await term.waitFor('Who attended?');
    await term.waitFor('Cy');
    await term.type(KEY.space); // Ana
    await term.type(KEY.down + KEY.down + KEY.space); // Cy
    await term.type(KEY.enter);
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Logged training #1');
    expect((await svc.json<Array<{ attendees: string[]; facilitator: string }>>(['train', 'list']))[0]).toMatchObject({ attendees: ['Ana', 'Cy'], facilitator: 'Dee' });
  });
});

describe('svc train log cancelled', () => {
  it('saves nothing and exits 130 on Ctrl-C at the checkbox list', async () => {
    await seedPlan();
    const before = svc.snapshot();
    const term = new Terminal(['train', 'log', 'Call back the same day'], svc.db);
    await term.waitFor('Who attended?');
    await term.type(KEY.space);
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(svc.snapshot()).toBe(before);
  });
});

interface Matrix {
  people: string[];
  practices: Array<{
    practice: string;
    star: string | null;
    trainedOutsideStar: number;
    adoption: { trained: number; adopted: number } | null;
    cells: Array<{ person: string; state: string; trainedOn: string | null }>;
  }>;
}

describe('svc train status', () => {
  it('says nobody at all has been trained on a practice no session was held on, not "nobody outside its star"', async () => {
    await story(['Tom lent a spare while theirs was repaired.', '--staff', 'Tom', '--when', '2026-03-01', '--tag', 'lend']);
    await story(['Tom lent a spare again.', '--staff', 'Tom', '--when', '2026-03-04', '--tag', 'lend']);
    await story(['Sam lent a spare.', '--staff', 'Sam', '--when', '2026-03-05', '--tag', 'lend']);
    await ok(['practice', 'add', 'Lend a spare', '--tag', 'lend']);
    await ok(['practice', 'status', 'Lend a spare', 'adopted']);
    const text = await svc.run(['train', 'status']);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('⚠ Lend a spare: nobody has been trained on it — log a session: svc train log "Lend a spare" --people …\n');
    expect(text.stderr).not.toContain('outside its star');
    expect((await svc.json<{ practices: Array<{ star: string | null; trainedOutsideStar: number; adoption: unknown }> }>(['train', 'status'])).practices).toMatchObject([
      { star: 'Tom', trainedOutsideStar: 0, adoption: null },
    ]);
  });

  it('shows adopted after training, trained, untrained with evidence and gaps, and flags practices only the star was trained on', async () => {
    // Call back: Ana is the star (untrained), Bo trained then showed it, Cy trained but showed it only before, Dee nothing.
    await story(['Ana called back.', '--staff', 'Ana', '--when', '2026-03-01', '--tag', 'call-back']);
    await story(['Ana called back again.', '--staff', 'Ana', '--when', '2026-03-03', '--tag', 'call-back']);
    await story(['Cy called back.', '--staff', 'Cy', '--when', '2026-03-02', '--tag', 'call-back']);
    await story(['Bo called back.', '--staff', 'Bo', '--when', '2026-03-10', '--tag', 'call-back']);
    await story(['Dee stocked the shelves.', '--staff', 'Dee', '--when', '2026-03-10']);
    await story(['Ana listened to the whole complaint.', '--staff', 'Ana', '--when', '2026-03-11', '--tag', 'listening']);
    await ok(['practice', 'add', 'Call back', '--tag', 'call-back']);
    await ok(['practice', 'add', 'Listen fully', '--tag', 'listening']);
    await ok(['practice', 'add', 'Still a candidate']);
    await ok(['practice', 'status', 'Call back', 'adopted']);
    await ok(['practice', 'status', 'Listen fully', 'adopted']);
    await ok(['train', 'log', 'Call back', '--people', 'Bo,Cy', '--on', '2026-03-05']);
    await ok(['train', 'log', 'Listen fully', '--people', 'Ana', '--on', '2026-03-05']);

    const matrix = await svc.json<Matrix>(['train', 'status']);
    expect(matrix.people).toEqual(['Ana', 'Bo', 'Cy', 'Dee']);
    expect(matrix.practices.map((p) => p.practice)).toEqual(['Call back', 'Listen fully']);
    const [callBack, listen] = matrix.practices;
    expect(callBack?.cells.map((c) => [c.person, c.state, c.trainedOn])).toEqual([
      ['Ana', 'untrained-evidence', null],
      ['Bo', 'adopted', '2026-03-05'],
      ['Cy', 'trained', '2026-03-05'],
      ['Dee', 'gap', null],
    ]);
    expect(callBack).toMatchObject({ star: 'Ana', trainedOutsideStar: 2, adoption: { trained: 2, adopted: 1 } });
    expect(listen).toMatchObject({ star: 'Ana', trainedOutsideStar: 0 });

    const text = await svc.run(['train', 'status']);
    expect(text.stdout.split('\n')).toContain('Call back\tBo\tadopted\t2026-03-05\t2026-03-10');
    expect(text.stderr).toMatch(/⚠ Listen fully: nobody outside its star \(Ana\) has been trained on it/);
    expect(text.stderr).not.toMatch(/⚠ Call back/);

    const one = await svc.json<Matrix>(['train', 'status', '--practice', 'still a candidate']);
    expect(one.practices.map((p) => p.practice)).toEqual(['Still a candidate']);
  });
});
