import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, GROUPS } from '../../src/cli/program.ts';

/** A command's subcommands and options, deep, as help would show them. */
function shape(command: Command | undefined): unknown {
  if (!command) return undefined;
  return {
    name: command.name(),
    options: command.options.map((o) => o.flags),
    commands: command.commands.map(shape),
  };
}

const namesOf = (command: Command) => [command.name(), ...command.aliases()];

describe('command groups built on their own', () => {
  const whole = buildProgram();

  it('name every top-level command exactly once', () => {
    const named = GROUPS.flatMap((group) => group.names);
    expect([...named].sort()).toEqual(whole.commands.flatMap(namesOf).sort());
  });

  it('build each command the same as the whole tree does', () => {
    for (const { names } of GROUPS) {
      for (const name of names) {
        const part = buildProgram(['node', 'svc', '--db', 'x.db', name, 'sub']);
        const find = (program: Command) => program.commands.find((c) => namesOf(c).includes(name));
        expect(shape(find(part)), name).toEqual(shape(find(whole)));
      }
    }
  });

  it('list each group under its stage in root help, one heading per stage', () => {
    const headingOf = (name: string) => whole.commands.find((c) => namesOf(c).includes(name))?.helpGroup();
    const headings = new Map<string, string>();
    for (const { names, stage } of GROUPS) {
      for (const name of names) {
        const heading = headingOf(name);
        expect(heading, name).toMatch(/:$/);
        expect(headings.get(stage) ?? heading, `${name} (${stage})`).toBe(heading);
        headings.set(stage, heading ?? '');
      }
    }
    expect(new Set(headings.values()).size).toBe(headings.size);
    expect(headings.get('train')).toBe('Train:');
    expect(headings.get('setup')).toBe('Set up and share:');
  });

  it('build the whole tree for root help, bare svc and unknown words', () => {
    const count = whole.commands.length;
    for (const argv of [[], ['--help'], ['-h', 'story'], ['stry'], ['help', 'story'], ['--', 'story']]) {
      expect(buildProgram(['node', 'svc', ...argv]).commands.length, argv.join(' ')).toBe(count);
    }
  });
});
