import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCleanError } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
beforeEach(async () => {
  svc = inProcessSandbox();
  expect((await svc.run(['init'])).code).toBe(0);
});
afterEach(() => svc.cleanup());

describe('svc help', () => {
  it('shows the help of the command named, however deep, as --help does', async () => {
    expect(await svc.run(['help', 'story', 'add'])).toEqual(await svc.run(['story', 'add', '--help']));
    expect((await svc.run(['help', 'story'])).stdout).toBe((await svc.run(['story', '--help'])).stdout);
    const root = await svc.run(['help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toBe((await svc.run(['--help'])).stdout);
    expect(root.stdout).toContain('svc help story add');
  });

  it('refuses an unknown command with the closest one', async () => {
    const result = await svc.run(['help', 'story', 'ad']);
    expect(result.code).toBe(2);
    expectCleanError(result.stderr, /^svc: unknown command 'story ad' \(did you mean add\?\)$/);
  });
});

describe('quiet output', () => {
  it('--quiet leaves the result on stdout and nothing on stderr', async () => {
    const result = await svc.run(['--quiet', 'story', 'add', 'Jo was kind', '--staff', 'Jo']);
    expect(result).toEqual({ code: 0, stdout: '1\n', stderr: '' });
    const loud = await svc.run(['story', 'add', 'Jo was kind again', '--staff', 'Jo']);
    expect(loud.stderr).toMatch(/Saved story #2/);
    expect(loud.stderr).toMatch(/^hint: /m);
  });

  it('--quiet still shows an error', async () => {
    const result = await svc.run(['-q', 'story', 'show', '9']);
    expect(result.code).toBe(3);
    expectCleanError(result.stderr, /story #9 does not exist/);
  });

  it('hints = false in the config file leaves out the hints after story add, not the confirmation', async () => {
    const env = { XDG_CONFIG_HOME: svc.dir };
    expect((await svc.run(['config', 'set', 'hints', 'false'], { env })).code).toBe(0);
    const result = await svc.run(['story', 'add', 'Jo was kind', '--staff', 'Jo'], { env });
    expect(result.stderr).toMatch(/^Saved story #1/);
    expect(result.stderr).not.toMatch(/hint:/);
  });
});

describe('small wording', () => {
  it('practice status X standard says how a practice becomes standard', async () => {
    expect((await svc.run(['practice', 'add', 'Call back the same day'])).code).toBe(0);
    const before = svc.snapshot();
    const result = await svc.run(['practice', 'status', 'call back', 'standard']);
    expect(result.code).toBe(2);
    expectCleanError(result.stderr, /^svc: a practice becomes standard with a written procedure$/);
    expect(result.stderr).toContain('hint: use: svc practice adopt "Call back the same day" --procedure "…"');
    expect(svc.snapshot()).toBe(before);
  });

  it('an empty playbook has no empty Contents heading, in any format', async () => {
    for (const format of ['text', 'md', 'html']) {
      const out = (await svc.run(['playbook', '--format', format])).stdout;
      expect(out, format).not.toMatch(/Contents/);
      expect(out, format).toMatch(/No standard practices yet/);
    }
  });
});

describe('root help', () => {
  it('lists the commands by the stage of the loop they serve', async () => {
    const help = (await svc.run(['--help'])).stdout;
    const headings = ['Collect stories:', 'Detect practices:', 'Train:', 'Incorporate:', 'Monitor:'];
    const at = headings.map((heading) => help.indexOf(`\n${heading}\n`));
    for (const [i, position] of at.entries()) expect(position, headings[i]).toBeGreaterThan(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const section = (heading: string) => help.slice(help.indexOf(`\n${heading}\n`)).split('\n\n')[0] ?? '';
    expect(section('Train:')).toMatch(/^ {2}train /mu);
    expect(section('Incorporate:')).toMatch(/^ {2}playbook /mu);
    expect(section('Collect stories:')).toMatch(/^ {2}story /mu);
  });
});
