import { Command, Option, type OutputConfiguration } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { messageLine } from '../core/safe-text.ts';
import { closestWord } from '../core/text.ts';
import { examples, lazy, type CommandGroup, type CommandStage } from './action.ts';
import { setProgramBuilder } from './program-tree.ts';
import { isTerminal, write } from './streams.ts';
import { actionCommands } from './commands/action/register.ts';
import { signalCommands } from './commands/signal/register.ts';
import { assessCommands } from './commands/assess/register.ts';
import { calendarCommands } from './commands/calendar/register.ts';
import { chainCommands } from './commands/chain/register.ts';
import { completionCommands } from './commands/completion/register.ts';
import { configCommands } from './commands/config/register.ts';
import { customerCommands } from './commands/customer/register.ts';
import { dbCommands } from './commands/db/register.ts';
import { detectCommands } from './commands/detect/register.ts';
import { digestCommands } from './commands/digest/register.ts';
import { interviewCommands } from './commands/interview/register.ts';
import { peopleCommands } from './commands/people/register.ts';
import { playbookCommands } from './commands/playbook/register.ts';
import { practiceCommands } from './commands/practice/register.ts';
import { demoCommands, reportCommands } from './commands/report/register.ts';
import { searchCommands } from './commands/search/register.ts';
import { storyCommands } from './commands/story/register.ts';
import { tagCommands } from './commands/tags/register.ts';
import { trainCommands } from './commands/train/register.ts';
import { transferCommands } from './commands/transfer/register.ts';

/**
 * Every group of commands, in the order root help lists them under their stage's
 * heading; the headings come in the order their first group does. Each group names
 * its own top-level commands and its stage.
 */
export const GROUPS: readonly CommandGroup[] = [
  storyCommands,
  searchCommands,
  practiceCommands,
  trainCommands,
  playbookCommands,
  detectCommands,
  peopleCommands,
  chainCommands,
  reportCommands,
  demoCommands,
  digestCommands,
  calendarCommands,
  customerCommands,
  interviewCommands,
  actionCommands,
  assessCommands,
  signalCommands,
  tagCommands,
  transferCommands,
  dbCommands,
  configCommands,
  completionCommands,
];

/** Root help's heading for each stage. */
const STAGE_HEADINGS: Readonly<Record<CommandStage, string>> = {
  collect: 'Collect stories:',
  detect: 'Detect practices:',
  train: 'Train:',
  incorporate: 'Incorporate:',
  monitor: 'Monitor:',
  listen: 'Listen to customers:',
  setup: 'Set up and share:',
};

/**
 * Commander's output through svc's streams; off a terminal it need not look at Node's.
 * Widths are undefined there, as commander's own defaults return (its types say number).
 */
function terminalAware(defaults: OutputConfiguration): OutputConfiguration {
  const width = (name: 'stdout' | 'stderr', own: (() => number) | undefined) => () =>
    (isTerminal(name) ? own?.() : undefined) as number;
  return {
    writeOut: (text) => write('stdout', text),
    writeErr: (text) => write('stderr', text),
    getOutHelpWidth: width('stdout', defaults.getOutHelpWidth),
    getErrHelpWidth: width('stderr', defaults.getErrHelpWidth),
    // Help has no colour of its own: off a terminal there is nothing to keep.
    getOutHasColors: () => isTerminal('stdout') && (defaults.getOutHasColors?.() ?? false),
    getErrHasColors: () => isTerminal('stderr') && (defaults.getErrHasColors?.() ?? false),
  };
}

/** The first word of a command line that is not an option (or --db's value); none after a root --help. */
function firstOperand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    // Help asked before the command word is the root help, which lists every command.
    if (arg === '--' || arg === '--help' || /^-[^-]*h/u.test(arg)) return undefined;
    if (arg === '--db') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** `svc help [COMMAND…]`: the help of the command named, as `svc COMMAND… --help` shows it. */
function helpFor(program: Command, words: readonly string[]): void {
  let command = program;
  for (const word of words) {
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) {
      const suggestion = closestWord(word, command.commands.flatMap((c) => [c.name(), ...c.aliases()]));
      program.error(`unknown command '${[...words.slice(0, words.indexOf(word)), word].join(' ')}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}`, {
        code: 'commander.unknownCommand',
        exitCode: 2,
      });
    }
    command = sub;
  }
  command.outputHelp();
}

/**
 * The command tree. Only commander is loaded here; handlers load on use. Given the
 * command line, only the group its first word names is built (building every
 * command's options costs milliseconds at each start); help, bare `svc` and unknown
 * words get the whole tree.
 */
setProgramBuilder(() => buildProgram());

export function buildProgram(argv?: readonly string[]): Command {
  const program = new Command('svc');
  program
    .description(
      'Turn your team\'s best service moments into its standard way of working:\n' +
        'collect stories → detect practices → train → incorporate → monitor.',
    )
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .addOption(new Option('--db <path>', 'database file (default: $SVC_DB, else ~/.local/share/svc/svc.db)'))
    .option('--no-color', 'no colour in the output (NO_COLOR works too)')
    .option('--no-input', 'never prompt; fail with the missing flag instead')
    .option('-q, --quiet', 'no confirmations or hints on stderr (warnings and errors still show)')
    .option('--no-pager', 'never show long output through $SVC_PAGER / $PAGER (less)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      ...terminalAware(program.configureOutput()),
      outputError: (text, write) => {
        // Commander repeats what was typed: controls shown visibly, length bounded.
        // Its suggestion joins the line, as svc's own "did you mean" does: one line, then the hint.
        const line = text.replace(/^error: /, '').trimEnd().replace(/\s*\n\(Did you mean (.+)\?\)$/u, ' (did you mean $1?)')
          .replace(/ is invalid\. /u, ' is invalid: ');
        write(`svc: ${messageLine(line)}\n`);
        write('hint: add --help to the command to see what it takes\n');
      },
    })
    .addHelpText(
      'after',
      examples([
        'svc story add "Ana called the customer back within the hour" --staff Ana --tag call-back',
        'svc stories --since "2 weeks ago"',
        'svc search "called back"',
        'svc help story add',
      ]),
    );

  const word = argv === undefined ? undefined : firstOperand(argv.slice(2));
  const group = word === undefined ? undefined : GROUPS.find((g) => g.names.includes(word));
  for (const { stage, register } of group ? [group] : GROUPS) {
    const added = program.commands.length;
    register(program);
    for (const command of program.commands.slice(added)) command.helpGroup(STAGE_HEADINGS[stage]);
  }
  // Bare `svc`: where the team stands (or how to start). Anything else is an unknown
  // command; an argument (unlike allowExcessArguments) is not inherited by subcommands.
  const status = lazy(() => import('./commands/report/handlers.ts'), 'status');
  program
    .usage('[options] [command]')
    .argument('[command...]')
    .action((...received: unknown[]) => {
      const unknown = received[0] as string[];
      const word = unknown[0];
      if (word === 'help') return helpFor(program, unknown.slice(1));
      if (word !== undefined) {
        const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
        const suggestion = closestWord(word, names);
        program.error(`unknown command '${word}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}`, { code: 'commander.unknownCommand', exitCode: 2 });
      }
      return status(...received.slice(1));
    });
  return program;
}
