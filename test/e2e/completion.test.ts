import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, baseEnv, expectCleanError } from '../helpers/cli.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

let svc: InProcessSandbox;
beforeEach(async () => {
  svc = inProcessSandbox();
  for (const [text, staff, extra] of [
    ['Ana called the customer back the same day', 'Ana', ['--tag', 'call-back', '--customer', 'Dev Patel']],
    ['Zoë walked him to the right desk', 'Zoë', []],
  ] as const) {
    expect((await svc.run(['story', 'add', text, '--staff', staff, ...extra])).code).toBe(0);
  }
  expect((await svc.run(['practice', 'add', 'Call back the same day', '--tag', 'call-back'])).code).toBe(0);
  expect((await svc.run(['practice', 'add', 'Walk them to it'])).code).toBe(0);
  // The scripts call `svc` by name, as an installed one is.
  writeFileSync(join(svc.dir, 'svc'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(svc.dir, 'svc'), 0o755);
});
afterEach(() => svc.cleanup());

const complete = async (...words: string[]) => (await svc.run(['__complete', '--', ...words])).stdout.split('\n').filter(Boolean);
const values = async (...words: string[]) => (await complete(...words)).map((line) => line.split('\t')[0]);

/** Runs a real shell with the svc script on PATH; undefined when that shell is not installed. */
function shell(name: string, args: string[]): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) return undefined;
  const env = baseEnv(svc.db, { PATH: `${svc.dir}:${process.env.PATH ?? ''}`, HOME: svc.dir, XDG_CONFIG_HOME: svc.dir });
  const result = spawnSync(name, args, { env, encoding: 'utf8', timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

async function script(name: string): Promise<string> {
  const path = join(svc.dir, `completion.${name}`);
  writeFileSync(path, (await svc.run(['completion', name])).stdout);
  return path;
}

describe('svc __complete', () => {
  it('offers commands, subcommands and options with what they do', async () => {
    expect(await values('pra')).toEqual(['practices', 'practice']);
    expect(await values('practice', 'sh')).toEqual(['show']);
    expect(await complete('stories', '--st')).toEqual(['--staff\tonly stories crediting these people (repeatable: all must appear)']);
  });

  it('offers practices, people, tags, customers and story ids, typed loosely, from the database', async () => {
    expect(await complete('practice', 'show', 'call')).toEqual(['Call back the same day\t#1']);
    expect(await values('practice', 'show', '')).toEqual(['Call back the same day', 'Walk them to it']);
    expect(await values('stories', '--staff', 'zo')).toEqual(['Zoë']);
    expect(await values('stories', '--tag', 'CALL')).toEqual(['call-back']);
    expect(await values('customer', 'forget', 'dev')).toEqual(['Dev Patel']);
    expect(await values('train', 'schedule', 'w')).toEqual(['Walk them to it']);
    expect(await complete('story', 'show', '')).toEqual(['2\tZoë walked him to the right desk', '1\tAna called the customer back the same day']);
  });

  it('offers nothing for free text, and neither needs nor creates a database', async () => {
    expect(await complete('story', 'add', 'An')).toEqual([]);
    const missing = join(svc.dir, 'none.db');
    const result = await svc.run(['__complete', '--', 'practice', 'show', ''], { env: { SVC_DB: missing } });
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(missing)).toBe(false);
  });

  it('is hidden from help, unlike svc completion', async () => {
    const help = (await svc.run(['--help'])).stdout;
    expect(help).toMatch(/completion <shell>/);
    expect(help).not.toMatch(/__complete/);
  });

  it('refuses a shell it has no script for, changing nothing', async () => {
    const before = svc.snapshot();
    const result = await svc.run(['completion', 'tcsh']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expectCleanError(result.stderr, /^svc: SHELL "tcsh" is not one of bash, zsh, fish$/);
    expect(svc.snapshot()).toBe(before);
  });
});

describe('the completion scripts in real shells', () => {
  it('bash completes a long practice name as one quoted word, and a person', async () => {
    const path = await script('bash');
    const run = (words: string[]) =>
      shell('bash', ['--norc', '-c', `source ${path}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _svc_complete; printf '%s\\n' "\${COMPREPLY[@]}"`]);
    expect(run(['svc', 'practice', 'show', 'Call b'])).toBe('Call\\ back\\ the\\ same\\ day\n');
    expect(run(['svc', 'practice', 'show', '"wal'])).toBe('"Walk them to it"\n');
    expect(run(['svc', 'stories', '--staff', 'a'])).toBe('Ana\n');
  });

  it('zsh offers the same candidates (skipped only where zsh is not installed)', async (context) => {
    const path = await script('zsh');
    // compadd and compdef exist only inside the completion system: stand-ins print what they are given.
    const stubs = 'compdef() { :; }; compadd() { while [[ $1 != -- ]]; do shift; done; shift; print -l -- "$@"; }; _files() { print FILES; }';
    const out = shell('zsh', ['-f', '-c', `${stubs}; source ${path}; words=(svc practice show call); CURRENT=4; _svc; words=(svc stories --tag cal); CURRENT=4; _svc; words=(svc export --out x); CURRENT=4; _svc`]);
    if (out === undefined) return context.skip('zsh is not installed');
    expect(out).toBe('Call back the same day\ncall-back\nFILES\n');
    const registered = shell('zsh', ['-f', '-c', `autoload -Uz compinit && compinit -u -d ${svc.dir}/zcompdump; source ${path}; print \${_comps[svc]}`]);
    expect(registered).toBe('_svc\n');
  });

  it('fish completes through complete -C (skipped only where fish is not installed)', async (context) => {
    const path = await script('fish');
    const out = shell('fish', ['--no-config', '-c', `source ${path}; complete -C "svc practice show wa"; complete -C "svc stories --staff Zo"`]);
    if (out === undefined) return context.skip('fish is not installed');
    expect(out).toBe('Walk them to it\t#2\nZoë\t#2\n');
  });
});
