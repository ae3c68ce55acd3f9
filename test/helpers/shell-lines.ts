// The command lines a reader copies, from the README's sh blocks and svc's help, read
// as their shell reads them: the few shell forms the examples use, and nothing more.
import type { Command } from 'commander';
import { isAbsolute, join } from 'node:path';

/** Command lines as printed under one heading of a Markdown file, or on one command's help page. */
export interface Block {
  where: string;
  lines: string[];
}

/** Every sh block of a Markdown text with the heading it is under: continued lines joined, blank and comment lines left out. */
export function shBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let heading = '';
  let fence: string | null = null;
  let lines: string[] | null = null;
  for (const raw of markdown.split('\n')) {
    const text = raw.trim();
    if (fence === null) {
      if (/^#{1,6} /.test(raw)) heading = raw;
      const open = /^(`{3,})(\S*)$/.exec(text);
      if (open) {
        fence = open[1] ?? '```';
        lines = open[2] === 'sh' ? [] : null;
        if (lines) blocks.push({ where: heading, lines });
      }
    } else if (text === fence) {
      fence = null;
    } else if (lines) {
      const last = lines.length - 1;
      if (last >= 0 && lines[last]?.endsWith('\\')) lines[last] = `${lines[last]?.slice(0, -1).trimEnd()} ${text}`;
      else lines.push(text);
    }
  }
  for (const block of blocks) block.lines = block.lines.filter((line) => withoutComment(line) !== '');
  return blocks;
}

/** Every command's help examples, in the order `svc --help` and each group's help list the commands. */
export function helpExamples(program: Command): Block[] {
  const pages: Block[] = [];
  const visit = (command: Command, path: string[]) => {
    let text = '';
    command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
    command.outputHelp();
    const at = text.indexOf('\nExamples:');
    if (at >= 0) {
      const lines = text
        .slice(at)
        .split('\n')
        .filter((line) => line.trim().startsWith('$ '))
        .map((line) => line.trim().slice(2));
      pages.push({ where: ['svc', ...path, '--help'].join(' '), lines });
    }
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  return pages;
}

/** The line as typed: without its comment. */
export function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) quote = char === quote ? null : quote;
    else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || line[i - 1] === ' ')) return line.slice(0, i).trim();
  }
  return line.trim();
}

type Token = { word: string } | { op: '|' | '>' | '>>' | '&&' };

/** A command line's words and operators as a shell splits them: quotes kept whole, a comment after an unquoted #. */
function tokens(line: string): Token[] {
  const found: Token[] = [];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  const end = () => {
    if (word !== null) found.push({ word });
    word = null;
  };
  for (let i = 0; i < line.length; i++) {
    const char = line[i] ?? '';
    if (quote) {
      if (char === quote) quote = null;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= '';
    } else if (char === ' ') {
      end();
    } else if (char === '#' && word === null) {
      break;
    } else if (char === '|' || char === '>' || char === '&') {
      end();
      const pair = line.slice(i, i + 2);
      if (pair === '&&' || pair === '>>') i++;
      found.push({ op: pair === '&&' || pair === '>>' ? pair : (char as '|' | '>') });
    } else {
      word = (word ?? '') + char;
    }
  }
  end();
  return found;
}

/** One svc command of a line: its arguments, the variables set before it, stdin, and the file stdout goes to. */
export interface ShellCommand {
  args: string[];
  env: Record<string, string>;
  input?: string;
  out?: string;
}

/** The reader's machine as a line sees it: their home (~ and the working folder), the root (/), today's date. */
export interface Machine {
  home: string;
  root: string;
  today: string;
}

/**
 * The svc commands a line runs, in order: `svc …`, `NAME=VALUE svc …`, `echo "…" | svc …`,
 * `svc … > FILE`, several joined by &&; `$(date +%F)` is today, ~ the home, / the root.
 * Anything else throws: a line the test cannot type must be listed with the reason.
 */
export function shellCommands(line: string, machine: Machine): ShellCommand[] {
  const expanded = line.replaceAll('$(date +%F)', machine.today);
  const cannot = () => new Error(`cannot type ${line}: list it with the reason why not`);
  if (expanded.includes('$')) throw cannot();
  const path = (word: string) => {
    const found = /^(~\/|\/)(.*)$/.exec(word);
    return found ? join(found[1] === '~/' ? machine.home : machine.root, found[2] ?? '') : word;
  };
  const parts: Token[][] = [[]];
  for (const token of tokens(expanded)) {
    if ('op' in token && token.op === '&&') parts.push([]);
    else parts.at(-1)?.push(token);
  }
  return parts.map((part) => {
    const command: ShellCommand = { args: [], env: {} };
    let rest = part;
    const [echo, text, pipe] = rest;
    if (echo && 'word' in echo && echo.word === 'echo' && text && 'word' in text && pipe && 'op' in pipe && pipe.op === '|') {
      command.input = `${text.word}\n`;
      rest = rest.slice(3);
    }
    for (let i = 0; i < rest.length; i++) {
      const token = rest[i] ?? { word: '' };
      const next = rest[i + 1];
      if ('op' in token) {
        if (token.op !== '>' || !next || !('word' in next)) throw cannot();
        const target = path(next.word);
        command.out = isAbsolute(target) ? target : join(machine.home, target);
        i++;
      } else if (command.args.length === 0 && /^[A-Z_]+=/.test(token.word)) {
        const [name = '', ...value] = token.word.split('=');
        command.env[name] = path(value.join('='));
      } else {
        command.args.push(path(token.word));
      }
    }
    if (command.args.shift() !== 'svc') throw cannot();
    return command;
  });
}
