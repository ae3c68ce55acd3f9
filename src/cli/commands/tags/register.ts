import type { Command } from 'commander';
import { examples, lazy } from '../../action.ts';

export function registerTagCommands(program: Command): void {
  program
    .command('tags')
    .description('tags with how many stories use them (the default taxonomy included)')
    .option('--used', 'only tags at least one story uses')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc tags', 'svc tags --used --json']))
    .action(lazy(() => import('./handlers.ts'), 'list'));
}
