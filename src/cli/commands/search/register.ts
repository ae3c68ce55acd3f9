import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { parseCount } from '../../options.ts';

export const searchCommands: CommandGroup = { names: ['search'], stage: 'collect', register: registerSearchCommands };

function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description('full-text search over stories, best match first, matching words highlighted')
    .argument('<query...>', 'words to find (all must appear; "call*" matches call, called, caller)')
    .option('-n, --limit <n>', 'how many results (default 20)', parseCount('--limit', 1, 1_000))
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc search "called back"', 'svc search refund --limit 5', 'svc search remember name --json']))
    .action(lazy(() => import('./handlers.ts'), 'search'));
}
