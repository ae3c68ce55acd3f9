import type { Command } from 'commander';
import type { Context, GlobalOptions } from './context.ts';
import type { Stage } from '../core/status.ts';

/** What every command module exports: one run(options, ctx). */
export interface Handler<O> {
  run(options: O, ctx: Context): Promise<void> | void;
  /** Set by commands that save something: only they create a missing database. */
  readonly createsDatabase?: boolean;
  /** Set by commands whose output may run long: on a terminal it goes through the pager. */
  readonly pages?: boolean;
}

/** Options as handlers receive them: the command's flags plus its positional arguments. */
export type WithArgs<O> = O & { args: unknown[] };

/** What a group of handlers (a commands/<noun>/handlers.ts) exports: its handlers and runCommand. */
export interface HandlerGroup {
  runCommand<O>(handler: Handler<O>, options: O, globals: GlobalOptions): Promise<void>;
}

/** The names of a group's handlers. */
type HandlerName<G> = { [K in keyof G]: G[K] extends Handler<never> ? K : never }[keyof G] & string;

/**
 * A commander action that loads its group of handlers (and with it the context, which
 * loads the store) only when the command runs, so --help and --version touch neither.
 */
export function lazy<G extends HandlerGroup>(load: () => Promise<G>, name: HandlerName<G>) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received.at(-1) as Command;
    const args = received.slice(0, -2);
    const group = await load();
    const handler = group[name] as Handler<WithArgs<Record<string, unknown>>>;
    await group.runCommand(handler, { ...command.opts(), ...parentOptions(command), args }, command.optsWithGlobals<GlobalOptions>());
  };
}

/**
 * commander gives `tags VERB … --json` (or `tag list --used`) to the parent's option when
 * both define it: a subcommand that takes the option gets back what was typed, so it does
 * what it promises.
 */
function parentOptions(command: Command): Record<string, unknown> {
  const parent = command.parent;
  if (!parent) return {};
  const own = command.opts();
  const back: Record<string, unknown> = {};
  for (const option of command.options) {
    const name = option.attributeName();
    if (own[name] === undefined && parent.getOptionValueSource(name) === 'cli') back[name] = parent.opts()[name];
  }
  return back;
}

/** Where a group of commands sits: a stage of the loop, or beside it (customers, set-up). */
export type CommandStage = Stage | 'listen' | 'setup';

/**
 * A noun's commands: the top-level names (aliases too) they add, so that a command line
 * builds only the group its first word names, the stage root help lists them under, and
 * how to add them.
 */
export interface CommandGroup {
  names: readonly string[];
  stage: CommandStage;
  register(program: Command): void;
}

/** The "Examples:" block every command's help ends with. */
export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
