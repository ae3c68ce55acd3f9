import { Command, Option, type OutputConfiguration } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { messageLine } from '../core/safe-text.ts';
import { closestWord } from '../core/text.ts';
import { examples, lazy } from './action.ts';
import { isTerminal, write } from './streams.ts';
import { registerCalendarCommands } from './commands/calendar/register.ts';
import { registerChainCommands } from './commands/chain/register.ts';
import { registerConfigCommands } from './commands/config/register.ts';
import { registerDigestCommands } from './commands/digest/register.ts';
import { registerCustomerCommands } from './commands/customer/register.ts';
import { registerDbCommands } from './commands/db/register.ts';
import { registerDetectCommands } from './commands/detect/register.ts';
import { registerInterviewCommands } from './commands/interview/register.ts';
import { registerPeopleCommands } from './commands/people/register.ts';
import { registerPracticeCommands } from './commands/practice/register.ts';
import { registerReportCommands } from './commands/report/register.ts';
import { registerSearchCommands } from './commands/search/register.ts';
import { registerStoryCommands } from './commands/story/register.ts';
import { registerTagCommands } from './commands/tags/register.ts';
import { registerTransferCommands } from './commands/transfer/register.ts';

type Register = (program: Command) => void;

/** Every group of commands, in the order root help lists them. */
const ALL: readonly Register[] = [
  // In the loop's order, as --help lists them: collect, detect, train and incorporate,
  // monitor, listen, then the data itself. Practice comes before detect, which adds to it.
  registerStoryCommands,
  registerSearchCommands,
  registerPracticeCommands,
  registerDetectCommands,
  registerPeopleCommands,
  registerChainCommands,
  registerReportCommands,
  registerDigestCommands,
  registerCalendarCommands,
  registerCustomerCommands,
  registerInterviewCommands,
  registerTagCommands,
  registerTransferCommands,
  registerDbCommands,
  registerConfigCommands,
];

/** Top-level command names (aliases too) and the groups that register them; detect adds a practice subcommand. */
export const GROUPS: ReadonlyArray<readonly [names: readonly string[], registers: readonly Register[]]> = [
  [['story', 'stories'], [registerStoryCommands]],
  [['practices', 'practice', 'train', 'playbook'], [registerPracticeCommands, registerDetectCommands]],
  [['search'], [registerSearchCommands]],
  [['people', 'teams', 'team'], [registerPeopleCommands]],
  [['tags', 'tag'], [registerTagCommands]],
  [['init', 'db'], [registerDbCommands]],
  [['customer', 'customers'], [registerCustomerCommands]],
  [['interview', 'interviews'], [registerInterviewCommands]],
  [['export', 'import', 'backup'], [registerTransferCommands]],
  [['detect', 'reindex'], [registerDetectCommands]],
  [['report', 'meeting', 'status', 'demo'], [registerReportCommands]],
  [['config'], [registerConfigCommands]],
  [['calendar'], [registerCalendarCommands]],
  [['digest'], [registerDigestCommands]],
  [['chain'], [registerChainCommands]],
];

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

/**
 * The command tree. Only commander is loaded here; handlers load on use. Given the
 * command line, only the group its first word names is built (building every
 * command's options costs milliseconds at each start); help, bare `svc` and unknown
 * words get the whole tree.
 */
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
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      ...terminalAware(program.configureOutput()),
      outputError: (text, write) => {
        // Commander repeats what was typed: controls shown visibly, length bounded.
        write(`svc: ${messageLine(text.replace(/^error: /, '').trimEnd())}\n`);
        write('hint: add --help to the command to see what it takes\n');
      },
    })
    .addHelpText(
      'after',
      examples([
        'svc story add "Ana called the customer back within the hour" --staff Ana --tag call-back',
        'svc stories --since "2 weeks ago"',
        'svc search "called back"',
      ]),
    );

  const word = argv === undefined ? undefined : firstOperand(argv.slice(2));
  const group = word === undefined ? undefined : GROUPS.find(([names]) => names.includes(word));
  for (const register of group?.[1] ?? ALL) register(program);
  // Bare `svc`: where the team stands (or how to start). Anything else is an unknown
  // command; an argument (unlike allowExcessArguments) is not inherited by subcommands.
  const status = lazy(() => import('./commands/report/handlers.ts'), 'status');
  program
    .usage('[options] [command]')
    .argument('[command...]')
    .action((...received: unknown[]) => {
      const unknown = received[0] as string[];
      const word = unknown[0];
      if (word !== undefined) {
        const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
        const suggestion = closestWord(word, names);
        program.error(`unknown command '${word}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}`, { code: 'commander.unknownCommand', exitCode: 2 });
      }
      return status(...received.slice(1));
    });
  return program;
}
