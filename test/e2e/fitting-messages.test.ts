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
