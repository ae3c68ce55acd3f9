import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// Names typed loosely, as gh takes a repository: any case, accents optional, a unique prefix or the id.
let svc: InProcessSandbox;
beforeEach(async () => {
  svc = inProcessSandbox();
  expect((await svc.run(['story', 'add', 'Ana called the customer back the same day', '--staff', 'Ana', '--tag', 'call-back'])).code).toBe(0);
  expect((await svc.run(['story', 'add', 'Zoë remembered his order', '--staff', 'Zoë', '--customer', 'Dev Patel'])).code).toBe(0);
  expect((await svc.run(['story', 'add', 'Anselm covered the desk', '--staff', 'Anselm'])).code).toBe(0);
  expect((await svc.run(['practice', 'add', 'Call back the same day', '--tag', 'call-back'])).code).toBe(0);
  expect((await svc.run(['practice', 'add', 'Cover for a colleague'])).code).toBe(0);
});
afterEach(() => svc.cleanup());

const ids = async (args: string[]) => (await svc.json<Array<{ id: number }>>([...args, '--json'])).map((story) => story.id);

describe('names typed loosely', () => {
  it('finds a practice by prefix, any case, or its id', async () => {
    for (const typed of ['call back', 'CALL', 'call-back the same day', '1', '#1']) {
      const shown = await svc.run(['practice', 'show', typed]);
      expect(shown.code, typed).toBe(0);
      expect(shown.stdout.split('\n')[0]).toBe('Call back the same day (candidate)');
    }
  });

  it('filters stories by a person typed without accents or in part, and a tag typed loosely', async () => {
    expect(await ids(['stories', '--staff', 'zoe'])).toEqual([2]);
    expect(await ids(['stories', '--staff', 'ANS'])).toEqual([3]);
    expect(await ids(['stories', '--tag', '#Call Back'])).toEqual([1]);
  });

  it('shows ids in the terminal-free story list and in the JSON of practices and people', async () => {
    expect((await svc.run(['stories'])).stdout.split('\n')[0]).toMatch(/^id\t/);
    expect((await svc.json<Array<{ id: number; name: string }>>(['people', '--json'])).map((p) => p.id)).toEqual([1, 3, 2]);
  });

  it.each([
    ['an unknown person in a filter', ['stories', '--staff', 'Anna'], 3, /^svc: nobody called "Anna" appears in svc$/, /^hint: did you mean "Ana"\?/],
    ['an unknown tag in a filter', ['stories', '--tag', 'callback'], 3, /^svc: there is no tag "callback"$/, /^hint: did you mean "call-back"\?/],
    ['a practice nothing is close to', ['practice', 'show', 'xyzzy'], 3, /^svc: there is no practice "xyzzy"$/, /^hint: list practices with: svc practices/],
    ['a mistyped practice', ['practice', 'show', 'cover for a coleague'], 3, /there is no practice/, /^hint: did you mean "Cover for a colleague"\?/],
    ['an ambiguous practice prefix', ['practice', 'show', 'c'], 2, /^svc: "c" fits 2 practices: #1 Call back the same day, #2 Cover for a colleague$/, /^hint: type more of the name, or give the id/],
    ['an ambiguous person prefix', ['stories', '--staff', 'an'], 2, /"an" fits 2 people: #1 Ana, #3 Anselm/, /type more/],
    ['an unknown practice id', ['practice', 'status', '#42', 'retired'], 3, /there is no practice "#42"/, /svc practices/],
    ['an ambiguous practice in a status change', ['practice', 'status', 'c', 'adopted'], 2, /fits 2 practices/, /type more/],
    ['a prefix of a customer to forget', ['customer', 'forget', 'dev', '--yes'], 3, /no customer called "dev"$/, /^hint: did you mean "Dev Patel"\?/],
  ])('refuses %s, changing nothing', async (_name, args, code, message, hint) => {
    const before = svc.snapshot();
    const result = await svc.run(args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, message);
    expect(result.stderr.split('\n')[1]).toMatch(hint);
    expect(svc.snapshot()).toBe(before);
  });
});
