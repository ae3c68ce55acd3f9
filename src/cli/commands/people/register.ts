import type { Command } from 'commander';
import { examples, lazy } from '../../action.ts';

export function registerPeopleCommands(program: Command): void {
  program
    .command('people')
    .description('the people in the stories, with story counts and their latest story')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc people', 'svc people --json']))
    .action(lazy(() => import('./list.ts')));
}
