import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRefused } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// Errors and hints that say something true for the command that printed them.

let svc: InProcessSandbox;
beforeEach(() => {
  svc = inProcessSandbox();
});
afterEach(() => svc.cleanup());

async function ok(args: string[]): Promise<string> {
  const result = await svc.run(args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stderr;
}

describe('practice status NAME standard', () => {
  it('is bad usage naming adopt for a step that is possible, and refused (exit 4) for one that is not', async () => {
    await ok(['practice', 'add', 'Walk them to it', '--tag', 'walk']);
    await ok(['practice', 'status', 'walk', 'adopted']);
    await expectRefused(svc, ['practice', 'status', 'walk', 'standard'], 2, /^svc: a practice becomes standard with a written procedure$/);
    await ok(['practice', 'retire', 'walk']);
    await expectRefused(svc, ['practice', 'status', 'walk', 'standard'], 4, /^svc: practice "Walk them to it" is retired; it cannot become standard$/);
  });
});

describe('an empty name', () => {
  it.each([
    [['practice', 'show', ''], /^svc: the practice name is empty$/],
    [['practice', 'show', '  '], /^svc: the practice name is empty$/],
    [['practice', 'status', '', 'adopted'], /^svc: the practice name is empty$/],
    [['people', 'show', ''], /^svc: the person's name is empty$/],
    [['tag', 'rename', '', 'kind'], /^svc: the tag name is empty$/],
    [['customer', 'forget', '', '--dry-run'], /^svc: the customer's name is empty$/],
  ])('svc %j is bad usage, not a name svc lacks', async (args, message) => {
    await ok(['story', 'add', 'Ana walked Mr Novak to the right shelf #walk', '--staff', 'Ana', '--customer', 'Mr Novak']);
    await ok(['practice', 'add', 'Walk them to it', '--tag', 'walk']);
    await expectRefused(svc, args, 2, message);
    expect((await svc.run(args)).stderr).toMatch(/\nhint: give a name or an id; list them with: svc \w+\n$/);
  });
});

describe('a date in the future', () => {
  // SVC_NOW keeps "tomorrow" a day after the interview's agreed call.
  const env = { SVC_NOW: '2026-03-18T10:00:00' };
  beforeEach(async () => {
    expect((await svc.run(['story', 'add', 'Ana walked Mr Novak to the right shelf #walk', '--staff', 'Ana', '--customer', 'Mr Novak'], { env })).code).toBe(0);
    expect((await svc.run(['practice', 'add', 'Walk them to it', '--tag', 'walk'], { env })).code).toBe(0);
    expect((await svc.run(['action', 'add', 'Label the shelves', '--owner', 'Ana', '--due', '2026-04-01'], { env })).code).toBe(0);
  });

  it.each([
    ['story add --when', ['story', 'add', 'Bo rang back', '--staff', 'Bo', '--when', 'tomorrow'], /^hint: a story records something that already happened/],
    ['train log --on', ['train', 'log', 'walk', '--people', 'Ana', '--on', 'tomorrow'], /^hint: a training is logged once it was held: give today or an earlier date; plan one ahead with svc train schedule$/],
    ['action done --on', ['action', 'done', '1', '--on', 'tomorrow'], /^hint: an action is marked done once it is done: give today or an earlier date$/],
    ['meeting held --on', ['meeting', 'held', '--on', 'tomorrow'], /^hint: a meeting is recorded once the team has met/],
    ['digest --since', ['digest', '--since', 'tomorrow'], /^hint: a digest covers what already happened/],
  ])('%s says why in the words of its command', async (_name, args, hint) => {
    const before = svc.snapshot();
    const result = await svc.run(args, { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^svc: --\w+ 2026-03-19 is in the future\n/);
    expect(result.stderr.split('\n')[1]).toMatch(hint);
    expect(svc.snapshot()).toBe(before);
  });

  it('signal import names the line and says a signal is a figure already measured', async () => {
    const file = svc.writeFile('signals.csv', 'date,practice,story,measure,value\n2026-03-19,walk,,response time,4\n');
    const before = svc.snapshot();
    const result = await svc.run(['signal', 'import', file], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('svc: line 2: date 2026-03-19 is in the future\nhint: a signal is a figure already measured: give today or an earlier date\n');
    expect(svc.snapshot()).toBe(before);
  });
});

describe('practice retire', () => {
  it.each([
    ['a candidate', [], /^hint: its stories are kept; it was a candidate, never in the playbook$/m],
    ['an adopted practice', [['practice', 'status', 'walk', 'adopted']], /^hint: its stories and trainings are kept; nobody is trained on it any more$/m],
    ['a standard', [['practice', 'adopt', 'walk', '--procedure', 'Walk the customer to the shelf.']], /^hint: its stories, trainings and procedures are kept; it has left the playbook$/m],
  ])('of %s says what is true of it', async (_name, steps, hint) => {
    await ok(['practice', 'add', 'Walk them to it', '--tag', 'walk']);
    for (const step of steps) await ok(step);
    const said = await ok(['practice', 'retire', 'walk']);
    expect(said).toMatch(/^Moved "Walk them to it" from \w+ to retired$/m);
    expect(said).toMatch(hint);
    expect(said.match(/^hint: /gm)).toHaveLength(1);
  });
});
