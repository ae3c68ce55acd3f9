import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.ts';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process.ts';

// A new user types the README's examples in the order it gives them, on a new database:
// each one must work as printed.
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The command lines of the first sh block after the heading, as typed (comments and blank lines left out). */
function shBlockAfter(heading: string): string[] {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no heading "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(README.slice(start))?.[1] ?? '';
  return block.split('\n').filter((line) => words(line).length > 0);
}

/** A command line's words as a shell splits them: quoted words kept whole, a comment after an unquoted #. */
function words(line: string): string[] {
  const found: string[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = null;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= '';
    } else if (char === ' ') {
      if (word !== null) found.push(word);
      word = null;
    } else if (char === '#' && word === null) {
      break;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== null) found.push(word);
  return found;
}

/** The examples in a command's --help, as printed after "Examples:". */
function helpExamples(path: string[]): string[] {
  let command = buildProgram();
  for (const name of path) {
    const next = command.commands.find((c) => c.name() === name);
    if (!next) throw new Error(`no command svc ${path.join(' ')}`);
    command = next;
  }
  let text = '';
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  command.outputHelp();
  return text
    .slice(text.indexOf('Examples:'))
    .split('\n')
    .filter((line) => line.trim().startsWith('$ '))
    .map((line) => line.trim().slice(2));
}

let svc: InProcessSandbox;
beforeAll(() => {
  svc = inProcessSandbox();
});
afterAll(() => svc.cleanup());

/**
 * Runs one example line: `echo "…" | svc …` gives the text on stdin; files read and written
 * are the sandbox's; a line that asks in a terminal gets the keys given for it.
 */
async function runExample(line: string, typed: Record<string, string[]> = {}): Promise<{ code: number | null; stderr: string }> {
  const piped = /^echo (.*?) \| (svc .*)$/.exec(line);
  const args = words(piped ? (piped[2] ?? '') : line);
  expect(args[0], line).toBe('svc');
  const command = args.join(' ');
  const inSandbox = args.slice(1).map((word, i, all) => (all[i - 1] === '--out' && word !== '-') || existsSync(join(svc.dir, word)) ? join(svc.dir, word) : word);
  const answers = typed[command];
  const result = await svc.run(inSandbox, piped ? { input: `${words(piped[1] ?? '').join(' ')}\n` } : answers ? { tty: true, answers } : {});
  return { code: result.code, stderr: result.stderr };
}

describe('the README, typed in order on a new database', () => {
  it('runs every command of the short tour', async () => {
    const tour = shBlockAfter('## A short tour');
    expect(tour.length).toBeGreaterThan(15);
    for (const line of tour) {
      const result = await runExample(line);
      expect(result, `${line}\n${result.stderr}`).toMatchObject({ code: 0 });
    }
  });

  it('then listens to customers: import, pick, agree, log (one as a story crediting Bo), no reply', async () => {
    // The team's own list of customers, as the README's import line expects.
    svc.writeFile('customers.csv', ['name,email,segment', ...['Ann', 'Ben', 'Cal', 'Dot', 'Eve', 'Fay'].map((name) => `${name} Lee,${name.toLowerCase()}@example.org,retail`)].join('\n'));
    const typed = { 'svc interview log 1': ['\r', 'an advert\r', 'quick answers\r', 'longer hours\r', '\r'] };
    for (const line of shBlockAfter('## Listening to customers: three customers, three questions')) {
      const result = await runExample(line, typed);
      expect(result, `${line}\n${result.stderr}`).toMatchObject({ code: 0 });
    }
    const stories = await svc.json<Array<{ source: string; staff: string[] }>>(['stories', '--staff', 'Bo']);
    expect(stories.filter((story) => story.source === 'interview').map((story) => story.staff)).toEqual([['Bo']]);
  });

  it('then runs every example of svc story add --help', async () => {
    const lines = helpExamples(['story', 'add']);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      const result = await runExample(line);
      expect(result, `${line}\n${result.stderr}`).toMatchObject({ code: 0 });
    }
  });
});
