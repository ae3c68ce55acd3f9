import type { Command } from 'commander';
import { examples, lazy, type CommandGroup } from '../../action.ts';
import { documentOutputOptions } from '../../options.ts';

/** `svc playbook`: the standard procedures handbook. */
export const playbookCommands: CommandGroup = { names: ['playbook'], stage: 'incorporate', register: registerPlaybookCommands };

function registerPlaybookCommands(program: Command): void {
  documentOutputOptions(program.command('playbook').description('the standard procedures handbook: procedure, why, coaches, training coverage'))
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['svc playbook', 'svc playbook --format md > PLAYBOOK.md', 'svc playbook --format html --out playbook.html']))
    .action(lazy(() => import('./handlers.ts'), 'playbook'));
}
