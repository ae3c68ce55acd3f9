import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { collectList } from '../../options.ts';

export const actionCommands: CommandGroup = { names: ['action', 'actions'], stage: 'listen', register: registerActionCommands };

function registerActionCommands(program: Command): void {
  const action = program
    .command('action')
    .alias('actions')
    .description("what the team will change, from what customers said: an owner, a due day, followed on the report's agenda until done")
    .addHelpText('after', examples(['svc action add --from-interview 9 --owner Ana --due "in 2 weeks"', 'svc actions', 'svc action done 3']));

  action
    .command('list', { isDefault: true })
    .description('open actions by due day, overdue ones flagged (the default)')
    .option('--all', 'done ones too')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc actions', 'svc action list --all', 'svc actions --json']))
    .action(lazy(() => import('./handlers.ts'), 'list'));

  action
    .command('add')
    .description('add an action; with --from-interview its text defaults to what the customer would change')
    .argument('[text]', 'what will change')
    .option('--owner <name>', 'who sees it through')
    .option('--due <date>', 'the day it should be done by (YYYY-MM-DD, friday, "next friday", "in 2 weeks")')
    .option('--from-interview <ids>', 'the interviews whose answers it came from (repeatable, comma-separated)', collectList)
    .option('--json', 'print the action as JSON')
    .addHelpText(
      'after',
      examples([
        'svc action add --from-interview 9 --owner Ana --due "in 2 weeks"',
        'svc action add "Open the phone line on Saturdays" --from-interview 2,9 --owner Bo --due "next friday"',
      ]),
    )
    .action(lazy(() => import('./handlers.ts'), 'add'));

  action
    .command('done')
    .description('mark an action done')
    .argument('<id>', 'the action id')
    .option('--on <date>', 'the day it was done (default: today)')
    .option('--json', 'print the action as JSON')
    .addHelpText('after', examples(['svc action done 4', 'svc action done 1 --on yesterday']))
    .action(lazy(() => import('./handlers.ts'), 'done'));

  action
    .command('show')
    .description('one action with the interview answers it came from')
    .argument('<id>', 'the action id')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc action show 2', 'svc action show 2 --json']))
    .action(lazy(() => import('./handlers.ts'), 'show'));
}
