import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/core/messages.ts';
import { buildProgram } from '../../src/cli/program.ts';

/** Every text the catalogue can produce, functions called with placeholder arguments. */
function catalogueTexts(): string[] {
  return Object.entries(messages).flatMap(([key, value]) => {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown;
      const call = (placeholder: unknown) => String(fn(...Array.from({ length: fn.length }, () => placeholder)));
      // Text, a number or a list, whichever the function takes.
      let text: string | undefined;
      for (const placeholder of ['12', 12, ['12']]) {
        try {
          text = call(placeholder);
          break;
        } catch {
          // the next kind of placeholder
        }
      }
      const texts = [text ?? ''];
      if (key === 'importConflictHint') for (const table of ['customers', 'people', 'practices', 'tags', 'stories']) texts.push(String(fn(table)));
      return texts;
    }
    return [];
  });
}

const namesOf = (command: Command) => [command.name(), ...command.aliases()];

describe('the message catalogue', () => {
  it('names only commands and subcommands that exist', () => {
    const program = buildProgram();
    const named = new Set<string>();
    // A command line in a hint follows a colon, a bracket or a verb ("list them with: svc tags"),
    // where "svc" in prose ("a date svc understands") does not.
    const commandLine = /(?:: |\(|`|\b(?:run|use|try|with|by) )svc ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g;
    for (const text of catalogueTexts()) for (const match of text.matchAll(commandLine)) named.add(match.slice(1).filter(Boolean).join(' '));
    expect(named.size).toBeGreaterThan(20);
    expect([...named]).toEqual(expect.arrayContaining(['customer merge', 'people merge', 'tag merge', 'practice rename']));
    for (const words of named) {
      const [top, sub] = words.split(' ');
      const command = program.commands.find((c) => namesOf(c).includes(top ?? ''));
      expect(command, `svc ${top}`).toBeDefined();
      if (sub && command && command.commands.length > 0) {
        expect(command.commands.some((c) => namesOf(c).includes(sub)), `svc ${words}`).toBe(true);
      }
    }
  });
});
